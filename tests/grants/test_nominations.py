"""Nominations of NGO members of the competition commission (Kraków's practice): a person acting for a verified
organization nominates someone while the call recruits; the nominee consents or declines through an e-mailed link
(only the token's hash is stored); the organization may withdraw; the office sees the list with whether the
organization also takes part in the call. Personal data: the export and the clean-up after an account deletion."""

import datetime
import re

import pytest
from conftest import make_person
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from razem.core.models import LogEntry, Notification
from razem.core.schedule import when
from razem.grants import personal_data
from razem.grants.models import CommissionNomination, Offer
from razem.grants.models.calls import hash_token
from razem.grants.services import nominations as services
from razem.organizations.models import Membership
from tests.core.helpers import in_polish, text_of
from tests.factories import CallFactory, OfferFactory, add_membership, make_organization

pytestmark = pytest.mark.django_db

NOT_A_REPRESENTATIVE = "Only a person who may act for a verified organization can do this."

NOMINEE = {
    "full_name": "Ewa Ekspertka",
    "email": "Ewa.Ekspertka@example.org",
    "phone": "+48 600 100 200",
    "qualifications": "Dziesięć lat w komisjach konkursowych pomocy społecznej.",
}


@pytest.fixture
def call(db):
    return CallFactory()


def nominate(actor, call, organization, **changes):
    return services.nomination_create(actor=actor, call=call, organization=organization, data={**NOMINEE, **changes})


def link_token(message) -> str:
    found = re.search(r"/konkursy/komisja/zgoda/([^/\s]+)/", message.body)
    assert found, message.body
    return found.group(1)


# Nominating ---------------------------------------------------------------------------------------------------------


def test_a_representative_nominates_and_the_nominee_gets_a_link_whose_token_is_stored_hashed(
    call, verified_org, org_representative
):
    mail.outbox.clear()
    nomination = nominate(org_representative, call, verified_org)

    assert nomination.status == CommissionNomination.Status.AWAITING_CONSENT
    assert nomination.email == "ewa.ekspertka@example.org" and nomination.nominated_by == org_representative
    [message] = [m for m in mail.outbox if "ewa.ekspertka@example.org" in m.to]
    token = link_token(message)
    assert token == nomination.token
    assert nomination.token_hash == hash_token(token) and token not in nomination.token_hash
    assert verified_org.name in message.subject
    entry = LogEntry.objects.get(action="grants.nomination.created")
    assert token not in str(entry.data)


def test_one_organization_nominates_several_people_but_one_e_mail_is_nominated_once_while_active(
    call, verified_org, org_representative, org_admin
):
    nominate(org_representative, call, verified_org)
    nominate(org_representative, call, verified_org, full_name="Adam Drugi", email="adam@example.org")

    with pytest.raises(ValidationError) as caught:
        nominate(org_admin, call, verified_org, email="EWA.ekspertka@example.org")

    assert caught.value.message_dict["email"][0] == in_polish(
        "%(email)s is already nominated to the commission of this call (%(status)s). A person is "
        "nominated once; the office sees every nomination."
    ) % {"email": "ewa.ekspertka@example.org", "status": in_polish("Awaiting the nominee's consent").lower()}
    assert CommissionNomination.objects.count() == 2


def test_after_a_decline_the_same_person_may_be_nominated_again(call, verified_org, org_representative):
    first = nominate(org_representative, call, verified_org)
    services.nomination_answer(token=first.token, accept=False)

    again = nominate(org_representative, call, verified_org)

    assert again.pk != first.pk and again.status == CommissionNomination.Status.AWAITING_CONSENT


@pytest.mark.parametrize(
    ("field", "changes", "words"),
    [
        ("full_name", {"full_name": " "}, "Give the nominee's full name."),
        ("email", {"email": "nie-adres"}, "Give the nominee's e-mail address: the request for consent is sent there."),
        (
            "qualifications",
            {"qualifications": ""},
            "Describe the nominee's experience and qualifications in the field of the task: the office reads it.",
        ),
        ("phone", {"phone": "1" * 40}, "The phone number is longer than 32 characters."),
    ],
)
def test_a_nomination_with_a_missing_or_bad_field_is_refused_and_nothing_is_sent(
    call, verified_org, org_representative, field, changes, words
):
    mail.outbox.clear()
    with pytest.raises(ValidationError) as caught:
        nominate(org_representative, call, verified_org, **changes)

    assert in_polish(words) in caught.value.message_dict[field][0]
    assert not CommissionNomination.objects.exists() and not mail.outbox


def test_only_a_representative_of_a_verified_organization_nominates_and_only_for_it(
    call, verified_org, pending_org, org_member, org_representative
):
    with pytest.raises(ValidationError) as caught:
        nominate(org_member, call, verified_org)
    assert in_polish(NOT_A_REPRESENTATIVE) in caught.value.messages[0]

    other = make_organization("Fundacja Obca")
    with pytest.raises(ValidationError) as caught:
        nominate(org_representative, call, other)
    assert "organization" in caught.value.message_dict
    assert not CommissionNomination.objects.exists()


def test_nominations_are_refused_when_closed_for_a_draft_or_a_call_that_does_not_recruit(
    verified_org, org_representative
):
    closed = CallFactory(nominations_close=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError) as caught:
        nominate(org_representative, closed, verified_org)
    assert caught.value.messages[0] == in_polish("Nominations closed on %(when)s.") % {
        "when": when(closed.nominations_close)
    }
    with pytest.raises(ValidationError):
        nominate(org_representative, CallFactory(recruits_commission=False), verified_org)
    with pytest.raises(ValidationError):
        nominate(org_representative, CallFactory(status="draft", published_at=None), verified_org)
    assert not CommissionNomination.objects.exists()


# The nominee's answer -----------------------------------------------------------------------------------------------


def test_the_nominee_consents_through_the_link_and_the_organization_is_told(call, verified_org, org_representative):
    account = make_person("ewa.ekspertka@example.org", full_name="Ewa Ekspertka")
    nomination = nominate(org_representative, call, verified_org)

    answered = services.nomination_answer(token=nomination.token, accept=True)

    assert answered.status == CommissionNomination.Status.CONSENTED and answered.consented_at is not None
    assert answered.nominee == account
    assert Notification.objects.filter(kind="grants/nomination_answered", recipient=org_representative).exists()
    with pytest.raises(ValidationError) as caught:
        services.nomination_answer(token=nomination.token, accept=False)
    assert caught.value.messages[0] == in_polish("You have already answered: %(status)s.") % {
        "status": in_polish("Consented").lower()
    }


def test_a_bad_token_or_a_withdrawn_nomination_cannot_be_answered(call, verified_org, org_representative):
    nomination = nominate(org_representative, call, verified_org)
    with pytest.raises(ValidationError) as caught:
        services.nomination_answer(token="zly-token", accept=True)
    assert (
        in_polish("This link is not valid. Ask the organization that nominated you to check it.")
        in (caught.value.messages[0])
    )

    services.nomination_withdraw(actor=org_representative, nomination=nomination)
    with pytest.raises(ValidationError) as caught:
        services.nomination_answer(token=nomination.token, accept=True)
    assert (
        in_polish("The organization has withdrawn this nomination; there is nothing to answer.")
        in (caught.value.messages[0])
    )


# Withdrawing --------------------------------------------------------------------------------------------------------


def test_the_organization_withdraws_its_nomination_and_the_nominee_is_told(call, verified_org, org_representative):
    nomination = nominate(org_representative, call, verified_org)
    mail.outbox.clear()

    withdrawn = services.nomination_withdraw(actor=org_representative, nomination=nomination)

    assert withdrawn.status == CommissionNomination.Status.WITHDRAWN
    assert [m.to for m in mail.outbox] == [["ewa.ekspertka@example.org"]]
    with pytest.raises(ValidationError) as caught:
        services.nomination_withdraw(actor=org_representative, nomination=withdrawn)
    assert caught.value.messages[0] == in_polish("This nomination is %(status)s; it cannot be withdrawn.") % {
        "status": in_polish("Withdrawn by the organization").lower()
    }


def test_another_organization_cannot_withdraw_a_nomination(call, verified_org, org_representative):
    nomination = nominate(org_representative, call, verified_org)
    stranger = make_person("obcy@example.org")
    add_membership(make_organization("Inna Fundacja"), stranger, Membership.Role.REPRESENTATIVE)

    with pytest.raises(ValidationError) as caught:
        services.nomination_withdraw(actor=stranger, nomination=nomination)

    assert in_polish("Only the nominating organization can withdraw it.") in caught.value.messages[0]
    nomination.refresh_from_db()
    assert nomination.status == CommissionNomination.Status.AWAITING_CONSENT


# Pages --------------------------------------------------------------------------------------------------------------


def test_the_nomination_page_keeps_what_was_typed_on_an_error_and_nominates_on_success(
    client, call, verified_org, org_representative
):
    client.force_login(org_representative)
    url = reverse("grants:nominate", args=[call.slug])
    assert client.get(url).status_code == 200

    typed = {"organization": verified_org.pk, "full_name": "Ewa Ekspertka", "email": "zly", "phone": "600",
             "qualifications": "Doświadczenie w ocenie projektów.", "informed": "on"}  # fmt: skip
    response = client.post(url, typed)

    assert response.status_code == 400
    page = text_of(response)
    assert "Doświadczenie w ocenie projektów." in page and 'value="zly"' in page
    assert not CommissionNomination.objects.exists()

    response = client.post(url, {**typed, "email": "ewa@example.org"})
    assert response.status_code == 302 and response["Location"].endswith("#komisja")
    assert CommissionNomination.objects.get().email == "ewa@example.org"
    page = text_of(client.get(call.get_absolute_url()))
    assert "Ewa Ekspertka" in page


def test_the_nomination_page_says_why_not_to_a_member_without_the_right_to_act(client, call, verified_org, org_member):
    client.force_login(org_member)

    response = client.get(reverse("grants:nominate", args=[call.slug]))

    assert response.status_code == 403
    assert in_polish(NOT_A_REPRESENTATIVE) in text_of(response)


def test_the_consent_page_works_without_an_account_and_answers_once(client, call, verified_org, org_representative):
    nomination = nominate(org_representative, call, verified_org)
    url = reverse("grants:nomination_consent", args=[nomination.token])

    page = client.get(url)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    assert call.title in text_of(page) and page["Referrer-Policy"] == "no-referrer"
    response = client.post(url, {"decision": "decline"})
    assert response.status_code == 200
    nomination.refresh_from_db()
    assert nomination.status == CommissionNomination.Status.DECLINED
    assert client.post(url, {"decision": "accept"}).status_code == 400
    assert client.get(reverse("grants:nomination_consent", args=["nie-ma"])).status_code == 404


def test_the_withdraw_button_works_for_the_organization(client, call, verified_org, org_representative):
    nomination = nominate(org_representative, call, verified_org)
    client.force_login(org_representative)

    response = client.post(reverse("grants:nomination_withdraw", args=[call.slug, nomination.pk]))

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == CommissionNomination.Status.WITHDRAWN


def test_officers_see_the_nominees_with_status_organization_and_whether_it_takes_part(
    officer_client, call, verified_org, org_representative
):
    drafting = make_organization("Fundacja Szkicu")
    add_membership(drafting, person := make_person("szkic@example.org"), Membership.Role.REPRESENTATIVE)
    nominate(org_representative, call, verified_org)
    nominate(person, call, drafting, email="drugi@example.org", full_name="Drugi Kandydat")
    OfferFactory(call=call, organization=verified_org, status=Offer.Status.FILED)
    OfferFactory(call=call, organization=drafting)  # a draft: not taking part yet

    response = officer_client.get(reverse("grants_staff:nominations", args=[call.slug]))

    assert response.status_code == 200
    rows = {n.full_name: n for n in response.context["nominations"]}
    assert rows["Ewa Ekspertka"].takes_part is True
    assert rows["Drugi Kandydat"].takes_part is False
    page = text_of(response)
    assert verified_org.name in page and "ewa.ekspertka@example.org" in page


def test_a_partner_in_a_filed_joint_offer_takes_part_too(call, verified_org, org_representative):
    from razem.grants.models import OfferPartner
    from razem.grants.selectors.calls import nominations_for_staff

    nominate(org_representative, call, verified_org)
    lead = OfferFactory(call=call, status=Offer.Status.FILED)
    OfferPartner.objects.create(offer=lead, organization=verified_org, status=OfferPartner.Status.CONFIRMED)

    assert nominations_for_staff(call=call).get().takes_part is True


def test_the_public_and_members_do_not_see_the_nominees_list(client, call, org_representative):
    url = reverse("grants_staff:nominations", args=[call.slug])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(org_representative)
    assert client.get(url).status_code == 403


# Personal data ------------------------------------------------------------------------------------------------------


def test_the_export_gives_the_nominee_their_nominations_and_the_nominating_person_theirs(
    call, verified_org, org_representative
):
    nominee = make_person("ewa.ekspertka@example.org")
    nominate(org_representative, call, verified_org)

    assert personal_data.export(nominee)["commission_nominations_of_me"][0]["phone"] == NOMINEE["phone"]
    made = personal_data.export(org_representative)["commission_nominations_i_made"]
    assert made[0]["nominee"] == "Ewa Ekspertka" and "phone" not in made[0]


def test_a_deletion_erases_the_phone_and_qualifications_of_finished_nominations_only(
    call, verified_org, org_representative
):
    nominee = make_person("ewa.ekspertka@example.org")
    declined = nominate(org_representative, call, verified_org)
    services.nomination_answer(token=declined.token, accept=False)
    active = nominate(org_representative, call, verified_org)

    assert personal_data.deletion_problems(nominee) == []
    personal_data.deletion_cleanup(nominee)

    declined.refresh_from_db()
    active.refresh_from_db()
    assert (declined.phone, declined.qualifications) == ("", "")
    assert active.phone == NOMINEE["phone"]


def test_the_personal_data_of_nominations_is_registered():
    from razem.core import registry

    assert registry.personal_data.get("grants_calls").export is personal_data.export
    assert registry.deletion_cleanups.get("grants_calls").run is personal_data.deletion_cleanup
