"""Grants on the home page (``registry.home_sections``): the offers the person's organizations are called to
correct ("for_you") and the calls for offers open now ("now"; published calls only, never a draft)."""

from typing import Any
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS

from razem.grants.models import CorrectionRequest
from razem.grants.selectors.calls import open_calls, with_funds_total
from razem.organizations.selectors import organization_ids_acted_for

# A default of the home page (no rule of law or of the office's practice): how many items a section lists.
SHOWN = 4
# Stand for a pk and a slug in a reversed address, replaced per row (quoted as ``reverse`` quotes them).
_PK = 987654321
_SLUG = "__slug__"
_SAFE = RFC3986_SUBDELIMS + "/~:@"


def corrections_waiting(request: Any) -> dict[str, Any] | None:
    """For you: the open calls for corrections of the offers of the organizations you act for, the soonest due
    first (one query, only the columns shown; none when the person acts for no organization)."""
    acting = organization_ids_acted_for(request)
    if not acting:
        return None
    rows = list(
        CorrectionRequest.objects.filter(status=CorrectionRequest.Status.OPEN, offer__organization_id__in=acting)
        .order_by("due_date", "id")
        .values("offer_id", "offer__title", "offer__organization__name", "offer__call__number", "due_date")[:SHOWN]
    )
    if not rows:
        return None
    url = reverse("grants:offer", args=[_PK])
    corrections = [
        {
            "url": url.replace(str(_PK), str(row["offer_id"])),
            "title": row["offer__title"],
            "organization": row["offer__organization__name"],
            "call": row["offer__call__number"] or "",  # a small grant has no call
            "due_date": row["due_date"],
        }
        for row in rows
    ]
    return {"corrections": corrections}


def calls_open(request: Any) -> dict[str, Any] | None:
    """Open now: the calls accepting offers, the soonest deadline first, with the funds announced (one query, only
    the columns shown)."""
    rows = list(
        with_funds_total(open_calls(timezone.now()))
        .order_by("submission_deadline", "id")
        .values("slug", "title", "submission_deadline", "funds_total")[:SHOWN]  # type: ignore[misc]
    )
    if not rows:
        return None
    url = reverse("grants:call", args=[_SLUG])
    calls = [{**row, "url": url.replace(_SLUG, quote(row["slug"], safe=_SAFE))} for row in rows]
    return {"calls": calls}


def register(registry: Any) -> None:
    registry.home_sections.register(
        registry.HomeSection("grants_corrections", "grants/home/_corrections.html", corrections_waiting, 40, "for_you")
    )
    registry.home_sections.register(
        registry.HomeSection("grants_open", "grants/home/_open.html", calls_open, 20, "now")
    )
