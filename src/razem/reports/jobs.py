"""The daily work of reports (``razem remind``, ``core.registry.DailyJob``).

``ensure_final_reports``: every signed contract whose task has ended gets its final report (awaited, due
``grant_report_days`` after the end) if the oferent has not started it, so that the office's lists show a missing
report as awaited, then overdue.

``remind_reports``: the people acting for the leading oferent of each report still owed are reminded
``report_reminder_days`` or fewer days before it is due (the report's due date; when returned for corrections,
the corrections' due date). ``Report.reminders_sent`` records each reminder by its due date ("due:2027-01-30",
"correction:2027-02-20"), so that none is sent twice, and a new due date gets its own.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from razem.contracts.models import Contract
from razem.core import audit
from razem.core.deadlines import days_of
from razem.core.notifications import notify_many
from razem.reports.models import Report
from razem.reports.services.drafts import final_due, sync_rows
from razem.reports.workflows import oferent_people


def contracts_without_final_report(today: datetime.date) -> QuerySet[Contract]:
    """Signed contracts whose task ended before ``today`` and that have no final report yet."""
    return Contract.objects.filter(status=Contract.Status.SIGNED, end_date__lt=today).exclude(
        reports__kind=Report.Kind.FINAL
    )


def ensure_final_reports(today: datetime.date | None = None) -> int:
    """Create the awaited final report of every signed contract whose task ended; returns how many."""
    today = today or timezone.localdate()
    created = 0
    for contract in contracts_without_final_report(today).select_related("offer").order_by("end_date", "pk"):
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    contract=contract,
                    kind=Report.Kind.FINAL,
                    status=Report.Status.DEMANDED,
                    period_start=contract.start_date,
                    period_end=contract.end_date,
                    due_date=final_due(contract),
                )
                sync_rows(report)
                audit.record(
                    actor=None,
                    action="reports.report.awaited",
                    obj=report,
                    data={"contract": contract.pk, "due": report.due_date.isoformat()},
                )
        except IntegrityError:  # started by the oferent meanwhile
            continue
        created += 1
    return created


def _key(report: Report) -> str:
    if report.status == Report.Status.CORRECTING and report.correction_due:
        return f"correction:{report.correction_due.isoformat()}"
    return f"due:{report.due_date.isoformat()}"


def remind_reports(today: datetime.date | None = None) -> int:
    """Send the reminders due today; returns how many reports were reminded."""
    today = today or timezone.localdate()
    days = days_of("report_reminder_days", today)
    horizon = today + datetime.timedelta(days=days)
    candidates = (
        Report.objects.filter(status__in=Report.OPEN)
        .filter(due_between(today, horizon))
        .select_related("contract__offer__organization")
        .order_by("due_date", "pk")
    )
    reminded = 0
    for candidate in candidates:
        if _key(candidate) in (candidate.reminders_sent or []):
            continue
        with transaction.atomic():
            report = (
                Report.objects.select_for_update(of=("self",))
                .select_related("contract__offer__organization")
                .get(pk=candidate.pk)
            )
            key = _key(report)
            due = report.current_due
            if report.status not in Report.OPEN or key in (report.reminders_sent or []) or not today <= due <= horizon:
                continue
            report.reminders_sent = [*(report.reminders_sent or []), key]
            report.save(update_fields=["reminders_sent"])
            days_left = (due - today).days
            audit.record(
                actor=None,
                action="reports.report.reminded",
                obj=report,
                data={"due": due.isoformat(), "days_left": days_left},
            )
            notify_many(
                kind="reports/reminder",
                audience=oferent_people(report),
                context={
                    "report": report,
                    "contract": report.contract,
                    "due": due,
                    "days_left": days_left,
                    "corrections": report.status == Report.Status.CORRECTING,
                },
                url=reverse("reports:detail", args=[report.pk]),
            )
        reminded += 1
    return reminded


def due_between(today: datetime.date, horizon: datetime.date) -> Q:
    """Reports whose current due date falls between today and the horizon."""
    corrections = Q(status=Report.Status.CORRECTING, correction_due__gte=today, correction_due__lte=horizon)
    others = Q(status__in=[Report.Status.DEMANDED, Report.Status.DRAFT], due_date__gte=today, due_date__lte=horizon)
    return corrections | others
