"""What the grant_figures app contributes to the kernel's registries: the public menu's "Grants in figures" and
the section "Course of the call" on a call's public page (first in its main column). It holds no personal data
(aggregates only) and has no jobs, panel card or demo of its own: its figures come from the other apps' demo."""

from typing import Any


def _call_path(call: Any, user: Any) -> dict[str, Any] | None:
    from razem.grant_figures.selectors.path import path_context

    return path_context(call, user)


def _list_link(obj: Any, user: Any) -> dict[str, Any]:
    return {}


def register() -> None:
    from razem.core import registry

    # Reached from the list of calls (a page section "grants.list"), under the "Grants" entry of the menu.
    registry.page_sections.register(
        registry.PageSection("grants.list", "grant_figures_link", "grant_figures/_list_link.html", _list_link, 20)
    )
    registry.page_sections.register(
        registry.PageSection("grants.call", "grant_figures_path", "grant_figures/_call_path.html", _call_path, 10)
    )
