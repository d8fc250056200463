"""Elections on the home page (``registry.home_sections``): the ballots the person's organizations have not cast
("for_you"), and the elections taking nominations or votes now ("now"). Drafts never show (``elections.view_election``
is any announced election); the phases come from the one calendar of ``razem.elections.schedule``."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from razem.elections.models import Election, Elector
from razem.organizations.selectors import organizations_acted_for

SHOWN = 4


def _open_now(now: Any) -> QuerySet[Election]:
    """Announced elections, results not published, in their nominations or their voting at ``now``."""
    return Election.objects.filter(status=Election.Status.ANNOUNCED, results_published_at__isnull=True).filter(
        Q(nominations_open__lte=now, nominations_close__gt=now) | Q(voting_open__lte=now, voting_close__gt=now)
    )


def ballots_waiting(request: Any) -> dict[str, Any] | None:
    """For you: each organization you act for that is in the frozen electorate of an election in its voting and has
    not voted yet (one query)."""
    now = timezone.now()
    electors = list(
        Elector.objects.filter(
            organization__in=organizations_acted_for(user=request.user),
            voted_at__isnull=True,
            election__status=Election.Status.ANNOUNCED,
            election__electorate_frozen_at__isnull=False,
            election__results_published_at__isnull=True,
            election__voting_open__lte=now,
            election__voting_close__gt=now,
        )
        .select_related("election", "election__body", "organization")
        .order_by("election__voting_close", "organization__name", "id")
    )
    if not electors:
        return None
    return {"electors": electors}


def open_elections(request: Any) -> dict[str, Any] | None:
    """Open now: elections taking nominations or votes (one query), the closest deadline first."""
    now = timezone.now()
    elections = list(_open_now(now).select_related("body").order_by("voting_close", "id")[:SHOWN])
    if not elections:
        return None
    for election in elections:
        election.phase_now = election.phase(now)  # type: ignore[attr-defined]
    return {"elections": elections}


def register(registry: Any) -> None:
    registry.home_sections.register(
        registry.HomeSection("elections_ballots", "elections/home/_ballots.html", ballots_waiting, 10, "for_you")
    )
    registry.home_sections.register(
        registry.HomeSection("elections_open", "elections/home/_open.html", open_elections, 10, "now")
    )
