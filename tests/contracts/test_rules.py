"""Who may do what with contracts (contracts/rules.py): a matrix of roles × the contract's status, and of roles × the
state of the offer a contract is prepared from; the page's refusal is the service's."""

import pytest
from django.core.exceptions import ValidationError

from razem.contracts import services
from razem.contracts.models import Contract
from razem.contracts.rules import NOT_DECIDED, OFFICE_ONLY, RESIGNED
from razem.core.permissions import why_not
from razem.grants.models import Award
from razem.organizations.models import Membership
from tests.contracts.factories import awarded, decide, prepared, signed
from tests.core.helpers import in_polish
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "member", "lead", "partner", "other_org", "officer", "administrator"]
STATUSES = ["draft", "signed", "terminated"]
ACTIONS = ["view", "edit", "sign", "scan", "annex", "terminate", "manage"]
PERMS = {
    "view": "contracts.view_contract",
    "edit": "contracts.edit_contract",
    "sign": "contracts.sign_contract",
    "scan": "contracts.attach_scan",
    "annex": "contracts.prepare_annex",
    "terminate": "contracts.terminate_contract",
    "manage": "contracts.manage_contract",
}


def _people(offer, anonymous, resident, officer, administrator) -> dict:
    member = MembershipFactory(organization=offer.organization, role=Membership.Role.MEMBER).user
    other = MembershipFactory(role=Membership.Role.REPRESENTATIVE).user
    return {
        "anonymous": anonymous,
        "resident": resident,
        "member": member,
        "lead": offer.filer,
        "partner": offer.partner_person,
        "other_org": other,
        "officer": officer,
        "administrator": administrator,
    }


def expected(role: str, status: str) -> dict[str, bool]:
    staff = role in {"officer", "administrator"}
    return {
        "view": staff or role in {"lead", "partner"},
        "edit": staff and status == "draft",
        "sign": staff and status == "draft",
        "scan": staff and status == "signed",
        "annex": staff and status == "signed",
        "terminate": staff and status != "terminated",
        "manage": staff,
    }


@pytest.mark.parametrize("status", STATUSES)
def test_permission_matrix_of_roles_and_the_contract_status(status, anonymous, resident, officer, administrator):
    offer = awarded(partner=True)
    contract = signed(offer, officer) if status != "draft" else prepared(offer, officer)
    if status == "terminated":
        contract = services.contract_terminate(actor=officer, contract=contract, reason="Porozumienie stron.")
    people = _people(offer, anonymous, resident, officer, administrator)
    for role in ROLES:
        person = people[role]
        got = {action: bool(person.has_perm(PERMS[action], contract)) for action in ACTIONS}
        assert got == expected(role, status), (role, status)


OFFER_STATES = ["filed", "awarded", "awaited", "update_filed", "resigned", "not_awarded", "has_contract"]


def _offer_in(state: str, officer):
    if state == "filed":
        return awarded(decided=False)
    if state == "not_awarded":
        offer = awarded(decided=False)
        offer.status = "not_awarded"
        offer.save(update_fields=["status"])
        return offer
    update = {
        "awaited": Award.Update.AWAITED,
        "update_filed": Award.Update.FILED,
        "resigned": Award.Update.RESIGNED,
    }.get(state, Award.Update.NOT_NEEDED)
    offer = awarded(update=update)
    if state == "has_contract":
        prepared(offer, officer)
    return offer


@pytest.mark.parametrize("state", OFFER_STATES)
def test_who_may_prepare_a_contract_from_an_offer_in_each_state(state, resident, officer, administrator):
    offer = _offer_in(state, officer)
    for person, staff in ((resident, False), (offer.filer, False), (officer, True), (administrator, True)):
        allowed = person.has_perm("contracts.prepare_contract", offer)
        assert allowed == (staff and state in {"awarded", "update_filed"}), (state, person)
        if not staff:
            assert why_not(person, "contracts.prepare_contract", offer) == in_polish(str(OFFICE_ONLY))


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("filed", NOT_DECIDED),
        ("resigned", RESIGNED),
        ("not_awarded", "This offer was not awarded a grant; there is no contract to prepare."),
        (
            "awaited",
            "The oferent was awarded less than requested and is updating the offer (due %(due)s); the contract is "
            "prepared once the update is filed.",
        ),
        ("has_contract", "This offer already has a contract (%(number)s)."),
    ],
)
def test_the_page_and_the_service_refuse_alike_and_nothing_is_made(state, message, officer):
    offer = _offer_in(state, officer)
    before = Contract.objects.count()
    refusal = why_not(officer, "contracts.prepare_contract", offer)
    assert refusal and in_polish(str(message)).split("(")[0].split("%")[0].strip() in refusal
    with pytest.raises(ValidationError) as error:
        services.contract_prepare(actor=officer, offer=offer)
    assert error.value.messages == [refusal]
    assert Contract.objects.count() == before


def test_the_refusal_before_the_decision_is_said_in_polish(officer):
    offer = awarded(decided=False)
    assert why_not(officer, "contracts.prepare_contract", offer) == in_polish(
        "The grant has not been decided yet; the contract is prepared after the decision."
    )
    decide(offer, {offer.years[0]: offer.current_version.grant_requested})
    assert officer.has_perm("contracts.prepare_contract", offer)


def test_a_staff_member_needs_no_membership_and_a_resident_sees_nothing(officer):
    offer = awarded()
    contract = prepared(offer, officer)
    stranger = UserFactory()
    assert not stranger.has_perm("contracts.view_contract", contract)
    assert offer.filer.has_perm("contracts.view_annex", contract)
