"""Joint offers (art. 14 ust. 2): the leading oferent invites, the partner's people accept or decline in Razem, a
confirmation holds until the budget, section VI or the partnership changes, and each step is told to the other
side. Pages: the partners page (search, invite, remove) and the answer to an invitation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from razem.core.models import LogEntry, Notification
from razem.grants import validation
from razem.grants.models import OfferPartner
from razem.grants.services.offers import drafts as offer_drafts
from razem.grants.services.offers import partners as offer_partners
from razem.grants.services.offers import tables as offer_tables
from razem.organizations.models import Organization
from tests.core.helpers import in_polish
from tests.factories import CallFactory, OrganizationFactory, UserFactory
from tests.grants.offer_support import budget_rows, lead

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def joint():
    call = CallFactory()
    organization, person = lead("Fundacja Lider")
    partner_org, partner_person = lead("Stowarzyszenie Partner", krs="0000654321")
    offer = offer_drafts.offer_start(actor=person, call=call, organization=organization)
    return offer, person, partner_org, partner_person


def told(kind: str) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("recipient", flat=True))


def test_an_invitation_is_told_to_the_partners_people(joint):
    offer, person, partner_org, partner_person = joint
    partner = offer_partners.partner_invite(actor=person, offer=offer, organization=partner_org)
    assert (partner.status, partner.invited_by, partner.confirmed_revision) == ("invited", person, None)
    assert told("grants/partner_invited") == {partner_person.pk}
    notice = Notification.objects.get(kind="grants/partner_invited")
    assert "Fundacja Lider" in notice.title and "Stowarzyszenie Partner" in notice.body
    assert notice.url == offer.get_absolute_url()
    offer.refresh_from_db()
    assert offer.section_revisions[validation.PARTNERS]["revision"] == offer.revision == 1
    assert LogEntry.objects.filter(action="grants.offer.partner_invited", data__organization=partner_org.pk).exists()
    # The invited partner sees and may edit the offer, and may answer.
    assert partner_person.has_perm("grants.view_offer", offer)
    assert partner_person.has_perm("grants.edit_offer", offer)
    assert partner_person.has_perm("grants.decide_partnership", partner)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("itself", "The leading oferent cannot be its own partner."),
        ("unverified", "Fundacja Nowa is not a verified organization yet."),
        ("nobody", "Nobody can act for Klub Pusty in Razem yet, so nobody could accept; ask them to join Razem first."),
        ("twice", "Stowarzyszenie Partner is already a partner of this offer."),
    ],
)
def test_an_invitation_that_cannot_be_made_is_refused_and_nothing_changes(joint, case, message):
    offer, person, partner_org, _partner_person = joint
    if case == "twice":
        offer_partners.partner_invite(actor=person, offer=offer, organization=partner_org)
    organization = {
        "itself": offer.organization,
        "unverified": lead("Fundacja Nowa", status=Organization.Status.PENDING)[0],
        "nobody": OrganizationFactory(name="Klub Pusty"),
        "twice": partner_org,
    }[case]
    offer.refresh_from_db()
    revision, count = offer.revision, OfferPartner.objects.count()
    with pytest.raises(ValidationError) as error:
        offer_partners.partner_invite(actor=person, offer=offer, organization=organization)
    assert error.value.message_dict == {"organization": [message]}
    offer.refresh_from_db()
    assert (offer.revision, OfferPartner.objects.count()) == (revision, count)


def test_only_the_leading_oferent_invites(joint):
    offer, person, partner_org, partner_person = joint
    offer_partners.partner_invite(actor=person, offer=offer, organization=partner_org)
    third, _third_person = lead("Trzecia Fundacja")
    with pytest.raises(ValidationError) as error:
        offer_partners.partner_invite(actor=partner_person, offer=offer, organization=third)
    assert error.value.message_dict == {"organization": ["Only the leading oferent invites partners."]}


def test_accepting_confirms_the_offer_as_it_is_and_tells_the_lead(joint):
    offer, person, partner_org, partner_person = joint
    partner = offer_partners.partner_invite(actor=person, offer=offer, organization=partner_org)
    offer_partners.partner_decide(actor=partner_person, partner=partner, accept=True)
    partner.refresh_from_db()
    offer.refresh_from_db()
    assert (partner.status, partner.confirmed_revision, partner.decided_by) == (
        "confirmed",
        offer.revision,
        partner_person,
    )
    assert validation.confirmation_holds(offer, partner)
    assert told("grants/partner_accepted") == {person.pk}
    assert offer.revision == 1  # a confirmation is not a change of the offer


def test_declining_takes_the_partner_out_and_tells_the_lead(joint):
    offer, person, partner_org, partner_person = joint
    partner = offer_partners.partner_invite(actor=person, offer=offer, organization=partner_org)
    offer_partners.partner_decide(actor=partner_person, partner=partner, accept=False)
    partner.refresh_from_db()
    assert partner.status == "declined"
    assert told("grants/partner_declined") == {person.pk}
    offer.refresh_from_db()
    assert not partner_person.has_perm("grants.view_offer", offer)
    with pytest.raises(ValidationError) as error:
        offer_partners.partner_decide(actor=partner_person, partner=partner, accept=True)
    assert "declined this joint offer" in error.value.messages[0]
    # The lead may invite it again.
    again = offer_partners.partner_invite(actor=person, offer=offer, organization=partner_org)
    assert (again.pk, again.status) == (partner.pk, "invited")


def test_only_the_partners_people_answer(joint):
    offer, person, partner_org, _partner_person = joint
    partner = offer_partners.partner_invite(actor=person, offer=offer, organization=partner_org)
    for stranger in (person, UserFactory()):
        with pytest.raises(ValidationError) as error:
            offer_partners.partner_decide(actor=stranger, partner=partner, accept=True)
        assert error.value.messages == ["Only a person who may act for the invited organization can answer."]
    partner.refresh_from_db()
    assert partner.status == "invited"


def test_a_confirmation_holds_until_the_budget_or_section_vi_changes(joint):
    offer, person, partner_org, partner_person = joint
    partner = offer_partners.partner_invite(actor=person, offer=offer, organization=partner_org)
    offer_partners.partner_decide(actor=partner_person, partner=partner, accept=True)
    # The description and the activities may change.
    offer_drafts.offer_update_fields(actor=person, offer=offer, fields={"title": "Nowy tytuł", "experience": "Dużo"})
    offer_tables.offer_replace_activities(actor=person, offer=offer, rows=[{"year": offer.years[0], "name": "A"}])
    offer.refresh_from_db()
    partner.refresh_from_db()
    assert validation.confirmation_holds(offer, partner)
    assert not told("grants/partner_reconfirm")
    # A change of the budget asks again, once.
    lines, funding = budget_rows(offer)
    offer_tables.offer_replace_budget(actor=person, offer=offer, lines=lines, funding=funding)
    offer_tables.offer_replace_budget(actor=person, offer=offer, lines=lines, funding=[{**funding[0], "grant": 7000}])
    offer.refresh_from_db()
    assert not validation.confirmation_holds(offer, partner)
    assert Notification.objects.filter(kind="grants/partner_reconfirm", recipient=partner_person).count() == 1
    assert any("confirm again" in i.message for i in validation.filing_problems(offer))
    # Confirming again holds; so does a later change of section VI... until it happens.
    offer_partners.partner_decide(actor=partner_person, partner=partner, accept=True)
    offer.refresh_from_db()
    partner.refresh_from_db()
    assert validation.confirmation_holds(offer, partner)
    offer_drafts.offer_update_fields(actor=person, offer=offer, fields={"joint_roles": "Lider prowadzi warsztaty."})
    offer.refresh_from_db()
    assert not validation.confirmation_holds(offer, partner)


def test_removing_a_partner_tells_it_and_asks_the_others_again(joint):
    offer, person, partner_org, partner_person = joint
    other_org, other_person = lead("Druga Fundacja")
    leaving = offer_partners.partner_invite(actor=person, offer=offer, organization=partner_org)
    staying = offer_partners.partner_invite(actor=person, offer=offer, organization=other_org)
    offer_partners.partner_decide(actor=other_person, partner=staying, accept=True)
    offer_partners.partner_remove(actor=person, partner=leaving)
    assert not OfferPartner.objects.filter(pk=leaving.pk).exists()
    assert told("grants/partner_removed") == {partner_person.pk}
    assert told("grants/partner_reconfirm") == {other_person.pk}
    assert not partner_person.has_perm("grants.view_offer", offer)


# Pages ---------------------------------------------------------------------------------------------------------


def test_the_lead_finds_and_invites_a_partner_on_the_partners_page(client, joint):
    offer, person, partner_org, partner_person = joint
    client.force_login(person)
    url = reverse("grants:partners", args=[offer.pk])
    page = client.get(url, {"szukaj": "partner"})
    assert page.status_code == 200
    assert f'name="organization" value="{partner_org.pk}"' in page.content.decode()
    response = client.post(url, {"action": "invite", "organization": partner_org.pk})
    assert response.status_code == 302
    partner = OfferPartner.objects.get(offer=offer)
    assert partner.organization == partner_org
    # Inviting again is refused on the page, with the reason.
    again = client.post(url, {"action": "invite", "organization": partner_org.pk})
    assert again.status_code == 400
    assert (
        in_polish("%(org)s is already a partner of this offer.") % {"org": partner_org.name} in again.content.decode()
    )
    removed = client.post(url, {"action": "remove", "partner": partner.pk})
    assert removed.status_code == 302 and not OfferPartner.objects.exists()


def test_a_partner_cannot_invite_others(client, joint):
    offer, person, partner_org, partner_person = joint
    offer_partners.partner_invite(actor=person, offer=offer, organization=partner_org)
    third, _third_person = lead("Trzecia")
    client.force_login(partner_person)
    assert client.get(reverse("grants:partners", args=[offer.pk])).status_code == 200
    response = client.post(reverse("grants:partners", args=[offer.pk]), {"action": "invite", "organization": third.pk})
    assert response.status_code == 403
    assert OfferPartner.objects.count() == 1


def test_the_partner_answers_on_its_page(client, joint):
    offer, person, partner_org, partner_person = joint
    partner = offer_partners.partner_invite(actor=person, offer=offer, organization=partner_org)
    url = reverse("grants:partner_decide", args=[offer.pk, partner.pk])
    client.force_login(person)
    assert client.get(url).status_code == 403
    client.force_login(partner_person)
    page = client.get(url)
    confirm = in_polish("Confirm for %(org)s") % {"org": "Stowarzyszenie Partner"}
    assert page.status_code == 200 and confirm in page.content.decode()
    detail = client.get(offer.get_absolute_url())
    assert f'id="invitation-{partner.pk}"' in detail.content.decode()
    response = client.post(url, {"decision": "accept"})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.status == "confirmed"
