"""The daily work of reports: the final report of an ended task is awaited (so that it is listed overdue when
missing past its due date), and reminders go out before each due date, once each."""

import datetime

import pytest
from django.utils import timezone

from razem.core.models import LogEntry, Notification
from razem.reports import jobs, selectors
from razem.reports.models import Report
from razem.reports.services import review
from tests.reports.factories import ended_call, file_report, final_report, signed_contract

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def reminders(person) -> int:
    return Notification.objects.filter(kind="reports/reminder", recipient=person).count()


def test_an_ended_tasks_final_report_is_awaited_then_overdue():
    contract = signed_contract()  # ended last November: due in December of last year
    running = signed_contract(call=ended_call(timezone.localdate().year + 1))
    assert jobs.ensure_final_reports() == 1
    report = Report.objects.get(contract=contract)
    assert (report.kind, report.status, report.due_date) == ("final", "demanded", contract.end_date + 30 * DAY)
    assert report.costs.count() == 1 and report.created_by is None
    assert not Report.objects.filter(contract=running).exists()
    assert jobs.ensure_final_reports() == 0  # once
    today = timezone.localdate()
    overdue = list(Report.objects.filter(selectors.overdue_q(today)))
    assert overdue == [report] and report.is_overdue(today)
    card = selectors.panel(today)
    assert card["overdue_count"] == 1 and card["overdue"] == [report]


def test_the_final_report_is_not_overdue_before_its_due_date():
    today = timezone.localdate()
    contract = signed_contract()
    jobs.ensure_final_reports(today=contract.end_date + DAY)
    report = Report.objects.get(contract=contract)
    assert not Report.objects.filter(selectors.overdue_q(contract.end_date + 30 * DAY)).exists()
    assert Report.objects.filter(selectors.overdue_q(contract.end_date + 31 * DAY)).get() == report
    assert today > report.due_date


def test_a_filed_report_is_not_overdue(officer):
    contract = signed_contract()
    report = file_report(final_report(contract), contract.filer)
    assert not Report.objects.filter(selectors.overdue_q(timezone.localdate())).exists()
    review.report_ask_corrections(actor=officer, report=report, message="Popraw.")
    later = timezone.localdate() + 15 * DAY
    assert Report.objects.filter(selectors.overdue_q(later)).get() == report


def test_reminders_go_once_before_each_due_date(officer):
    contract = signed_contract()
    report = file_report(final_report(contract), contract.filer)
    report = review.report_ask_corrections(actor=officer, report=report, message="Popraw opis.")
    due = report.correction_due
    assert jobs.remind_reports(today=due - 8 * DAY) == 0  # more than 7 days ahead
    assert jobs.remind_reports(today=due - 7 * DAY) == 1
    assert reminders(contract.filer) == 1
    assert jobs.remind_reports(today=due - 6 * DAY) == 0  # once
    assert jobs.remind_reports(today=due) == 0
    assert reminders(contract.filer) == 1
    assert Report.objects.get(pk=report.pk).reminders_sent == [f"correction:{due.isoformat()}"]
    assert LogEntry.objects.filter(action="reports.report.reminded").count() == 1


def test_a_partial_report_is_reminded_of_its_due_date(officer):
    contract = signed_contract()
    delivered = contract.start_date + 60 * DAY
    report = review.report_demand(
        actor=officer, contract=contract, delivered_on=delivered, due_date=delivered + 30 * DAY,
        period_start=contract.start_date, period_end=contract.start_date + 100 * DAY,
    )  # fmt: skip
    assert jobs.remind_reports(today=report.due_date - 3 * DAY) == 1
    assert jobs.remind_reports(today=report.due_date - 2 * DAY) == 0
    assert jobs.remind_reports(today=report.due_date + DAY) == 0  # past due: listed overdue, not reminded
    notification = Notification.objects.get(kind="reports/reminder", recipient=contract.filer)
    assert contract.number in notification.title


def test_a_filed_or_accepted_report_is_not_reminded(officer):
    contract = signed_contract()
    report = file_report(final_report(contract), contract.filer)
    assert jobs.remind_reports(today=report.due_date - DAY) == 0
    assert reminders(contract.filer) == 0


def test_the_daily_job_is_registered():
    from razem.core import registry

    job = registry.daily_jobs.get("reports.daily")
    assert "reports reminded" in job.run()
