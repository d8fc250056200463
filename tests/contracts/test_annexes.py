"""Annexes (contracts.services.annexes) and the plan the report is settled against (contracts.plan.planned): the
arithmetic of an annex's budget against the award per year, the dates, what a signed annex changes in the contract,
and each refusal with its message and nothing changed."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from razem.contracts import plan, services
from razem.contracts.models import Contract, ContractAnnex
from razem.core.models import Notification
from tests.contracts.factories import awarded, call, signed, small_grant
from tests.core.helpers import in_polish

pytestmark = pytest.mark.django_db

D = Decimal
YEAR = timezone.localdate().year


def budget_of(contract: Contract, **changes) -> dict:
    """The contract's plan as the annex form sends it, with ``changes`` applied by a function of the data."""
    data = plan.as_data(plan.planned(contract))
    lines = [
        {**row, "year_amounts": {int(y): D(a) for y, a in row["year_amounts"].items()}, "key": f"line_{n}"}
        for n, row in enumerate(data["lines"], start=1)
    ]
    funding = {int(y): {s: D(v) for s, v in values.items()} for y, values in data["funding"].items()}
    return {"lines": lines, "funding": funding}


def _prepare(officer, contract, budget=None, **fields):
    return services.annex_prepare(
        actor=officer,
        contract=contract,
        reason=fields.pop("reason", "Zmiana kosztorysu."),
        start_date=fields.pop("start_date", contract.start_date),
        end_date=fields.pop("end_date", contract.end_date),
        budget=budget,
    )


def _two_years(officer) -> Contract:
    years = [YEAR, YEAR + 1]
    offer = awarded(
        call_=call(years=years), grants={YEAR: D("30000.00"), YEAR + 1: D("20000.00")},
        own={YEAR: D("4000.00"), YEAR + 1: D("3000.00")},
    )  # fmt: skip
    return signed(offer, officer)


def test_planned_is_the_contracts_budget_until_an_annex_that_changes_it_is_signed(officer):
    contract = signed(awarded(), officer)
    base = plan.planned(contract)
    assert (base.total_cost, base.grant, base.sources.own) == (D("9000.00"), D("8000.00"), D("1000.00"))
    data = budget_of(contract)
    data["lines"].append(
        {"category": "realization", "name": "Materiały", "unit": "komplet", "unit_cost": D("50.00"),
         "quantity": D("10"), "year_amounts": {YEAR: D("500.00")}, "partner_id": None, "activity_id": None}
    )  # fmt: skip
    data["funding"][YEAR]["own_financial"] = D("500.00")
    annex = _prepare(officer, contract, data)
    assert annex.number == 1 and annex.status == ContractAnnex.Status.PREPARED and annex.changes_budget
    assert plan.planned(contract).total_cost == D("9000.00")  # prepared, not signed: nothing changes yet
    services.annex_sign(actor=officer, annex=annex, signed_on=timezone.localdate())
    now = plan.planned(Contract.objects.get(pk=contract.pk))
    assert (now.total_cost, now.grant, now.sources.own_financial) == (D("9500.00"), D("8000.00"), D("500.00"))
    assert [line.name for line in now.lines][-1] == "Materiały" and len(now.lines) == 2
    assert now.shares()["grant"] == D("84.21")
    assert Notification.objects.filter(kind="contracts/annex_signed").count() == 1


def test_an_annex_moves_the_grant_between_lines_and_the_tranches_follow_a_lower_grant(officer):
    contract = _two_years(officer)
    data = budget_of(contract)
    # 2nd year: the grant lowered by 1 000 zł, the line by as much.
    line = data["lines"][1]
    line["unit_cost"], line["year_amounts"][YEAR + 1] = D("2200.00"), D("22000.00")
    data["funding"][YEAR + 1]["grant"] = D("19000.00")
    annex = _prepare(officer, contract, data)
    labels = [c["label"] for c in annex.changes]
    assert f"Dotacja {YEAR + 1}" in labels
    services.annex_sign(actor=officer, annex=annex, signed_on=timezone.localdate())
    contract.refresh_from_db()
    assert [(t.year, t.amount) for t in contract.tranches.all()] == [(YEAR, D("30000.00")), (YEAR + 1, D("19000.00"))]
    assert plan.planned(contract).grant == D("49000.00")


def test_a_grant_above_the_award_of_a_year_is_refused_on_its_field_and_nothing_is_made(officer):
    contract = _two_years(officer)
    data = budget_of(contract)
    line = data["lines"][0]
    line["unit_cost"], line["year_amounts"][YEAR] = D("3500.00"), D("35000.00")
    data["funding"][YEAR]["grant"] = D("31000.00")  # 31 000 + 4 000 = 35 000: balanced, but above 30 000 awarded
    with pytest.raises(ValidationError) as error:
        _prepare(officer, contract, data)
    assert error.value.message_dict[f"funding_{YEAR}_grant"] == [
        in_polish("The grant of %(year)s would be %(grant)s, above the %(award)s awarded for that year.")
        % {"year": YEAR, "grant": "31\u00a0000,00\u00a0zł", "award": "30\u00a0000,00\u00a0zł"}
    ]
    assert not ContractAnnex.objects.exists()


def test_sources_that_do_not_add_up_to_the_costs_are_refused(officer):
    contract = signed(awarded(), officer)
    data = budget_of(contract)
    data["funding"][YEAR]["own_personal"] = D("500.00")
    with pytest.raises(ValidationError) as error:
        _prepare(officer, contract, data)
    assert any("9\u00a0000,00\u00a0zł" in m for m in error.value.message_dict[f"funding_{YEAR}_grant"])
    assert not ContractAnnex.objects.exists()


def test_a_line_whose_years_do_not_add_up_is_refused_next_to_the_line(officer):
    contract = signed(awarded(), officer)
    data = budget_of(contract)
    data["lines"][0]["year_amounts"][YEAR] = D("8000.00")
    with pytest.raises(ValidationError) as error:
        _prepare(officer, contract, data)
    assert f"line_1_{YEAR}" in error.value.message_dict


def test_dates_outside_the_contracts_years_are_refused(officer):
    contract = signed(awarded(), officer)
    with pytest.raises(ValidationError) as error:
        _prepare(officer, contract, end_date=datetime.date(YEAR + 1, 1, 31))
    assert error.value.message_dict["end_date"] == [
        in_polish("An annex moves the dates within the budget years of the contract (%(years)s).") % {"years": YEAR}
    ]


def test_a_small_grants_annex_may_not_stretch_the_task_beyond_its_longest_duration(officer):
    contract = signed(small_grant(), officer)
    with pytest.raises(ValidationError) as error:
        _prepare(officer, contract, end_date=contract.start_date + datetime.timedelta(days=120))
    assert "art. 19a" in error.value.message_dict["end_date"][0]


def test_an_annex_that_changes_nothing_or_gives_no_reason_is_refused(officer):
    contract = signed(awarded(), officer)
    with pytest.raises(ValidationError) as error:
        _prepare(officer, contract, budget_of(contract))
    assert error.value.message_dict[NON_FIELD_ERRORS] == [
        in_polish("The annex changes nothing: change the dates or the budget.")
    ]
    with pytest.raises(ValidationError) as error:
        _prepare(officer, contract, reason="", end_date=contract.end_date - datetime.timedelta(days=10))
    assert error.value.message_dict["reason"] == [in_polish("Say why the contract is changed; the annex states it.")]
    assert not ContractAnnex.objects.exists()


def test_signing_an_annex_moves_the_contracts_dates_and_its_report(officer):
    contract = signed(awarded(), officer)
    frozen = dict(contract.content)
    new_end = contract.end_date - datetime.timedelta(days=30)
    annex = _prepare(officer, contract, end_date=new_end, reason="Wcześniejsze zakończenie zajęć.")
    assert annex.changes[0]["label"] == "Termin zakończenia zadania" and not annex.changes_budget
    services.annex_sign(actor=officer, annex=annex, signed_on=timezone.localdate())
    contract.refresh_from_db()
    assert contract.end_date == new_end
    assert contract.content == frozen  # the signed contract's text never changes
    annex.refresh_from_db()
    assert annex.content["reports"]["final_due"] == (new_end + datetime.timedelta(days=30)).isoformat()


def test_a_second_annex_waits_until_the_first_is_signed_and_numbers_follow(officer):
    contract = signed(awarded(), officer)
    first = _prepare(officer, contract, end_date=contract.end_date - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        _prepare(officer, contract, end_date=contract.end_date - datetime.timedelta(days=2))
    assert error.value.messages == [
        in_polish("Annex no. %(number)s is prepared and not signed yet: sign it or change it first.") % {"number": 1}
    ]
    services.annex_sign(actor=officer, annex=first, signed_on=timezone.localdate())
    second = _prepare(
        officer, Contract.objects.get(pk=contract.pk), end_date=contract.end_date - datetime.timedelta(days=2)
    )
    assert second.number == 2


def test_an_annex_of_an_unsigned_contract_is_refused(officer):
    from tests.contracts.factories import prepared

    contract = prepared(awarded(), officer)
    with pytest.raises(ValidationError) as error:
        _prepare(officer, contract, end_date=contract.end_date - datetime.timedelta(days=1))
    assert error.value.messages == [in_polish("Record the signing of the contract first.")]


def test_a_signed_annex_cannot_be_changed_or_signed_again(officer):
    contract = signed(awarded(), officer)
    annex = _prepare(officer, contract, end_date=contract.end_date - datetime.timedelta(days=1))
    services.annex_sign(actor=officer, annex=annex, signed_on=timezone.localdate())
    with pytest.raises(ValidationError) as error:
        services.annex_update(
            actor=officer, annex=annex, reason="x", start_date=contract.start_date, end_date=contract.end_date
        )
    assert error.value.messages == [
        in_polish("Annex no. %(number)s is signed; a further change needs a new annex.") % {"number": 1}
    ]
    with pytest.raises(ValidationError):
        services.annex_sign(actor=officer, annex=annex, signed_on=timezone.localdate())


def test_planned_falls_back_to_the_offers_rows_for_a_contract_kept_without_its_budget(officer):
    contract = signed(awarded(), officer)
    Contract.objects.filter(pk=contract.pk).update(budget={})
    contract.refresh_from_db()
    assert plan.planned(contract).grant == D("8000.00")


def test_the_plan_ties_lines_to_the_oferent_that_bears_them_and_to_their_activity(officer):
    offer = awarded(partner=True)
    line = offer.cost_lines.get()
    partner_org = offer.partners.get().organization
    # Filed content names the oferent by its place; the lead's line has no partner.
    contract = signed(offer, officer)
    planned = plan.planned(contract)
    assert planned.lines[0].partner_id is None and planned.lines[0].activity_id == line.activity_id
    assert partner_org.pk != offer.organization_id
