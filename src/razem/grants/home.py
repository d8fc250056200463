"""Grants on the home page (``registry.home_sections``): the offers the person's organizations are called to
correct ("for_you") and the calls for offers open now ("now"; published calls only, never a draft)."""

from typing import Any

from django.utils import timezone

from razem.grants.models import CorrectionRequest
from razem.grants.selectors.calls import open_calls, with_funds_total
from razem.organizations.models import Membership

# A default of the home page (no rule of law or of the office's practice): how many items a section lists.
SHOWN = 4


def corrections_waiting(request: Any) -> dict[str, Any] | None:
    """For you: the open calls for corrections of the offers of the organizations you act for, the soonest due
    first (one query)."""
    acting = Membership.objects.acting().filter(user=request.user).values("organization_id")
    corrections = list(
        CorrectionRequest.objects.filter(status=CorrectionRequest.Status.OPEN, offer__organization__in=acting)
        .select_related("offer", "offer__call", "offer__organization")
        .defer("offer__call__search_text")
        .order_by("due_date", "id")[:SHOWN]
    )
    if not corrections:
        return None
    return {"corrections": corrections}


def calls_open(request: Any) -> dict[str, Any] | None:
    """Open now: the calls accepting offers, the soonest deadline first, with the funds announced (one query)."""
    calls = list(
        with_funds_total(open_calls(timezone.now())).defer("search_text").order_by("submission_deadline", "id")[:SHOWN]
    )
    if not calls:
        return None
    return {"calls": calls}


def register(registry: Any) -> None:
    registry.home_sections.register(
        registry.HomeSection("grants_corrections", "grants/home/_corrections.html", corrections_waiting, 40, "for_you")
    )
    registry.home_sections.register(
        registry.HomeSection("grants_open", "grants/home/_open.html", calls_open, 20, "now")
    )
