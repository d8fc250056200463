"""The menus, built from what the apps register (``razem.core.registry.navigation``).

The public menu shows its first ``PRIMARY_MODULES`` modules on the bar and the others under "More" (a dropdown on
wide screens, plain links in the collapsed menu of narrow ones), so that the bar never wraps at 1280 px, with the
account links beside it, however many modules arrive."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from razem.core import registry

# How many public modules sit on the bar before the rest go under "More". At 1280 px the bar holds the site's name
# (the link home), six modules or five and "More", and the account links (Notifications with its badge, the
# account menu, the language) with room to spare, in Polish and in English: tests/e2e/test_nav.py measures it.
PRIMARY_MODULES = 6


def menu(request: HttpRequest, *, staff: bool) -> list[dict[str, Any]]:
    """The entries of the public menu (or of the office panel's), each with its URL, whether it is the page
    shown ("page"), a page under it ("true"), or neither (""), and whether it goes under "More" (``more``)."""
    path = request.path
    items: list[dict[str, Any]] = []
    for entry in registry.navigation:
        if entry.staff != staff:
            continue
        url = reverse(entry.url_name)
        current = "page" if path == url else ("true" if url != "/" and path.startswith(url) else "")
        if not current and entry.namespaces:
            match = getattr(request, "resolver_match", None)
            if match is not None and match.namespace in entry.namespaces:
                current = "true"
        more = not staff and len(items) >= PRIMARY_MODULES
        items.append({"key": entry.key, "label": entry.label, "url": url, "current": current, "more": more})
    return items
