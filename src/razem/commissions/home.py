"""Competition commissions on the home page (``registry.home_sections``): the person's seats in the commissions of
calls not yet decided ("for_you"), with whether the declaration of impartiality is still to sign."""

from typing import Any

from django.db.models import Exists, OuterRef

from razem.commissions.models import Declaration, Member
from razem.grants.models import Call

# A default of the home page (no rule of law or of the office's practice): how many seats it lists.
SHOWN = 3


def seats_at_work(request: Any) -> dict[str, Any] | None:
    """For you: your seats (not excluded) in the commissions of announced calls (one query)."""
    seats = list(
        Member.objects.filter(user=request.user, excluded=False, call__status=Call.Status.ANNOUNCED)
        .annotate(signed=Exists(Declaration.objects.filter(member=OuterRef("pk"))))
        .select_related("call")
        .only("id", "call__id", "call__slug", "call__number", "call__title", "call__submission_deadline")
        .order_by("call__submission_deadline", "id")[:SHOWN]
    )
    if not seats:
        return None
    return {"seats": seats}


def register(registry: Any) -> None:
    registry.home_sections.register(
        registry.HomeSection("commissions_seats", "commissions/home/_seats.html", seats_at_work, 35, "for_you")
    )
