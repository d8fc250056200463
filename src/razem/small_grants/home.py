"""Small grants on the home page (``registry.home_sections``): the offers published for comments now ("now"), as
the public list shows them (``selectors.public_open``)."""

from typing import Any

from django.utils import timezone

from razem.small_grants.selectors import public_open

# A default of the home page (no rule of law or of the office's practice): how many offers it lists.
SHOWN = 3


def open_for_comments(request: Any) -> dict[str, Any] | None:
    """Open now: small-grant offers anyone may comment on (one query)."""
    offers = list(public_open(timezone.localdate())[: SHOWN + 1])
    if not offers:
        return None
    return {"offers": offers[:SHOWN], "more": len(offers) > SHOWN}


def register(registry: Any) -> None:
    registry.home_sections.register(
        registry.HomeSection("small_grants_open", "small_grants/home/_open.html", open_for_comments, 30, "now")
    )
