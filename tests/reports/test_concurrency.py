"""The locks of reports under real concurrent transactions (PostgreSQL; skipped on SQLite, whose writes are one at a
time anyway): two clicks of "Start the final report" start one, two clicks of "File" file once, two demands of
overlapping partial reports demand one, two officers recording the whole return at once record it once."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.reports.models import Report, ReportFiling, Settlement, SettlementReturn
from razem.reports.services import drafts, filing, review, settlement
from tests.factories import UserFactory
from tests.reports.factories import DECLARATIONS, file_report, fill, final_report, signed_contract
from tests.support import at_once, needs_postgresql

pytestmark = pytest.mark.django_db(transaction=True)


def _split(outcomes, kind):
    return [o for o in outcomes if isinstance(o, kind)], [o for o in outcomes if isinstance(o, ValidationError)]


def test_two_starts_of_the_final_report_start_one():
    needs_postgresql()
    contract = signed_contract()
    outcomes = at_once([lambda: drafts.report_start_final(actor=contract.filer, contract=contract)] * 2)
    done, refused = _split(outcomes, Report)
    assert len(done) == 1 and len(refused) == 1, outcomes
    assert Report.objects.filter(contract=contract).count() == 1


def test_two_filings_at_once_file_once():
    needs_postgresql()
    contract = signed_contract()
    report = fill(final_report(contract), contract.filer)
    outcomes = at_once([lambda: filing.report_file(actor=contract.filer, report=report, declarations=DECLARATIONS)] * 2)
    done, refused = _split(outcomes, ReportFiling)
    assert len(done) == 1 and len(refused) == 1, outcomes
    assert ReportFiling.objects.filter(report=report).count() == 1


def test_two_overlapping_demands_at_once_demand_one():
    needs_postgresql()
    officers = [UserFactory(officer=True), UserFactory(officer=True)]
    contract = signed_contract()
    delivered = contract.start_date + datetime.timedelta(days=20)

    def demand(officer):
        return review.report_demand(
            actor=officer, contract=contract, delivered_on=delivered, due_date=delivered + datetime.timedelta(days=30),
            period_start=contract.start_date, period_end=contract.start_date + datetime.timedelta(days=60),
        )  # fmt: skip

    outcomes = at_once([lambda o=o: demand(o) for o in officers])
    done, refused = _split(outcomes, Report)
    assert len(done) == 1 and len(refused) == 1, outcomes
    assert Report.objects.filter(contract=contract, kind="partial").count() == 1


def test_two_officers_recording_the_whole_return_at_once_record_it_once():
    needs_postgresql()
    officers = [UserFactory(officer=True), UserFactory(officer=True)]
    contract = signed_contract()
    year = contract.end_date.year
    report = file_report(
        final_report(contract),
        contract.filer,
        costs={(1, year): Decimal("8900")},
        sources={year: {"grant": Decimal("7900")}},
    )
    review.report_accept(actor=officers[0], report=report)
    due = Settlement.objects.get(contract=contract)
    today = timezone.localdate()
    outcomes = at_once(
        [
            lambda o=o: settlement.settlement_return_record(
                actor=o, settlement=due, amount=due.to_return, returned_on=today
            )
            for o in officers
        ]
    )
    done, refused = _split(outcomes, SettlementReturn)
    assert len(done) == 1 and len(refused) == 1, outcomes
    assert Settlement.objects.get(pk=due.pk).returned == due.to_return
