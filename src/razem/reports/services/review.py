"""The office and reports: demanding a partial report (art. 18 ust. 2–3), accepting a filed report, returning it for
corrections with a due date.

A partial report covers a period within one budget year of the contract; it is due no earlier than
``partial_report_min_days`` after the day the demand is delivered (an earlier due date is refused, naming the
earliest). The corrections are due no earlier than ``report_correction_days`` (the office's practice) after the
day they are asked for. Accepting the final report settles the grant (``reports.services.settlement``).
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from razem.accounts.models import User
from razem.contracts.models import Contract
from razem.core import audit
from razem.core.deadlines import deadline
from razem.core.notifications import notify_many
from razem.core.permissions import ensure
from razem.core.schedule import when
from razem.reports.models import Report
from razem.reports.services.drafts import sync_rows
from razem.reports.workflows import REPORT, oferent_people


def earliest_partial_due(delivered_on: datetime.date) -> datetime.date:
    return deadline("partial_report_min_days", delivered_on).date


def earliest_correction_due(today: datetime.date | None = None) -> datetime.date:
    return deadline("report_correction_days", today or timezone.localdate()).date


def correction_due_problem(due: Any, today: datetime.date | None = None) -> None:
    """Refuse corrections due earlier than the office's practice allows."""
    earliest = earliest_correction_due(today)
    if not isinstance(due, datetime.date):
        raise ValidationError({"due_date": ValidationError(_("Give the day the corrections are due."), code="due")})
    if due < earliest:
        days = (earliest - (today or timezone.localdate())).days
        raise ValidationError(
            {
                "due_date": ValidationError(
                    ngettext(
                        "The corrections may not be due before %(earliest)s (%(days)s day from today).",
                        "The corrections may not be due before %(earliest)s (%(days)s days from today).",
                        days,
                    )
                    % {"earliest": when(earliest), "days": days},
                    code="due",
                )
            }
        )


def _period_problems(
    contract: Contract, start: datetime.date, end: datetime.date, *, delivered_on: datetime.date, due: datetime.date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if start > end:
        errors.setdefault("period_end", []).append(_("The period ends before it begins."))
    elif start < contract.start_date or end > contract.end_date:
        errors.setdefault("period_start", []).append(
            _("The period must lie within the task, %(start)s – %(end)s.")
            % {"start": when(contract.start_date), "end": when(contract.end_date)}
        )
    elif start.year != end.year:
        errors.setdefault("period_end", []).append(
            _("A partial report covers a period within one budget year: begin and end it in the same year.")
        )
    else:
        overlapping = (
            Report.objects.filter(contract=contract, kind=Report.Kind.PARTIAL)
            .filter(period_start__lte=end, period_end__gte=start)
            .first()
        )
        if overlapping is not None:
            errors.setdefault("period_start", []).append(
                _("A partial report for %(start)s – %(end)s was already demanded; the periods may not overlap.")
                % {"start": when(overlapping.period_start), "end": when(overlapping.period_end)}
            )
    earliest = earliest_partial_due(delivered_on)
    if due < earliest:
        record = deadline("partial_report_min_days", delivered_on)
        errors.setdefault("due_date", []).append(
            ngettext(
                "The report may not be due before %(earliest)s: at least %(days)s day after the demand is delivered "
                "(%(ref)s).",
                "The report may not be due before %(earliest)s: at least %(days)s days after the demand is delivered "
                "(%(ref)s).",
                record.days,
            )
            % {"earliest": when(earliest), "days": record.days, "ref": record.legal_ref}
        )
    return errors


def report_demand(
    *,
    actor: User,
    contract: Contract,
    delivered_on: datetime.date,
    due_date: datetime.date,
    period_start: datetime.date,
    period_end: datetime.date,
    note: str = "",
    request: HttpRequest | None = None,
) -> Report:
    """Demand a partial report of ``contract`` for a period within one budget year. Refused, and nothing saved, when
    the person is not of the office, the contract is not signed, the period lies outside the task, spans two years
    or overlaps a partial report already demanded, or the report would be due less than
    ``partial_report_min_days`` after the demand is delivered."""
    with transaction.atomic():
        locked = Contract.objects.select_for_update().select_related("offer__organization").get(pk=contract.pk)
        ensure(actor, "reports.demand_report", locked)
        errors = _period_problems(locked, period_start, period_end, delivered_on=delivered_on, due=due_date)
        if errors:
            raise ValidationError(errors)
        report = Report.objects.create(
            contract=locked,
            kind=Report.Kind.PARTIAL,
            status=Report.Status.DEMANDED,
            period_start=period_start,
            period_end=period_end,
            demanded_at=delivered_on,
            demanded_by=actor,
            demand_note=(note or "").strip(),
            due_date=due_date,
            created_by=actor,
        )
        sync_rows(report)
        audit.record(
            actor=actor,
            action="reports.report.demanded",
            obj=report,
            data={
                "contract": locked.pk,
                "period": [period_start.isoformat(), period_end.isoformat()],
                "delivered_on": delivered_on.isoformat(),
                "due": due_date.isoformat(),
            },
            request=request,
        )
        notify_many(
            kind="reports/demanded",
            audience=oferent_people(report),
            context={"report": report, "contract": locked, "due": due_date, "note": report.demand_note},
            url=reverse("reports:detail", args=[report.pk]),
        )
    return report


def report_accept(*, actor: User, report: Report, request: HttpRequest | None = None) -> Report:
    """Accept a filed report; the final report's acceptance settles the grant per year."""
    accepted: Report = REPORT.take(report, "accept", actor=actor, request=request)
    return accepted


def report_ask_corrections(
    *,
    actor: User,
    report: Report,
    message: str,
    due_date: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Report:
    """Return a filed report for corrections: what to correct (required) and by when (by default
    ``report_correction_days`` from today; never earlier)."""
    due = due_date or earliest_correction_due()
    returned: Report = REPORT.take(
        report, "ask_corrections", actor=actor, reason=message, request=request, due_date=due
    )
    return returned
