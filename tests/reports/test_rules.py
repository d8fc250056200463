"""Who may do what with reports (reports.rules): a matrix of roles × the report's status, and the refusals the page
shows (why_not) in Polish."""

import datetime
from decimal import Decimal

import pytest

from razem.core.permissions import why_not
from razem.organizations.models import Membership
from razem.reports.models import Report, Settlement
from tests.core.helpers import in_polish
from tests.factories import MembershipFactory, UserFactory
from tests.reports.factories import signed_contract

pytestmark = pytest.mark.django_db

STATUSES = ["demanded", "draft", "filed", "correcting", "accepted"]
ROLES = ["anonymous", "resident", "lead_member", "lead_representative", "partner_representative", "officer"]


@pytest.fixture
def world(officer, anonymous):
    contract = signed_contract(partner=True)
    member = MembershipFactory(organization=contract.offer.organization, role=Membership.Role.MEMBER).user
    return {
        "contract": contract,
        "people": {
            "anonymous": anonymous,
            "resident": UserFactory(),
            "lead_member": member,
            "lead_representative": contract.filer,
            "partner_representative": contract.offer.partner.person,
            "officer": officer,
        },
    }


def report_in(contract, status: str) -> Report:
    return Report.objects.create(
        contract=contract,
        kind=Report.Kind.PARTIAL,
        status=status,
        period_start=contract.start_date,
        period_end=contract.start_date,
        due_date=contract.end_date + datetime.timedelta(days=30),
    )


EXPECTED = {
    "reports.view_report": {
        role: set(STATUSES) if role in {"lead_representative", "partner_representative", "officer"} else set()
        for role in ROLES
    },
    "reports.edit_report": {
        role: {"demanded", "draft", "correcting"} if role == "lead_representative" else set() for role in ROLES
    },
    "reports.file_report": {
        role: {"demanded", "draft", "correcting"} if role == "lead_representative" else set() for role in ROLES
    },
    "reports.review_report": {role: {"filed"} if role == "officer" else set() for role in ROLES},
}


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_matrix_of_roles_and_statuses(world, perm):
    reports = {status: report_in(world["contract"], status) for status in STATUSES}
    for role, person in world["people"].items():
        allowed = {status for status, report in reports.items() if person.has_perm(perm, report)}
        assert allowed == EXPECTED[perm][role], (perm, role)


def test_the_contracts_permissions(world):
    contract = world["contract"]
    people = world["people"]
    starters = {role for role, p in people.items() if p.has_perm("reports.start_final_report", contract)}
    assert starters == {"lead_representative"}
    demanders = {role for role, p in people.items() if p.has_perm("reports.demand_report", contract)}
    assert demanders == {"officer"}
    readers = {role for role, p in people.items() if p.has_perm("reports.view_contract_reports", contract)}
    assert readers == {"lead_representative", "partner_representative", "officer"}
    listers = {role for role, p in people.items() if p.has_perm("reports.view_reports_list")}
    assert listers == {"officer"}


def test_the_contract_must_be_signed(world):
    contract = world["contract"]
    contract.status = "terminated"
    contract.save(update_fields=["status"])
    report = report_in(contract, "draft")
    lead, officer = world["people"]["lead_representative"], world["people"]["officer"]
    refusal = in_polish("The contract is not signed, or no longer in force: no report is due under it.")
    assert why_not(lead, "reports.edit_report", report) == refusal
    assert why_not(lead, "reports.start_final_report", contract) == refusal
    assert why_not(officer, "reports.demand_report", contract) == refusal
    assert lead.has_perm("reports.view_report", report)


def test_the_refusals_in_words(world):
    contract = world["contract"]
    people = world["people"]
    filed, accepted = report_in(contract, "filed"), report_in(contract, "accepted")
    draft = report_in(contract, "draft")
    assert why_not(people["lead_member"], "reports.edit_report", draft) == in_polish(
        "Only a person who may act for the leading oferent of the contract can prepare its report."
    )
    assert why_not(people["partner_representative"], "reports.file_report", draft) == in_polish(
        "Only a person who may act for the leading oferent can file the report."
    )
    assert why_not(people["anonymous"], "reports.edit_report", draft) == in_polish("Sign in to continue.")
    assert why_not(people["lead_representative"], "reports.edit_report", filed) == in_polish(
        "The report was filed and awaits the office's review; it cannot be changed now."
    )
    assert why_not(people["lead_representative"], "reports.edit_report", accepted) == in_polish(
        "The report was accepted; it cannot be changed."
    )
    assert why_not(people["officer"], "reports.review_report", draft) == in_polish(
        "Only a filed report can be accepted or returned for corrections; this one is %(status)s."
    ) % {"status": in_polish("Being prepared", "report status").lower()}
    assert why_not(people["lead_representative"], "reports.review_report", filed) == in_polish(
        "Only the city office reviews reports."
    )


def test_recording_a_return(world):
    contract = world["contract"]
    report = report_in(contract, "accepted")
    due = Settlement.objects.create(contract=contract, report=report, year=2025, to_return=Decimal("10"))
    settled = Settlement.objects.create(
        contract=contract, report=report, year=2026, to_return=Decimal("10"), returned=Decimal("10")
    )
    people = world["people"]
    assert {role for role, p in people.items() if p.has_perm("reports.record_return", due)} == {"officer"}
    assert not people["officer"].has_perm("reports.record_return", settled)
    assert why_not(people["officer"], "reports.record_return", settled) == in_polish(
        "This year's grant is settled: nothing is left to return."
    )
