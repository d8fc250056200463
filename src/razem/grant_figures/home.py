"""The year in one line on the home page (``registry.home_sections``, slot "figures"): the organizations in the
public registry, the public meetings held this year, the calls for offers published this year, and the grants
awarded for this year with their sum, counted as "Grants in figures" counts them (``selectors.scope``). Four
queries, computed once and kept in the cache until the data changes (``cached_year_line``); a test recomputes each
figure."""

import dataclasses
import datetime
import hashlib
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Sum
from django.utils import timezone

from razem.core import pagecache
from razem.core.money import ZERO
from razem.events.models import Meeting
from razem.grant_figures.selectors import scope
from razem.grants.models import Award, AwardYear, Call, Decision, Offer
from razem.organizations.models import Organization

# The tables the figures read: a write to any of them renews its generation (``core.pagecache``), and with it the
# key of the cached line.
TABLES = tuple(model._meta.db_table for model in (Organization, Meeting, Call, AwardYear, Award, Decision, Offer))


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


def cached_year_line() -> YearLine:
    """``year_line`` computed once and kept in the cache under a key made of the year and the current generations
    of the tables it reads, so that a write to any of them is seen at once (``core.pagecache`` renews a table's
    generation on every write, and only while the page cache is on: otherwise the line is computed each time).
    What changes by the clock alone (a meeting of this year ends, a call's publication date comes) is seen within
    ``RAZEM_PAGE_CACHE_SECONDS``, as on the cached anonymous page; a new year is a new key."""
    if not pagecache.enabled():
        return year_line()
    now = timezone.now()
    year = timezone.localtime(now).year
    # The generations are read before the figures: a write committed meanwhile makes the stored line stale.
    generations = pagecache.generations(TABLES)
    raw = "\n".join([str(year), *(f"{table}={generations[table]}" for table in TABLES)])
    key = "razem:home:figures:" + hashlib.sha256(raw.encode()).hexdigest()
    line = cache.get(key)
    if isinstance(line, YearLine):
        return line
    line = year_line(now)
    end_of_year = datetime.datetime(year + 1, 1, 1, tzinfo=timezone.get_current_timezone())
    seconds = min(settings.RAZEM_PAGE_CACHE_SECONDS, int((end_of_year - now).total_seconds()))
    if seconds > 0:
        cache.set(key, line, seconds)
    return line


def figures(request: Any) -> dict[str, Any] | None:
    line = cached_year_line()
    if line.empty:
        return None
    return {"line": line}


def register(registry: Any) -> None:
    registry.home_sections.register(
        registry.HomeSection("grant_figures_year", "grant_figures/home/_year.html", figures, 10, "figures")
    )
