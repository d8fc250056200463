"""Elections on the home page (``registry.home_sections``): the ballots the person's organizations have not cast
("for_you"), and the elections taking nominations or votes now ("now"). Drafts never show (``elections.view_election``
is any announced election); the phases come from the one calendar of ``razem.elections.schedule``."""

from typing import Any
from urllib.parse import quote

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS

from razem.elections.models import Election, Elector
from razem.organizations.models import Organization
from razem.organizations.selectors import organization_ids_acted_for

SHOWN = 4
# What ``Election.phase`` reads (``schedule.SCHEDULE``: the state and the dates of the phases), and what the list shows.
_PHASE_FIELDS = (
    "status",
    "results_published_at",
    "nominations_open",
    "nominations_close",
    "support_close",
    "verification_close",
    "voting_open",
    "voting_close",
    "results_due",
)
_SLUG = "__slug__"  # stands for the election's slug in the reversed address, replaced per row (quoted as reverse does)
_SAFE = RFC3986_SUBDELIMS + "/~:@"


def _open_now(now: Any) -> QuerySet[Election]:
    """Announced elections, results not published, in their nominations or their voting at ``now``."""
    return Election.objects.filter(status=Election.Status.ANNOUNCED, results_published_at__isnull=True).filter(
        Q(nominations_open__lte=now, nominations_close__gt=now) | Q(voting_open__lte=now, voting_close__gt=now)
    )


def ballots_waiting(request: Any) -> dict[str, Any] | None:
    """For you: each organization you act for (verified, as ``organizations_acted_for`` gives them) that is in the
    frozen electorate of an election in its voting and has not voted yet (one query, only the columns shown; none
    when the person acts for no organization)."""
    acting = organization_ids_acted_for(request)
    if not acting:
        return None
    now = timezone.now()
    electors = list(
        Elector.objects.filter(
            organization_id__in=acting,
            organization__status=Organization.Status.VERIFIED,
            voted_at__isnull=True,
            election__status=Election.Status.ANNOUNCED,
            election__electorate_frozen_at__isnull=False,
            election__results_published_at__isnull=True,
            election__voting_open__lte=now,
            election__voting_close__gt=now,
        )
        .order_by("election__voting_close", "organization__name", "id")
        .values("organization_id", "organization__name", "election__slug", "election__title", "election__voting_close")
    )
    if not electors:
        return None
    url = reverse("elections:vote", args=[_SLUG])
    return {
        "electors": [
            {
                "organization_id": row["organization_id"],
                "organization": row["organization__name"],
                "title": row["election__title"],
                "voting_close": row["election__voting_close"],
                "vote_url": url.replace(_SLUG, quote(row["election__slug"], safe=_SAFE)),
            }
            for row in electors
        ]
    }


def open_elections(request: Any) -> dict[str, Any] | None:
    """Open now: elections taking nominations or votes (one query), the closest deadline first."""
    now = timezone.now()
    elections = list(
        _open_now(now)
        .select_related("body")
        .only("slug", "title", *_PHASE_FIELDS, "body__name", "body__short_name")
        .order_by("voting_close", "id")[:SHOWN]
    )
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
