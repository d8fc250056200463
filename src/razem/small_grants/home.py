"""Small grants on the home page (``registry.home_sections``): the offers published for comments now ("now"), as
the public list shows them (``selectors.public_open``: the same offers in the same order)."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from razem.grants.models import Offer
from razem.small_grants.models import SmallGrant

# A default of the home page (no rule of law or of the office's practice): how many offers it lists.
SHOWN = 3
_PK = 987654321  # stands for the offer's pk in the reversed address, replaced per row


def open_for_comments(request: Any) -> dict[str, Any] | None:
    """Open now: small-grant offers anyone may comment on (one query, only the columns shown)."""
    offers = list(
        SmallGrant.objects.filter(
            published_on__isnull=False,
            offer__kind=Offer.Kind.SMALL_GRANT,
            offer__status=Offer.Status.PUBLISHED,
            comments_until__gte=timezone.localdate(),
        )
        .order_by("comments_until", "id")
        .values("offer_id", "offer__title", "offer__organization__name", "comments_until")[: SHOWN + 1]
    )
    if not offers:
        return None
    url = reverse("small_grants:detail", args=[_PK])
    shown = [
        {
            "url": url.replace(str(_PK), str(row["offer_id"])),
            "title": row["offer__title"],
            "organization": row["offer__organization__name"],
            "comments_until": row["comments_until"],
        }
        for row in offers[:SHOWN]
    ]
    return {"offers": shown, "more": len(offers) > SHOWN}


def register(registry: Any) -> None:
    registry.home_sections.register(
        registry.HomeSection("small_grants_open", "small_grants/home/_open.html", open_for_comments, 30, "now")
    )
