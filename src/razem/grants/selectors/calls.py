"""Reads of calls for offers and of the commission's nominees, each list in a fixed number of queries.

- ``call_list_public``: the public list (/konkursy/), published calls only, open ones first (soonest deadline
  first), then the rest (latest deadline first), with the funds' total as an annotation;
- ``calls_for_staff``: the office's list, with the offers filed and the grants they request against the funds;
- ``call_detail``: a call with everything its page shows, prefetched;
- audiences of messages: ``representatives_in_areas`` (a call opens), ``people_with_offers`` (a correction, a
  cancellation), ``people_acting_for_lead`` (a reminder of a draft);
- ``nominations_for_staff``: the nominees, with whether the nominating organization also takes part in the call.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from razem.grants.models import (
    Call,
    CallFunds,
    CommissionNomination,
    Correction,
    Offer,
    OfferPartner,
    Publication,
)
from razem.organizations.models import Organization
from razem.organizations.models import fold as _fold
from razem.organizations.selectors import people_acting_for

MONEY_OUTPUT = DecimalField(max_digits=16, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY_OUTPUT)

# The public phases of the list's filter (Call.Phase without the draft).
PUBLIC_PHASES = ("open", "closed", "decided", "cancelled")


@dataclass(frozen=True)
class CallFilters:
    """What the public list and the office's list filter by; empty values do not filter."""

    q: str = ""
    area: int | None = None
    department: str = ""
    form: str = ""
    phase: str = ""
    year: int | None = None


def _funds_total() -> Subquery:
    total = (
        CallFunds.objects.filter(call=OuterRef("pk"))
        .order_by()
        .values("call")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Subquery(total, output_field=MONEY_OUTPUT)


def with_funds_total(calls: QuerySet[Call]) -> QuerySet[Call]:
    return calls.annotate(funds_total=Coalesce(_funds_total(), ZERO))


def filter_calls(calls: QuerySet[Call], filters: CallFilters, now: datetime.datetime | None = None) -> QuerySet[Call]:
    now = now or timezone.now()
    if filters.q.strip():
        for word in _fold(filters.q).split():
            calls = calls.filter(search_text__contains=word)
    if filters.area:
        calls = calls.filter(areas__pk=filters.area)
    if filters.department:
        calls = calls.filter(department=filters.department)
    if filters.form:
        # A call for "both" forms is found under either of them.
        forms = [filters.form] if filters.form == Call.Form.BOTH else [filters.form, Call.Form.BOTH]
        calls = calls.filter(form__in=forms)
    if filters.phase == Call.Phase.OPEN:
        calls = calls.filter(status=Call.Status.ANNOUNCED, submission_deadline__gte=now)
    elif filters.phase == Call.Phase.CLOSED:
        calls = calls.filter(status=Call.Status.ANNOUNCED, submission_deadline__lt=now)
    elif filters.phase == Call.Phase.DRAFT:
        calls = calls.filter(status=Call.Status.DRAFT)
    elif filters.phase in {Call.Phase.DECIDED, Call.Phase.CANCELLED}:
        calls = calls.filter(status=filters.phase)
    if filters.year:
        calls = calls.filter(
            Q(submission_deadline__year=filters.year)
            | Q(realization_start__year__lte=filters.year, realization_end__year__gte=filters.year)
        )
    if filters.area:
        calls = calls.distinct()
    return calls


def _open_first(calls: QuerySet[Call], now: datetime.datetime) -> QuerySet[Call]:
    """Open calls first, the soonest deadline first; then the others, the latest deadline first."""
    is_open = Q(status=Call.Status.ANNOUNCED, submission_deadline__gte=now)
    return calls.annotate(
        open_rank=Case(When(is_open, then=Value(0)), default=Value(1), output_field=IntegerField()),
        open_deadline=Case(When(is_open, then=F("submission_deadline")), default=None),
    ).order_by("open_rank", F("open_deadline").asc(nulls_last=True), "-submission_deadline", "id")


def call_list_public(*, filters: CallFilters, now: datetime.datetime | None = None) -> QuerySet[Call]:
    """Published calls (not drafts) as the public list shows them."""
    now = now or timezone.now()
    calls = Call.objects.exclude(status=Call.Status.DRAFT)
    calls = filter_calls(calls, filters, now)
    calls = with_funds_total(calls).prefetch_related("areas")
    return _open_first(calls, now)


def department_choices(*, published_only: bool = True) -> list[str]:
    """The departments that run calls (one query), for the filter."""
    calls = Call.objects.all()
    if published_only:
        calls = calls.exclude(status=Call.Status.DRAFT)
    return list(calls.order_by("department").values_list("department", flat=True).distinct())


def call_years(*, published_only: bool = True) -> list[int]:
    """The years of the deadlines and of the realization windows of calls (one query), newest first."""
    calls = Call.objects.all()
    if published_only:
        calls = calls.exclude(status=Call.Status.DRAFT)
    years: set[int] = set()
    for deadline, start, end in calls.values_list("submission_deadline", "realization_start", "realization_end"):
        years.add(timezone.localtime(deadline).year)
        years.update(range(start.year, end.year + 1))
    return sorted(years, reverse=True)


def call_detail() -> QuerySet[Call]:
    """A call with everything its public page shows."""
    return (
        Call.objects.select_related("venue")
        .prefetch_related(
            "areas",
            "funds",
            "criteria",
            "required_attachments",
            Prefetch("publications", queryset=Publication.objects.order_by("subject", "published_on", "id")),
            Prefetch("corrections", queryset=Correction.objects.order_by("number")),
        )
        .annotate(funds_total=Coalesce(_funds_total(), ZERO))
    )


def open_calls(now: datetime.datetime | None = None) -> QuerySet[Call]:
    now = now or timezone.now()
    return Call.objects.filter(status=Call.Status.ANNOUNCED, submission_deadline__gte=now)


def feed_calls(now: datetime.datetime | None = None, *, days_back: int = 60) -> QuerySet[Call]:
    """The deadlines of the feed: calls open now, and those whose deadline passed or that were cancelled in the
    last ``days_back`` days (so that a subscribed calendar keeps them, or learns of the cancellation)."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=days_back)
    return (
        Call.objects.filter(status__in=[Call.Status.ANNOUNCED, Call.Status.CANCELLED, Call.Status.DECIDED])
        .filter(submission_deadline__gte=since)
        .order_by("submission_deadline", "id")
    )


# The office ---------------------------------------------------------------------------------------------------------


def calls_for_staff(*, now: datetime.datetime | None = None) -> QuerySet[Call]:
    """Every call with its figures: the funds' total, the offers filed and the grants they request."""
    filed = Offer.objects.filter(call=OuterRef("pk"), status__in=Offer.FILED_STATES).order_by().values("call")
    filed_count = filed.annotate(n=Count("pk")).values("n")
    requested = filed.annotate(total=Sum("current_version__grant_requested")).values("total")
    drafts = (
        Offer.objects.filter(call=OuterRef("pk"), status=Offer.Status.DRAFT)
        .order_by()
        .values("call")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return with_funds_total(Call.objects.all()).annotate(
        filed_count=Coalesce(Subquery(filed_count, output_field=IntegerField()), Value(0)),
        draft_count=Coalesce(Subquery(drafts, output_field=IntegerField()), Value(0)),
        requested_total=Coalesce(Subquery(requested, output_field=MONEY_OUTPUT), ZERO),
    )


def panel_calls(*, now: datetime.datetime | None = None) -> dict[str, list[Call]]:
    """The office panel's card: calls open now (the soonest deadline first) and calls past their deadline that
    are not decided or cancelled yet (waiting for the evaluation)."""
    now = now or timezone.now()
    announced = calls_for_staff().filter(status=Call.Status.ANNOUNCED)
    return {
        "open": list(announced.filter(submission_deadline__gte=now).order_by("submission_deadline", "id")[:10]),
        "past": list(announced.filter(submission_deadline__lt=now).order_by("submission_deadline", "id")[:10]),
    }


# Audiences ----------------------------------------------------------------------------------------------------------


def representatives_in_areas(call: Call) -> QuerySet[Any]:
    """The people acting for verified organizations working in one of the call's public-benefit areas."""
    organizations = Organization.objects.filter(
        status=Organization.Status.VERIFIED, areas__in=call.areas.values("pk")
    ).values("pk")
    return people_acting_for(organizations)


ACTIVE_OFFER_STATUSES = (Offer.Status.DRAFT, Offer.Status.FILED)


def organizations_with_offers(call: Call, statuses: Iterable[str] = ACTIVE_OFFER_STATUSES) -> set[int]:
    """The organizations with an offer in the call (leads, and partners that did not decline), by id."""
    offers = Offer.objects.filter(call=call, status__in=list(statuses))
    leads = set(offers.values_list("organization_id", flat=True))
    partners = set(
        OfferPartner.objects.filter(offer__in=offers)
        .exclude(status=OfferPartner.Status.DECLINED)
        .values_list("organization_id", flat=True)
    )
    return leads | partners


def people_with_offers(call: Call, statuses: Iterable[str] = ACTIVE_OFFER_STATUSES) -> QuerySet[Any]:
    return people_acting_for(sorted(organizations_with_offers(call, statuses)))


# Nominations --------------------------------------------------------------------------------------------------------


def _takes_part(call_field: str = "call") -> Exists:
    """Whether the nominating organization has an offer in the call that is not a draft (lead or partner)."""
    offers = Offer.objects.filter(call=OuterRef(call_field)).exclude(status=Offer.Status.DRAFT)
    return Exists(
        offers.filter(
            Q(organization=OuterRef("organization"))
            | Q(
                pk__in=OfferPartner.objects.filter(organization=OuterRef(OuterRef("organization")))
                .exclude(status=OfferPartner.Status.DECLINED)
                .values("offer_id")
            )
        )
    )


def nominations_for_staff(*, call: Call) -> QuerySet[CommissionNomination]:
    """Every nomination of the call (withdrawn and declined ones too), with ``takes_part``: the nominating
    organization has an offer in the call that is not a draft (persons indicated by organizations taking part in
    the competition do not sit on its commission, art. 15 ust. 2d)."""
    return (
        CommissionNomination.objects.filter(call=call)
        .select_related("organization", "nominated_by", "nominee")
        .annotate(takes_part=_takes_part())
        .order_by("organization__name", "created_at", "id")
    )


def nominations_of(*, call: Call, organizations: Iterable[int]) -> QuerySet[CommissionNomination]:
    """The nominations the given organizations made in the call (their representatives' view)."""
    return (
        CommissionNomination.objects.filter(call=call, organization_id__in=list(organizations))
        .select_related("organization")
        .order_by("created_at", "id")
    )


def nomination_counts(*, call: Call) -> dict[str, int]:
    counts = {status: 0 for status in CommissionNomination.Status.values}
    for status in CommissionNomination.objects.filter(call=call).values_list("status", flat=True):
        counts[status] += 1
    return counts
