"""The locks of contracts under real concurrent transactions (PostgreSQL; skipped on SQLite, whose writes are one at a
time anyway): two officers preparing the contract of one offer make one contract; two contracts given the same number
at the same moment keep it once, the other refused as a duplicate; two annexes of one contract at once, one."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError

from razem.contracts import services
from razem.contracts.models import Contract, ContractAnnex
from tests.contracts.factories import COMPLETE, awarded, signed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _needs_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL (DATABASE_URL=postgres://...)")


def _at_once(jobs):
    from django.db import connections

    barrier = threading.Barrier(len(jobs), timeout=20)
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def _split(outcomes, kind):
    return [o for o in outcomes if isinstance(o, kind)], [o for o in outcomes if isinstance(o, ValidationError)]


def test_two_officers_preparing_one_offers_contract_make_one():
    _needs_postgresql()
    officers = [UserFactory(officer=True), UserFactory(officer=True)]
    offer = awarded()
    outcomes = _at_once(
        [
            lambda person=person: services.contract_prepare(actor=person, offer=offer, terms=COMPLETE)
            for person in officers
        ]
    )
    done, refused = _split(outcomes, Contract)
    assert len(done) == 1 and len(refused) == 1, outcomes
    assert "already has a contract" in refused[0].messages[0] or "ma już umowę" in refused[0].messages[0]
    assert Contract.objects.count() == 1


def test_one_number_given_twice_at_the_same_moment_is_kept_once():
    _needs_postgresql()
    officer = UserFactory(officer=True)
    offers = [awarded(name="Fundacja A"), awarded(name="Fundacja B")]
    outcomes = _at_once(
        [
            lambda offer=offer: services.contract_prepare(
                actor=officer, offer=offer, terms={**COMPLETE, "number": "DOT/2026/050"}
            )
            for offer in offers
        ]
    )
    done, refused = _split(outcomes, Contract)
    assert len(done) == 1 and len(refused) == 1, outcomes
    assert "number" in refused[0].message_dict
    assert Contract.objects.filter(number="DOT/2026/050").count() == 1 and Contract.objects.count() == 1


def test_two_annexes_of_one_contract_at_once_make_one():
    _needs_postgresql()
    officer = UserFactory(officer=True)
    contract = signed(awarded(), officer)
    end = contract.end_date - datetime.timedelta(days=5)
    outcomes = _at_once(
        [
            lambda: services.annex_prepare(
                actor=officer, contract=contract, reason="A", start_date=contract.start_date, end_date=end
            ),
            lambda: services.annex_prepare(
                actor=officer, contract=contract, reason="B", start_date=contract.start_date, end_date=end
            ),
        ]
    )
    done, refused = _split(outcomes, ContractAnnex)
    assert len(done) == 1 and len(refused) == 1, outcomes
    assert ContractAnnex.objects.count() == 1
