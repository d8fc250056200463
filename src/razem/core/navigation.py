"""The menus, built from what the apps register (``razem.core.registry.navigation``)."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from razem.core import registry


def menu(request: HttpRequest, *, staff: bool) -> list[dict[str, Any]]:
    """The entries of the public menu (or of the office panel's), each with its URL and whether it is the page
    shown ("page"), a page under it ("true"), or neither ("")."""
    path = request.path
    items = []
    for entry in registry.navigation:
        if entry.staff != staff:
            continue
        url = reverse(entry.url_name)
        current = "page" if path == url else ("true" if url != "/" and path.startswith(url) else "")
        if not current and entry.namespaces:
            match = getattr(request, "resolver_match", None)
            if match is not None and match.namespace in entry.namespaces:
                current = "true"
        items.append({"key": entry.key, "label": entry.label, "url": url, "current": current})
    return items
