"""The limits of art. 19a, checked when an offer is filed and again when the office decides.

Every figure is a ``core.StatutoryValue`` valid on the day of the check (the filing day, the day of the decision),
never a literal, so a newer row (the 2025 draft's 20 000 / 40 000 / 30 %) applies from the day it is valid from:

- ``small_grant_max_amount``: the grant for one task;
- ``small_grant_max_days``: how long the task lasts, counting both its first and its last day (1 March to
  29 May is 90 days);
- ``small_grant_org_year_cap``: the small grants awarded to the organization for the budget year, with this one;
- ``small_grant_pool_share``: all small grants awarded for the budget year, with this one, as a share of the grants
  planned for NGO tasks in that year (``YearPlan``); a year with no plan is refused, since its pool is unknown.

The budget year of a small grant is the year its task starts (a task of at most 90 days is paid from one year's
budget). "Awarded" means a ``grants.Award`` of a small-grant offer that stands (the offer is ``awarded``), counted
through its ``AwardYear`` of that year. A limit is met when the figure equals it; one grosz more is refused.

Each refusal names the limit, the figures and the legal basis (``StatutoryValue.legal_ref``).
"""

import dataclasses
import datetime
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from razem.core.money import ZERO, money, percent, pln
from razem.core.reference import statutory_record
from razem.core.schedule import when
from razem.grants.models import AwardYear, Offer
from razem.small_grants.models import YearPlan

MAX_AMOUNT = "small_grant_max_amount"
MAX_DAYS = "small_grant_max_days"
ORG_YEAR_CAP = "small_grant_org_year_cap"
POOL_SHARE = "small_grant_pool_share"


@dataclasses.dataclass(frozen=True)
class Refusal:
    """A limit the offer breaks: ``code`` is the statutory value, ``field`` the form field, ``message`` the text."""

    code: str
    field: str
    message: str


def duration_days(start: datetime.date, end: datetime.date) -> int:
    """How many days the task lasts, its first and last day included (a one-day task lasts 1 day)."""
    return (end - start).days + 1


def budget_year(start: datetime.date | None) -> int | None:
    return start.year if start else None


def awarded_small_grants(
    *, year: int, organization_id: int | None = None, exclude_offer_id: int | None = None
) -> Decimal:
    """The small grants awarded for ``year`` (of one organization, when given), without ``exclude_offer_id``."""
    rows = AwardYear.objects.filter(
        year=year, award__offer__kind=Offer.Kind.SMALL_GRANT, award__offer__status=Offer.Status.AWARDED
    )
    if organization_id is not None:
        rows = rows.filter(award__offer__organization_id=organization_id)
    if exclude_offer_id is not None:
        rows = rows.exclude(award__offer_id=exclude_offer_id)
    return money(rows.aggregate(total=Sum("amount"))["total"] or ZERO)


def awarded_per_year() -> dict[int, Decimal]:
    """The small grants awarded for each budget year, in one query (the office's page of plans)."""
    rows = (
        AwardYear.objects.filter(award__offer__kind=Offer.Kind.SMALL_GRANT, award__offer__status=Offer.Status.AWARDED)
        .values("year")
        .annotate(total=Sum("amount"))
        .order_by("year")
    )
    return {row["year"]: money(row["total"]) for row in rows}


@dataclasses.dataclass(frozen=True)
class Pool:
    """The small-grant pool of a budget year: its plan (None when not recorded), the share, what is left."""

    year: int
    plan: YearPlan | None
    share: Decimal
    legal_ref: str
    awarded: Decimal

    @property
    def amount(self) -> Decimal | None:
        if self.plan is None:
            return None
        return money(self.plan.planned_grants * self.share / Decimal("100"))

    @property
    def left(self) -> Decimal | None:
        return None if self.amount is None else money(self.amount - self.awarded)


def pool(year: int, day: datetime.date) -> Pool:
    record = statutory_record(POOL_SHARE, day)
    return Pool(
        year=year,
        plan=YearPlan.objects.filter(year=year).first(),
        share=record.value,
        legal_ref=record.legal_ref,
        awarded=awarded_small_grants(year=year),
    )


def refusals(
    *,
    organization: object,
    start: datetime.date | None,
    end: datetime.date | None,
    grant: Decimal,
    day: datetime.date,
    exclude_offer_id: int | None = None,
    grant_field: str = "grant",
) -> list[Refusal]:
    """Every limit of art. 19a that a grant of ``grant`` for a task from ``start`` to ``end`` of ``organization``
    breaks, by the statutory values valid on ``day``; ``exclude_offer_id`` is the offer itself (its own award is not
    counted twice)."""
    found: list[Refusal] = []
    grant = money(grant)
    limit = statutory_record(MAX_AMOUNT, day)
    if grant > limit.value:
        found.append(
            Refusal(
                MAX_AMOUNT,
                grant_field,
                _("The grant of %(grant)s is above the most a small grant may give to one task, %(limit)s (%(ref)s).")
                % {"grant": pln(grant), "limit": pln(limit.value), "ref": limit.legal_ref},
            )
        )
    if start and end:
        longest = statutory_record(MAX_DAYS, day)
        days = duration_days(start, end)
        if days > int(longest.value):
            found.append(
                Refusal(
                    MAX_DAYS,
                    "end_date",
                    _(
                        "The task lasts %(days)s days (%(start)s to %(end)s, both days counted); a small grant may "
                        "fund a task of at most %(max)s days (%(ref)s)."
                    )
                    % {
                        "days": days,
                        "start": when(start),
                        "end": when(end),
                        "max": int(longest.value),
                        "ref": longest.legal_ref,
                    },
                )
            )
    year = budget_year(start)
    if year is None:
        return found
    cap = statutory_record(ORG_YEAR_CAP, day)
    organization_id = getattr(organization, "pk", None)
    before = awarded_small_grants(year=year, organization_id=organization_id, exclude_offer_id=exclude_offer_id)
    if money(before + grant) > cap.value:
        found.append(
            Refusal(
                ORG_YEAR_CAP,
                grant_field,
                _(
                    "%(org)s has been awarded %(awarded)s in small grants for %(year)s; with this grant of %(grant)s "
                    "it would receive %(total)s, above the yearly limit of %(cap)s for one organization (%(ref)s)."
                )
                % {
                    "org": getattr(organization, "name", ""),
                    "awarded": pln(before),
                    "year": year,
                    "grant": pln(grant),
                    "total": pln(before + grant),
                    "cap": pln(cap.value),
                    "ref": cap.legal_ref,
                },
            )
        )
    the_pool = pool(year, day)
    if the_pool.plan is None:
        found.append(
            Refusal(
                POOL_SHARE,
                grant_field,
                _(
                    "The office has not recorded the grants planned for NGO tasks in %(year)s, so the small-grant "
                    "pool of that year (%(share)s of them, %(ref)s) is not known; a small grant for %(year)s can be "
                    "filed and awarded once the office records it."
                )
                % {"year": year, "share": percent(the_pool.share), "ref": the_pool.legal_ref},
            )
        )
        return found
    awarded = the_pool.awarded
    if exclude_offer_id is not None:
        awarded = awarded_small_grants(year=year, exclude_offer_id=exclude_offer_id)
    total = money(awarded + grant)
    if the_pool.amount is not None and total > the_pool.amount:
        found.append(
            Refusal(
                POOL_SHARE,
                grant_field,
                _(
                    "Small grants awarded for %(year)s total %(awarded)s; with this grant of %(grant)s they would "
                    "reach %(total)s, above the year's pool of %(pool)s (%(share)s of the %(planned)s planned for "
                    "NGO tasks in %(year)s, %(ref)s)."
                )
                % {
                    "year": year,
                    "awarded": pln(awarded),
                    "grant": pln(grant),
                    "total": pln(total),
                    "pool": pln(the_pool.amount),
                    "share": percent(the_pool.share),
                    "planned": pln(the_pool.plan.planned_grants),
                    "ref": the_pool.legal_ref,
                },
            )
        )
    return found
