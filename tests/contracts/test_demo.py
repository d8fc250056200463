"""The contracts demo (contracts.demo): with awarded offers it signs their contracts through the services, one with
a signed annex changing its budget lines, and leaves the last one without a contract and the one before it
prepared; without awards it does nothing and records nothing, so that a later run tries again."""

import pytest

from razem.contracts import demo, plan
from razem.contracts.models import Contract, ContractAnnex
from razem.core.models import LogEntry
from razem.grants.models import Award
from tests.contracts.factories import awarded, call
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_officer(db):
    return UserFactory(email=demo.OFFICER, officer=True)


def test_without_awards_the_demo_makes_nothing_and_tries_again_later(demo_officer):
    assert demo.load(users={}) == {"contracts": 0, "contracts_signed": 0, "contract_annexes": 0}
    assert not LogEntry.objects.filter(action=demo.LOADED).exists()


def test_the_demo_signs_contracts_annexes_one_and_leaves_work_for_the_office(demo_officer):
    the_call = call()
    offers = [awarded(call_=the_call, name=f"Organizacja {n}") for n in range(4)]
    awaited = awarded(call_=the_call, name="Czeka na aktualizację", update=Award.Update.AWAITED)
    figures = demo.load(users={})
    assert figures == {"contracts": 3, "contracts_signed": 2, "contract_annexes": 1}
    by_offer = {c.offer_id: c for c in Contract.objects.all()}
    ordered = sorted(offers, key=lambda o: o.number)
    assert ordered[-1].pk not in by_offer and awaited.pk not in by_offer
    assert by_offer[ordered[-2].pk].status == Contract.Status.DRAFT
    annex = ContractAnnex.objects.get()
    assert annex.status == ContractAnnex.Status.SIGNED and annex.changes_budget
    contract = annex.contract
    assert plan.planned(contract).total_cost == plan.planned(contract).cost_in(contract.years[0])
    assert plan.planned(contract).sources.own_financial == 500
    assert contract.signed_on >= contract.offer.award.decision.made_on
    assert demo.load(users={}) == figures  # the second run adds nothing
