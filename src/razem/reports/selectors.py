"""Every non-trivial read of reports: the office's list (a constant number of queries per page), what is overdue,
the panel's card, the oferent's contracts and reports, and the sections on a call's pages."""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, Sum, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from razem.contracts.models import Contract
from razem.core.money import ZERO, money
from razem.reports.models import Report, Settlement, SettlementReturn

OPEN = [Report.Status.DEMANDED, Report.Status.DRAFT]


def overdue_q(today: datetime.date) -> Q:
    """Reports owed and past their due date (for a report returned for corrections, the corrections' due date)."""
    return Q(status__in=OPEN, due_date__lt=today) | Q(status=Report.Status.CORRECTING, correction_due__lt=today)


def with_current_due(queryset: QuerySet[Report]) -> QuerySet[Report]:
    return queryset.annotate(
        due=Case(
            When(status=Report.Status.CORRECTING, correction_due__isnull=False, then=F("correction_due")),
            default=F("due_date"),
        )
    )


def reports_for_staff() -> QuerySet[Report]:
    """Every report, with its contract, offer, organization and call (one query per page)."""
    return with_current_due(Report.objects.select_related("contract__offer__organization", "contract__offer__call"))


def report_for_staff(pk: int) -> Report:
    return get_object_or_404(reports_for_staff(), pk=pk)


def report_detail() -> QuerySet[Report]:
    return Report.objects.select_related("contract__offer__organization", "contract__offer__call")


def filter_choices() -> tuple[list[int], list[tuple[int, str]]]:
    """The budget years the office's filter offers (those of the reports) and the calls (those with a signed
    contract, whose reports are or will be due)."""
    bounds = Report.objects.values_list("period_start__year", "period_end__year").distinct()
    years = sorted({y for start, end in bounds for y in range(start, end + 1)}, reverse=True)
    calls = list(
        Contract.objects.filter(offer__call__isnull=False)
        .exclude(status=Contract.Status.DRAFT)
        .values_list("offer__call_id", "offer__call__number", "offer__call__title")
        .distinct()
        .order_by("offer__call__number")
    )
    return years, [(pk, f"{number} – {title}"[:120]) for pk, number, title in calls]


def panel(today: datetime.date | None = None) -> dict[str, Any]:
    """The office panel's card: the overdue reports, those awaiting review, the returns still due."""
    today = today or timezone.localdate()
    overdue = reports_for_staff().filter(overdue_q(today)).order_by("due", "pk")  # type: ignore[misc]
    counts = Report.objects.aggregate(
        overdue=Count("pk", filter=overdue_q(today)),
        filed=Count("pk", filter=Q(status=Report.Status.FILED)),
    )
    outstanding = Settlement.objects.filter(returned__lt=F("to_return")).aggregate(
        count=Count("pk"), total=Coalesce(Sum(F("to_return") - F("returned")), Decimal("0"))
    )
    return {
        "overdue": list(overdue[:8]),
        "overdue_count": counts["overdue"],
        "filed_count": counts["filed"],
        "returns_count": outstanding["count"],
        "returns_total": money(outstanding["total"]),
        "today": today,
    }


# The oferent's side -----------------------------------------------------------------------------------------------


def contracts_reported_by(organization_ids: list[int]) -> QuerySet[Contract]:
    """Signed contracts of offers led by (or joined as a confirmed partner by) these organizations, newest first,
    with their reports and settlements."""
    from razem.grants.models import OfferPartner

    partner_offers = OfferPartner.objects.filter(
        organization_id__in=organization_ids, status=OfferPartner.Status.CONFIRMED
    ).values("offer_id")
    return (
        Contract.objects.filter(status=Contract.Status.SIGNED)
        .filter(Q(offer__organization_id__in=organization_ids) | Q(offer_id__in=partner_offers))
        .select_related("offer__organization", "offer__call")
        .prefetch_related(
            Prefetch("reports", queryset=Report.objects.order_by("period_start", "kind", "pk")),
            Prefetch("settlements", queryset=Settlement.objects.order_by("year")),
        )
        .order_by("-end_date", "-pk")
    )


def contracts_for_person(user: Any) -> QuerySet[Contract]:
    from razem.organizations.selectors import organizations_acted_for

    ids = list(organizations_acted_for(user=user, verified=False).values_list("pk", flat=True))
    return contracts_reported_by(ids)


def contract_for_reports(pk: int) -> Contract:
    return get_object_or_404(
        Contract.objects.select_related("offer__organization", "offer__call").prefetch_related(
            Prefetch("reports", queryset=Report.objects.order_by("period_start", "kind", "pk")),
            Prefetch(
                "settlements",
                queryset=Settlement.objects.order_by("year").prefetch_related(
                    Prefetch("returns", queryset=SettlementReturn.objects.select_related("recorded_by"))
                ),
            ),
        ),
        pk=pk,
    )


# Sections of the call's pages ---------------------------------------------------------------------------------------


def call_figures(call: Any) -> dict[str, Any] | None:
    """The reports of a call's contracts: accepted final reports, overdue and awaiting review, returns."""
    contracts = Contract.objects.filter(offer__call=call, status=Contract.Status.SIGNED)
    signed = contracts.count()
    if not signed:
        return None
    today = timezone.localdate()
    counts = Report.objects.filter(contract__offer__call=call).aggregate(
        accepted_final=Count("pk", filter=Q(kind=Report.Kind.FINAL, status=Report.Status.ACCEPTED)),
        accepted=Count("pk", filter=Q(status=Report.Status.ACCEPTED)),
        filed=Count("pk", filter=Q(status=Report.Status.FILED)),
        overdue=Count("pk", filter=overdue_q(today)),
    )
    settled = Settlement.objects.filter(contract__offer__call=call).aggregate(
        to_return=Coalesce(Sum("to_return"), Decimal("0")), returned=Coalesce(Sum("returned"), Decimal("0"))
    )
    return {
        "call": call,
        "signed": signed,
        **counts,
        "to_return": money(settled["to_return"]),
        "returned": money(settled["returned"]),
        "outstanding": max(money(settled["to_return"] - settled["returned"]), ZERO),
    }
