"""The pages of filing (grants.views.filing): the filing page, the receipt, the versions and what changed, the PDF,
withdrawing; who sees them (404) and who may act (403 with the reason)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from razem.core.schedule import when
from razem.grants.models import Offer, OfferVersion
from razem.grants.services.filing import offer_file
from razem.organizations.models import Membership
from tests.core.helpers import in_polish
from tests.factories import CallFactory, MembershipFactory, UserFactory
from tests.grants.filing_factories import DECLARATIONS, complete_offer

pytestmark = pytest.mark.django_db


def form_data(offer, **changes):
    data = {
        "taxes": "nie zalega",
        "social_insurance": "nie zalega",
        "register": "KRS",
        "confirmed": "on",
        f"signatories_{offer.organization_id}": [str(offer.signatory.pk)],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def filed(offer):
    return offer_file(actor=offer.filer, offer=offer, signatories=[offer.signatory], declarations=DECLARATIONS)


def urls(offer, number=1):
    return {
        "file": reverse("grants:offer_file", args=[offer.pk]),
        "withdraw": reverse("grants:offer_withdraw", args=[offer.pk]),
        "versions": reverse("grants:versions", args=[offer.pk]),
        "version": reverse("grants:version", args=[offer.pk, number]),
        "receipt": reverse("grants:receipt", args=[offer.pk, number]),
        "pdf": reverse("grants:version_pdf", args=[offer.pk, number]),
    }


def test_the_filing_page_shows_the_deadline_the_checklist_the_statements_and_the_signatories(client):
    offer = complete_offer()
    client.force_login(offer.filer)

    response = client.get(urls(offer)["file"])

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="checklist-ok"' in html and 'id="deadline"' in html
    assert 'name="taxes"' in html and 'name="confirmed"' in html
    assert f'name="signatories_{offer.organization_id}" value="{offer.signatory.pk}"' in html
    assert "Anna Prezes" in html


def test_the_filing_page_lists_what_stops_filing_with_links_to_the_sections(client):
    offer = complete_offer()
    offer.attachments.all().delete()
    Offer.objects.filter(pk=offer.pk).update(title="")
    client.force_login(offer.filer)

    html = client.get(urls(offer)["file"]).content.decode()

    assert 'id="checklist"' in html
    assert reverse("grants:attachments", args=[offer.pk]) in html
    assert reverse("grants:offer_section", args=[offer.pk, "zadanie"]) in html


def test_filing_through_the_page_leads_to_the_receipt_and_a_second_click_files_nothing(client):
    offer = complete_offer()
    client.force_login(offer.filer)

    response = client.post(urls(offer)["file"], form_data(offer))

    assert response.status_code == 302 and response.url == urls(offer)["receipt"]
    version = OfferVersion.objects.get(offer=offer)
    receipt = client.get(response.url).content.decode()
    assert version.checksum in receipt and Offer.objects.get(pk=offer.pk).number in receipt

    again = client.post(urls(offer)["file"], form_data(offer), follow=True)

    assert again.redirect_chain[-1][0] == urls(offer)["receipt"]
    unchanged = in_polish("Nothing changed since version %(number)s, filed on %(when)s; it stays the filed version.")
    assert escape(unchanged.split("%(number)s")[0] + "1") in again.content.decode()
    assert OfferVersion.objects.filter(offer=offer).count() == 1


def test_a_refused_filing_keeps_what_was_chosen_and_files_nothing(client):
    offer = complete_offer()
    client.force_login(offer.filer)

    response = client.post(urls(offer)["file"], form_data(offer, confirmed=None, taxes="zalega"))

    assert response.status_code == 200
    html = response.content.decode()
    assert escape(in_polish("Tick the box to confirm the statements of section VII.")) in html
    assert 'value="zalega" id="id_taxes_1" checked' in html or 'id="id_taxes_1" checked' in html
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.DRAFT
    assert not OfferVersion.objects.filter(offer=offer).exists()


def test_after_the_deadline_the_filing_page_says_why_with_403(client):
    offer = complete_offer(call=CallFactory(submission_deadline=timezone.now() - datetime.timedelta(seconds=1)))
    client.force_login(offer.filer)

    response = client.get(urls(offer)["file"])

    assert response.status_code == 403
    refusal = in_polish("Offers could be filed until %(deadline)s; the deadline has passed.")
    assert escape(refusal % {"deadline": when(offer.call.submission_deadline)}) in response.content.decode()
    assert client.post(urls(offer)["file"], form_data(offer)).status_code == 403
    assert not OfferVersion.objects.filter(offer=offer).exists()


@pytest.mark.parametrize("who", ["stranger", "member", "officer_before_filing"])
def test_who_may_not_see_the_offer_gets_404(client, who):
    offer = complete_offer()
    person = UserFactory(officer=True) if who.startswith("officer") else UserFactory()
    if who == "member":
        MembershipFactory(organization=offer.organization, user=person, role=Membership.Role.MEMBER)
    client.force_login(person)

    assert client.get(urls(offer)["file"]).status_code == 404
    assert client.get(urls(offer)["versions"]).status_code == 404


@pytest.mark.parametrize("page", ["versions", "version", "receipt", "pdf"])
@pytest.mark.parametrize("who", ["filer", "officer", "stranger", "anonymous"])
def test_versions_receipts_and_pdfs_are_for_the_oferents_people_and_the_office(client, who, page):
    offer = complete_offer()
    filed(offer)
    if who == "filer":
        client.force_login(offer.filer)
    elif who == "officer":
        client.force_login(UserFactory(officer=True))
    elif who == "stranger":
        client.force_login(UserFactory())

    response = client.get(urls(offer)[page])

    expected = {"filer": 200, "officer": 200, "stranger": 404, "anonymous": 302}[who]
    assert response.status_code == expected
    if expected == 200 and page == "pdf":
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_office_sees_the_versions_but_cannot_file_or_withdraw(client):
    offer = complete_offer()
    filed(offer)
    client.force_login(UserFactory(officer=True))

    assert client.get(urls(offer)["file"]).status_code == 403
    assert client.post(urls(offer)["withdraw"], {"decision": "accept"}).status_code == 403
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.FILED


def test_the_versions_page_shows_what_changed_between_versions(client):
    offer = complete_offer()
    filed(offer)
    Offer.objects.filter(pk=offer.pk).update(title="Seniorzy online")
    offer.refresh_from_db()
    filed(offer)
    client.force_login(offer.filer)

    html = client.get(urls(offer)["versions"]).content.decode()

    assert escape(in_polish("What changed from version %(old)s to %(new)s") % {"old": 1, "new": 2}) in html
    assert escape(in_polish("III.1 Title of the public task")) in html and "Seniorzy online" in html
    detail = client.get(urls(offer, 2)["version"]).content.decode()
    assert escape(in_polish("What changed since version %(old)s") % {"old": 1}) in detail
    assert "Seniorzy online" in detail
    assert OfferVersion.objects.get(offer=offer, number=2).checksum in detail
    assert "Wynagrodzenie trenera" in detail and "Warsztaty cyfrowe" in detail  # the content as filed


def test_withdrawing_through_the_page(client):
    offer = complete_offer()
    filed(offer)
    client.force_login(offer.filer)

    assert client.get(urls(offer)["withdraw"]).status_code == 200
    response = client.post(urls(offer)["withdraw"], {"decision": "accept", "reason": "Rezygnujemy."})

    assert response.status_code == 302
    fresh = Offer.objects.get(pk=offer.pk)
    assert fresh.status == Offer.Status.WITHDRAWN and fresh.status_reason == "Rezygnujemy."
    assert client.get(urls(offer)["withdraw"]).status_code == 403
