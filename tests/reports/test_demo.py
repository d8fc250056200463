"""The reports demo (point 12: a call in reporting): one final report accepted with its settlement and the return
recorded, one returned for corrections, one overdue; nothing without ended contracts; nothing twice."""

import pytest
from django.utils import timezone

from razem.core.models import LogEntry
from razem.reports import demo as reports_demo
from razem.reports.models import Report, Settlement
from razem.reports.selectors import overdue_q
from tests.reports.factories import ended_call, signed_contract

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_demo(db):
    from conftest import make_person

    from razem.accounts.models import User

    return make_person(reports_demo.OFFICER, User.Role.OFFICER, full_name="Urzędniczka Demo", totp=True)


def test_nothing_is_made_without_ended_signed_contracts(officer_demo):
    signed_contract(call=ended_call(timezone.localdate().year + 1))  # a task still to come
    assert reports_demo.load({"users": {reports_demo.OFFICER: officer_demo}}) == {}
    assert not Report.objects.exists()
    assert not LogEntry.objects.filter(action=reports_demo.LOADED).exists()


def test_a_call_in_reporting(officer_demo):
    call = ended_call()
    first, second, third = (signed_contract(call=call, title=t) for t in ("Pierwsze", "Drugie", "Trzecie"))
    other = signed_contract(call=ended_call())  # another call, fewer ended contracts
    reports_demo.load({"users": {reports_demo.OFFICER: officer_demo}})

    today = timezone.localdate()
    overdue = Report.objects.get(contract=first)
    assert overdue.status == Report.Status.DEMANDED and overdue.is_overdue(today)
    accepted = Report.objects.get(contract=second)
    assert accepted.status == Report.Status.ACCEPTED and accepted.filings.count() == 1
    settlement = Settlement.objects.get(contract=second)
    assert settlement.unspent == reports_demo.SAVING and settlement.to_return == reports_demo.SAVING
    assert settlement.is_settled and settlement.returns.count() == 1
    corrected = Report.objects.get(contract=third)
    assert corrected.status == Report.Status.CORRECTING and corrected.correction_message
    assert Report.objects.filter(overdue_q(today)).filter(contract__offer__call=call).count() == 1
    assert Report.objects.filter(contract=other).count() == 1  # awaited, as the daily job does

    count = Report.objects.count()
    reports_demo.load({"users": {reports_demo.OFFICER: officer_demo}})
    assert Report.objects.count() == count  # once


def test_the_loaded_demo_has_a_call_in_reporting(demo):
    """On the whole demo (when the results and contracts demos provide a call whose tasks ended)."""
    contracts = reports_demo.contracts_in_reporting()
    if not contracts:
        pytest.skip("no call with ended, signed contracts in the demo yet")
    call = contracts[0].offer.call
    reports = Report.objects.filter(contract__offer__call=call)
    assert reports.filter(status=Report.Status.ACCEPTED, kind=Report.Kind.FINAL).exists()
    assert Settlement.objects.filter(contract__offer__call=call, returned__gt=0).exists()
    if len(contracts) > 2:
        assert reports.filter(status=Report.Status.CORRECTING).exists()
    assert reports.filter(overdue_q(timezone.localdate())).exists()
