"""Reports on the home page (``registry.home_sections``): the reports on grants the person's organizations owe soon,
are late with, or must correct ("for_you"), by the reminder window of ``razem remind`` (``report_reminder_days``)."""

import datetime
from typing import Any

from django.db.models import F, Q
from django.utils import timezone

from razem.contracts.models import Contract
from razem.core.deadlines import days_of
from razem.organizations.selectors import organization_ids_acted_for
from razem.reports.models import Report
from razem.reports.selectors import with_current_due

# A default of the home page (no rule of law or of the office's practice): how many reports it lists.
SHOWN = 4


def _waiting(acting: list[int], horizon: datetime.date | None) -> list[Report]:
    """The first ``SHOWN`` reports returned for corrections or owed (by ``horizon`` when given), the soonest due
    first."""
    owed = Q(status__in=[Report.Status.DEMANDED, Report.Status.DRAFT])
    if horizon is not None:
        owed &= Q(due_date__lte=horizon)
    return list(
        with_current_due(
            Report.objects.filter(
                contract__status=Contract.Status.SIGNED, contract__offer__organization_id__in=acting
            ).filter(Q(status=Report.Status.CORRECTING) | owed)
        )
        .select_related("contract", "contract__offer", "contract__offer__organization")
        .only(
            "id",
            "kind",
            "status",
            "due_date",
            "correction_due",
            "contract__id",
            "contract__offer__id",
            "contract__offer__title",
            "contract__offer__organization__id",
            "contract__offer__organization__name",
        )  # fmt: skip
        .order_by(F("due").asc(), "id")[:SHOWN]
    )


def reports_waiting(request: Any) -> dict[str, Any] | None:
    """For you: reports returned for corrections, and reports owed within the reminder window or late, of the
    signed contracts your organizations lead. None when the person acts for no organization; one query when their
    organizations owe nothing (the reminder window is not read); otherwise the window, and a second read of the
    reports only when some of the first ones fall outside it while more may follow."""
    acting = organization_ids_acted_for(request)
    if not acting:
        return None
    reports = _waiting(acting, None)
    if not reports:
        return None
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=days_of("report_reminder_days", today))
    shown = [r for r in reports if r.status == Report.Status.CORRECTING or r.due_date <= horizon]
    if len(shown) < len(reports) == SHOWN:
        shown = _waiting(acting, horizon)
    if not shown:
        return None
    for report in shown:
        report.late = report.due < today  # type: ignore[attr-defined]
    return {"reports": shown}


def register(registry: Any) -> None:
    registry.home_sections.register(
        registry.HomeSection("reports_waiting", "reports/home/_waiting.html", reports_waiting, 50, "for_you")
    )
