"""Who may see and change an offer (``grants.view_offer``, ``edit_offer``, ``invite_partner``,
``decide_partnership``): every role against the call's state (open, past its deadline by one second, cancelled)
and the offer's (draft, filed, withdrawn). The refusal a page shows is the one the service raises."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.core.permissions import why_not
from razem.grants.models import Call, Offer, OfferPartner, OfferVersion
from razem.grants.services.offers import drafts as offer_drafts
from tests.factories import CallFactory, MembershipFactory, OfferFactory, UserFactory
from tests.grants.offer_support import lead

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ROLES = [
    "anonymous",
    "resident",
    "lead_member",
    "lead_representative",
    "lead_admin",
    "partner_representative",
    "declined_partner_representative",
    "officer",
]
CALL_STATES = ["open", "past_deadline", "cancelled"]
OFFER_STATES = ["draft", "filed", "withdrawn"]


def _world(call_state: str, offer_state: str) -> dict:
    call = CallFactory()
    organization, representative = lead("Fundacja Lider")
    admin = UserFactory()
    MembershipFactory(organization=organization, user=admin, admin=True)
    member = UserFactory()
    MembershipFactory(organization=organization, user=member, member=True)
    partner_org, partner_person = lead("Stowarzyszenie Partner")
    declined_org, declined_person = lead("Klub Odmowa")
    offer = OfferFactory(call=call, organization=organization)
    partner = OfferPartner.objects.create(offer=offer, organization=partner_org)
    declined = OfferPartner.objects.create(offer=offer, organization=declined_org, status=OfferPartner.Status.DECLINED)
    if offer_state in {"filed", "withdrawn"}:
        version = OfferVersion.objects.create(
            offer=offer, number=1, content={}, checksum="0" * 64, total_cost=9000, grant_requested=8000
        )
        offer.current_version = version
        offer.status = Offer.Status.FILED if offer_state == "filed" else Offer.Status.WITHDRAWN
        offer.save()
    if call_state == "past_deadline":
        call.submission_deadline = timezone.now() - datetime.timedelta(seconds=1)
    elif call_state == "cancelled":
        call.status = Call.Status.CANCELLED
    call.save()
    from django.contrib.auth.models import AnonymousUser

    people = {
        "anonymous": AnonymousUser(),
        "resident": UserFactory(),
        "lead_member": member,
        "lead_representative": representative,
        "lead_admin": admin,
        "partner_representative": partner_person,
        "declined_partner_representative": declined_person,
        "officer": UserFactory(officer=True),
    }
    return {"offer": Offer.objects.get(pk=offer.pk), "partner": partner, "declined": declined, "people": people}


def expected(role: str, call_state: str, offer_state: str) -> dict[str, bool]:
    lead_people = role in {"lead_representative", "lead_admin"}
    oferent = lead_people or role == "partner_representative"
    open_call = call_state == "open"
    editable = offer_state in {"draft", "filed"}
    return {
        "view": oferent or (role == "officer" and offer_state != "draft"),
        "edit": oferent and editable and open_call,
        "invite": lead_people and editable and open_call,
        "decide": role == "partner_representative" and editable and open_call,
        "decide_declined": role == "declined_partner_representative" and editable and open_call,
    }


@pytest.mark.parametrize("offer_state", OFFER_STATES)
@pytest.mark.parametrize("call_state", CALL_STATES)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, call_state, offer_state):
    world = _world(call_state, offer_state)
    person, offer = world["people"][role], world["offer"]
    want = expected(role, call_state, offer_state)
    got = {
        "view": person.has_perm("grants.view_offer", offer),
        "edit": person.has_perm("grants.edit_offer", offer),
        "invite": person.has_perm("grants.invite_partner", offer),
        "decide": person.has_perm("grants.decide_partnership", world["partner"]),
        "decide_declined": person.has_perm("grants.decide_partnership", world["declined"]),
    }
    assert got == want


@pytest.mark.parametrize(
    ("call_state", "offer_state", "words"),
    [
        ("past_deadline", "draft", "the deadline has passed"),
        ("cancelled", "draft", "This call was cancelled."),
        ("open", "withdrawn", "This offer was withdrawn"),
    ],
)
def test_the_page_and_the_service_give_the_same_refusal(call_state, offer_state, words):
    world = _world(call_state, offer_state)
    person, offer = world["people"]["lead_representative"], world["offer"]
    refusal = why_not(person, "grants.edit_offer", offer)
    assert refusal and words in refusal
    before = (offer.title, offer.revision)
    with pytest.raises(ValidationError) as error:
        offer_drafts.offer_update_fields(actor=person, offer=offer, fields={"title": "Nowy tytuł"})
    assert error.value.messages == [refusal]
    offer.refresh_from_db()
    assert (offer.title, offer.revision) == before


def test_a_member_who_may_not_act_is_told_why():
    world = _world("open", "draft")
    refusal = why_not(world["people"]["lead_member"], "grants.edit_offer", world["offer"])
    assert refusal == "Only a person who may act for an oferent can edit this offer."


def test_the_deadline_is_judged_to_the_second():
    world = _world("open", "draft")
    person, offer = world["people"]["lead_representative"], world["offer"]
    call = offer.call
    call.submission_deadline = timezone.now() + datetime.timedelta(seconds=2)
    call.save()
    assert person.has_perm("grants.edit_offer", Offer.objects.get(pk=offer.pk))
    call.submission_deadline = timezone.now() - datetime.timedelta(microseconds=1)
    call.save()
    assert not person.has_perm("grants.edit_offer", Offer.objects.get(pk=offer.pk))
