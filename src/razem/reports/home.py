"""Reports on the home page (``registry.home_sections``): the reports on grants the person's organizations owe soon,
are late with, or must correct ("for_you"), by the reminder window of ``razem remind`` (``report_reminder_days``)."""

import datetime
from typing import Any

from django.db.models import F, Q
from django.utils import timezone

from razem.contracts.models import Contract
from razem.core.deadlines import days_of
from razem.organizations.models import Membership
from razem.reports.models import Report
from razem.reports.selectors import with_current_due

# A default of the home page (no rule of law or of the office's practice): how many reports it lists.
SHOWN = 4


def reports_waiting(request: Any) -> dict[str, Any] | None:
    """For you: reports returned for corrections, and reports owed within the reminder window or late, of the
    signed contracts your organizations lead (two queries: the window, the reports)."""
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=days_of("report_reminder_days", today))
    acting = Membership.objects.acting().filter(user=request.user).values("organization_id")
    reports = list(
        with_current_due(
            Report.objects.filter(
                contract__status=Contract.Status.SIGNED, contract__offer__organization__in=acting
            ).filter(
                Q(status=Report.Status.CORRECTING)
                | Q(status__in=[Report.Status.DEMANDED, Report.Status.DRAFT], due_date__lte=horizon)
            )
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
    if not reports:
        return None
    for report in reports:
        report.late = report.due < today  # type: ignore[attr-defined]
    return {"reports": reports}


def register(registry: Any) -> None:
    registry.home_sections.register(
        registry.HomeSection("reports_waiting", "reports/home/_waiting.html", reports_waiting, 50, "for_you")
    )
