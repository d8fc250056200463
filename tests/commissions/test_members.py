"""Appointing the commission (point 2): the representatives of the Mayor among the city's staff, the consented
nominees (with an account), the experts; the automatic exclusion of a nominee whose organization takes part in the
competition, with its reason, looked at again when that changes; one chair; removal; the note of art. 15 ust. 2da;
every change audited and the member told."""

import pytest
from django.core.exceptions import ValidationError

from razem.commissions.models import Member
from razem.commissions.selectors import composition, nominations_to_appoint
from razem.commissions.services.members import (
    exclusions_reevaluate,
    member_appoint,
    member_make_chair,
    member_remove,
    reevaluate_open_calls,
)
from razem.core.models import LogEntry, Notification
from razem.grants.models import Offer, OfferPartner
from tests.commissions.factories import admitted_offer, closed_call, consented_nomination, seat
from tests.core.helpers import in_polish
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(db):
    return closed_call()


def _refusal(excinfo, field):
    return excinfo.value.message_dict[field][0]


def test_the_office_appoints_a_representative_of_the_mayor_who_is_told(call, officer):
    colleague = UserFactory(officer=True, full_name="Marek Wiśniewski")

    member = member_appoint(actor=officer, call=call, role=Member.Role.MAYOR, user=colleague, chair=True)

    assert member.role == "mayor" and member.user == colleague and member.chair and member.votes
    assert member.full_name == "Marek Wiśniewski" and member.appointed_by == officer
    assert LogEntry.objects.filter(action="commissions.member.appointed", object_id=str(member.pk)).exists()
    note = Notification.objects.get(kind="commissions/appointed", recipient=colleague)
    assert note.url == f"/konkursy/{call.slug}/ocena/"


def test_a_resident_cannot_represent_the_mayor(call, officer):
    resident = UserFactory()
    with pytest.raises(ValidationError) as excinfo:
        member_appoint(actor=officer, call=call, role=Member.Role.MAYOR, user=resident)
    assert _refusal(excinfo, "user") == in_polish(
        "Choose an officer of the city: the Mayor is represented by the office's staff."
    )
    assert not Member.objects.exists()


def test_only_the_office_appoints(call):
    resident = UserFactory()
    with pytest.raises(ValidationError) as excinfo:
        member_appoint(actor=resident, call=call, role=Member.Role.EXPERT, email=resident.email)
    assert excinfo.value.messages == [in_polish("Only the city office can do this.")]
    assert not Member.objects.exists()


def test_a_consented_nominee_with_an_account_is_appointed(call, officer):
    nomination = consented_nomination(call)

    member = member_appoint(actor=officer, call=call, role=Member.Role.NGO, nomination=nomination)

    assert member.user == nomination.nominee and member.nomination == nomination and not member.excluded
    assert member.full_name == nomination.full_name
    assert nominations_to_appoint(call) == []


def test_a_nominee_found_by_the_address_when_the_nomination_has_no_account_linked(call, officer):
    person = UserFactory(email="ewa.nowak@example.org")
    nomination = consented_nomination(call, account=False)
    nomination.email = "Ewa.Nowak@example.org"
    nomination.save()

    member = member_appoint(actor=officer, call=call, role=Member.Role.NGO, nomination=nomination)

    assert member.user == person


def test_a_nominee_without_an_account_is_refused_with_what_to_do(call, officer):
    nomination = consented_nomination(call, account=False)
    (listed,) = nominations_to_appoint(call)
    assert listed.account is None

    with pytest.raises(ValidationError) as excinfo:
        member_appoint(actor=officer, call=call, role=Member.Role.NGO, nomination=nomination)

    assert _refusal(excinfo, "nomination") == in_polish(
        "%(name)s has no account in Razem with the address %(email)s: ask them to create one with this address, "
        "then appoint them."
    ) % {"name": "Jan Bez Konta", "email": "bez.konta@example.org"}
    assert not Member.objects.exists()


def test_a_nomination_not_consented_is_refused(call, officer):
    nomination = consented_nomination(call, status="awaiting", consented_at=None)
    with pytest.raises(ValidationError) as excinfo:
        member_appoint(actor=officer, call=call, role=Member.Role.NGO, nomination=nomination)
    assert "nomination" in excinfo.value.message_dict and not Member.objects.exists()


def test_a_nominee_whose_organization_leads_an_offer_is_excluded_with_the_reason(call, officer):
    organization = OrganizationFactory(name="Fundacja Biorąca Udział")
    offer = admitted_offer(call, organization=organization)
    nomination = consented_nomination(call, organization)

    member = member_appoint(actor=officer, call=call, role=Member.Role.NGO, nomination=nomination)

    assert member.excluded and not member.votes
    assert member.exclusion_ground == Member.Ground.TAKES_PART
    assert member.exclusion_reason == in_polish(
        "%(organization)s, which nominated this person, takes part in the competition with offer %(offer)s "
        "(art. 15 ust. 2d)."
    ) % {"organization": "Fundacja Biorąca Udział", "offer": offer.number}
    assert LogEntry.objects.filter(action="commissions.member.excluded", object_id=str(member.pk)).exists()


@pytest.mark.parametrize("status", [OfferPartner.Status.CONFIRMED, OfferPartner.Status.INVITED])
def test_a_nominee_whose_organization_is_a_partner_is_excluded(call, officer, status):
    partner = OrganizationFactory(name="Stowarzyszenie Partner")
    offer = admitted_offer(call)
    OfferPartner.objects.create(offer=offer, organization=partner, status=status)
    nomination = consented_nomination(call, partner)

    member = member_appoint(actor=officer, call=call, role=Member.Role.NGO, nomination=nomination)

    assert (
        member.excluded
        and "Stowarzyszenie Partner" in member.exclusion_reason
        and offer.number in member.exclusion_reason
    )


def test_a_declined_partner_a_draft_or_a_withdrawn_offer_does_not_exclude(call, officer):
    organization = OrganizationFactory()
    admitted_offer(call, organization=organization, status=Offer.Status.WITHDRAWN)
    declined = admitted_offer(call)
    OfferPartner.objects.create(offer=declined, organization=organization, status=OfferPartner.Status.DECLINED)
    nomination = consented_nomination(call, organization)

    member = member_appoint(actor=officer, call=call, role=Member.Role.NGO, nomination=nomination)

    assert not member.excluded and member.exclusion_reason == ""


def test_the_exclusion_is_looked_at_again_when_the_offer_goes(call, officer):
    organization = OrganizationFactory()
    offer = admitted_offer(call, organization=organization)
    member = member_appoint(
        actor=officer, call=call, role=Member.Role.NGO, nomination=consented_nomination(call, organization)
    )
    assert member.excluded

    Offer.objects.filter(pk=offer.pk).update(status=Offer.Status.WITHDRAWN)
    changed = exclusions_reevaluate(call=call, actor=officer)

    member.refresh_from_db()
    assert changed == [member] and not member.excluded and member.exclusion_reason == ""
    assert Notification.objects.filter(kind="commissions/exclusion_changed", recipient=member.user).exists()
    assert LogEntry.objects.filter(action="commissions.member.reinstated").exists()

    Offer.objects.filter(pk=offer.pk).update(status=Offer.Status.ADMITTED)
    assert "1" in reevaluate_open_calls()
    member.refresh_from_db()
    assert member.excluded


def test_an_expert_is_appointed_by_the_address_of_any_account(call, officer):
    expert = UserFactory(email="dr.sadowska@example.org", full_name="Anna Sadowska")

    member = member_appoint(actor=officer, call=call, role=Member.Role.EXPERT, email="DR.Sadowska@example.org")

    assert member.user == expert and member.role == "expert" and not member.votes


def test_an_unknown_address_of_an_expert_is_refused(call, officer):
    with pytest.raises(ValidationError) as excinfo:
        member_appoint(actor=officer, call=call, role=Member.Role.EXPERT, email="nikt@example.org")
    assert _refusal(excinfo, "email") == in_polish(
        "No account in Razem has the address %(email)s: ask the expert to create one first."
    ) % {"email": "nikt@example.org"}


def test_a_person_sits_once(call, officer):
    colleague = UserFactory(officer=True)
    member_appoint(actor=officer, call=call, role=Member.Role.MAYOR, user=colleague)
    with pytest.raises(ValidationError) as excinfo:
        member_appoint(actor=officer, call=call, role=Member.Role.EXPERT, email=colleague.email)
    assert _refusal(excinfo, "email") == in_polish("%(name)s already sits on this commission.") % {
        "name": colleague.full_name
    }
    assert Member.objects.count() == 1


def test_one_chair_and_never_an_expert_or_an_excluded_nominee(call, officer):
    first, second = seat(call), seat(call)
    expert = seat(call, Member.Role.EXPERT)
    member_make_chair(actor=officer, member=first)
    member_make_chair(actor=officer, member=second)

    assert list(Member.objects.filter(chair=True)) == [second]
    with pytest.raises(ValidationError):
        member_make_chair(actor=officer, member=expert)
    assert composition(call).chair == second


def test_removing_a_member_deletes_their_seat_audits_and_tells_them(call, officer):
    member = seat(call, signed=True)
    user = member.user

    member_remove(actor=officer, member=member)

    assert not Member.objects.exists()
    entry = LogEntry.objects.get(action="commissions.member.removed")
    assert entry.data["declaration"] is True
    assert Notification.objects.filter(kind="commissions/removed", recipient=user).exists()


def test_the_commission_without_ngo_members_says_so(call):
    assert not composition(call).without_ngo  # nobody appointed yet
    seat(call)
    seat(call, Member.Role.NGO, excluded=True)
    assert composition(call).without_ngo
    seat(call, Member.Role.NGO)
    assert not composition(call).without_ngo
