"""The year in one line on the home page (``registry.home_sections``, slot "figures"): the organizations in the
public registry, the public meetings held this year, the calls for offers published this year, and the grants
awarded for this year with their sum, counted as "Grants in figures" counts them (``selectors.scope``). Four
queries; a test recomputes each figure."""

import dataclasses
import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone

from razem.core.money import ZERO
from razem.events.models import Meeting
from razem.grant_figures.selectors import scope
from razem.grants.models import AwardYear, Call
from razem.organizations.models import Organization


@dataclasses.dataclass(frozen=True)
class YearLine:
    year: int
    organizations: int
    meetings: int
    calls: int
    grants: int
    awarded: Decimal

    @property
    def empty(self) -> bool:
        return not (self.organizations or self.meetings or self.calls or self.grants)


def year_line(now: datetime.datetime | None = None) -> YearLine:
    """The figures of the current year at ``now``: organizations verified in the registry (its public directory),
    public meetings of the calendar held this year (started this year and over, not cancelled), calls for offers
    published this year (announced or decided), and the public awards of this budget year (count and sum)."""
    now = now or timezone.now()
    year = timezone.localtime(now).year
    start = datetime.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())
    organizations = Organization.objects.filter(status=Organization.Status.VERIFIED).count()
    meetings = (
        Meeting.objects.on_calendar()
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(starts_at__gte=start, ends_at__lte=now)
        .count()
    )
    calls = Call.objects.filter(status__in=scope.PUBLIC_CALL_STATUSES, published_at__gte=start, published_at__lte=now)
    awards = AwardYear.objects.filter(scope.public_award("award__"), year=year, amount__gt=0).aggregate(
        n=Count("award"), total=Sum("amount")
    )
    return YearLine(
        year=year,
        organizations=organizations,
        meetings=meetings,
        calls=calls.count(),
        grants=awards["n"],
        awarded=awards["total"] or ZERO,
    )


def figures(request: Any) -> dict[str, Any] | None:
    line = year_line()
    if line.empty:
        return None
    return {"line": line}


def register(registry: Any) -> None:
    registry.home_sections.register(
        registry.HomeSection("grant_figures_year", "grant_figures/home/_year.html", figures, 10, "figures")
    )
