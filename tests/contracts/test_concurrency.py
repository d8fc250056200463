"""The locks of contracts under real concurrent transactions (PostgreSQL; skipped on SQLite, whose writes are one at a
time anyway): two officers preparing the contract of one offer make one contract; two contracts given the same number
at the same moment keep it once, the other refused as a duplicate; two annexes of one contract at once, one."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from razem.contracts import services
from razem.contracts.models import Contract, ContractAnnex
from tests.contracts.factories import COMPLETE, awarded, signed
from tests.core.helpers import in_polish
from tests.factories import UserFactory
from tests.support import at_once, needs_postgresql

pytestmark = pytest.mark.django_db(transaction=True)


def _split(outcomes, kind):
    return [o for o in outcomes if isinstance(o, kind)], [o for o in outcomes if isinstance(o, ValidationError)]


def test_two_officers_preparing_one_offers_contract_make_one():
    needs_postgresql()
    officers = [UserFactory(officer=True), UserFactory(officer=True)]
    offer = awarded()
    outcomes = at_once(
        [
            lambda person=person: services.contract_prepare(actor=person, offer=offer, terms=COMPLETE)
            for person in officers
        ]
    )
    done, refused = _split(outcomes, Contract)
    assert len(done) == 1 and len(refused) == 1, outcomes
    assert refused[0].messages == [
        in_polish("This offer already has a contract (%(number)s).") % {"number": in_polish("in preparation")}
    ]
    assert Contract.objects.count() == 1


def test_one_number_given_twice_at_the_same_moment_is_kept_once():
    needs_postgresql()
    officer = UserFactory(officer=True)
    offers = [awarded(name="Fundacja A"), awarded(name="Fundacja B")]
    outcomes = at_once(
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
    needs_postgresql()
    officer = UserFactory(officer=True)
    contract = signed(awarded(), officer)
    end = contract.end_date - datetime.timedelta(days=5)
    outcomes = at_once(
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
