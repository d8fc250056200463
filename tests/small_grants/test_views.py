"""The pages of small grants through the test client: the public list and an offer's page with its comment form,
the oferent's editor (saving without JavaScript and by autosave, keeping what cannot be saved), filing, the receipt
and the PDF, the office's list (the publication deadline, overdue marked, export), publication, decision, hiding a
comment, the plans; the panel card and the profile section; and the query counts of the lists."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from razem.core import registry
from razem.grants.models import DraftInput, Offer
from razem.small_grants.models import Comment, SmallGrant, YearPlan
from razem.small_grants.validation import EDITOR_SECTION
from tests.core.helpers import in_polish
from tests.factories import MembershipFactory, UserFactory
from tests.small_grants.factories import comments_over, decide, draft, filed, published

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
PUBLIC_LIST_QUERIES = 2
OFFICE_LIST_QUERIES = 5


@pytest.fixture
def staff(client):
    return UserFactory(officer=True)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


# The public pages ----------------------------------------------------------------------------------------------------


def test_the_public_list_shows_offers_in_their_comment_period_and_earlier_ones(client, plans, staff):
    open_offer = draft(title="Festyn otwarty")
    published(open_offer, staff)
    earlier = draft(title="Piknik zakończony")
    published(earlier, staff)
    comments_over(earlier)
    draft(title="Szkic niewidoczny")
    response = client.get(reverse("small_grants:list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Festyn otwarty" in page and "Piknik zakończony" in page and "Szkic niewidoczny" not in page
    assert page.index("Festyn otwarty") < page.index("Piknik zakończony")


def test_the_public_list_costs_the_same_queries_for_one_offer_or_many(client, plans, staff):
    published(draft(), staff)
    over = draft()
    published(over, staff)
    comments_over(over)
    url = reverse("small_grants:list")
    assert queries(client, url) == PUBLIC_LIST_QUERIES
    for _n in range(3):
        published(draft(), staff)
        late = draft()
        published(late, staff)
        comments_over(late)
    assert queries(client, url) == PUBLIC_LIST_QUERIES


def test_anyone_comments_on_a_published_offer_and_sees_it_at_once(client, offer, staff):
    published(offer, staff)
    url = reverse("small_grants:detail", args=[offer.pk])
    page = client.get(url)
    assert page.status_code == 200 and b"comment-form" in page.content
    assert offer.contact_phone.encode() not in page.content  # the contact person is not published
    response = client.post(url, {"text": "Dobry pomysł, popieram.", "name": "Jan", "email": ""})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author is None and comment.name == "Jan"
    assert "Dobry pomysł, popieram." in client.get(url).content.decode()


def test_a_bot_filling_the_honeypot_is_refused_quietly(client, offer, staff):
    published(offer, staff)
    url = reverse("small_grants:detail", args=[offer.pk])
    response = client.post(url, {"text": "Kup teraz", "website": "http://spam.example"})
    assert response.status_code == 302 and not Comment.objects.exists()


def test_after_the_period_the_form_is_gone_and_a_post_is_refused(client, offer, staff):
    published(offer, staff)
    small_grant = comments_over(offer)
    url = reverse("small_grants:detail", args=[offer.pk])
    from razem.core.schedule import when

    closed = in_polish("Comments could be made until %(date)s; the comment period has ended.") % {
        "date": when(small_grant.comments_until)
    }
    page = client.get(url).content.decode()
    assert 'id="comments-closed"' in page and closed in page
    response = client.post(url, {"text": "Spóźniony"})
    assert response.status_code == 400 and closed in response.content.decode()
    assert not Comment.objects.exists()


def test_a_draft_or_a_filed_offer_is_not_public(client, offer):
    assert client.get(reverse("small_grants:detail", args=[offer.pk])).status_code == 404
    filed(offer)
    assert client.get(reverse("small_grants:detail", args=[offer.pk])).status_code == 404
    assert client.get(reverse("small_grants:pdf", args=[offer.pk])).status_code == 404


# The oferent's pages -------------------------------------------------------------------------------------------------


def editor_data(offer, **changes):
    data = {
        "revision": str(offer.revision),
        "area": str(offer.small_grant.area_id), "task_form": "wspieranie",
        "contact_name": "Jan Kontakt", "contact_phone": "", "contact_email": "jan@example.org",
        "title": "Festyn sąsiedzki", "place": "Plac Wolnica",
        "start_date": offer.start_date.isoformat(), "end_date": offer.end_date.isoformat(),
        "synthetic_description": "Opis", "results_description": "Rezultaty", "experience": "",
        "activities-TOTAL_FORMS": "1", "activities-INITIAL_FORMS": "0",
        "activities-0-name": "Festyn", "activities-0-target_group": "Mieszkańcy",
        "results-TOTAL_FORMS": "0", "results-INITIAL_FORMS": "0",
        "lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "0",
        "lines-0-name": "Scena", "lines-0-unit": "dzień", "lines-0-quantity": "2", "lines-0-unit_cost": "1 500,00",
        "lines-0-grant": "2500", "lines-0-own_kind": "own_financial",
    }  # fmt: skip
    data.update(changes)
    return data


def test_the_editor_saves_the_whole_offer_without_javascript(client, offer):
    client.force_login(offer.filer)
    url = reverse("small_grants:edit", args=[offer.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, editor_data(offer))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Festyn sąsiedzki" and offer.small_grant.place == "Plac Wolnica"
    line = offer.cost_lines.get()
    assert line.unit_cost == 1500 and line.small_grant_share.grant == 2500
    page = client.get(url).content.decode()
    assert "3 000,00" in page.replace("\xa0", " ")  # the server's sum of the line


def test_what_cannot_be_saved_is_kept_and_shown_again(client, offer):
    client.force_login(offer.filer)
    url = reverse("small_grants:edit", args=[offer.pk])
    response = client.post(url, editor_data(offer, **{"lines-0-unit_cost": "abc", "title": "Nowy tytuł"}))
    assert response.status_code == 400
    assert in_polish("Enter an amount in złoty, e.g. 1 234,50.") in response.content.decode()
    offer.refresh_from_db()
    assert offer.title != "Nowy tytuł"  # nothing half-saved
    assert DraftInput.objects.filter(offer=offer, section=EDITOR_SECTION).exists()
    again = client.get(url).content.decode()
    assert 'value="abc"' in again and 'value="Nowy tytuł"' in again and 'id="draft-input"' in again
    client.post(url, {"discard": "1"})
    assert not DraftInput.objects.filter(offer=offer).exists()


def test_the_autosave_answers_with_the_save_status_only(client, offer):
    client.force_login(offer.filer)
    url = reverse("small_grants:edit", args=[offer.pk])
    response = client.post(url, editor_data(offer), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b'data-state="saved"' in response.content
    bad = client.post(url, editor_data(offer, **{"lines-0-grant": "9999"}), HTTP_HX_REQUEST="true")
    assert b'data-state="invalid"' in bad.content


def test_rows_are_added_and_removed_without_javascript(client, offer):
    client.force_login(offer.filer)
    url = reverse("small_grants:edit", args=[offer.pk])
    response = client.post(url, editor_data(offer, add="lines"))
    assert response.status_code == 302 and "dodaj=lines" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert 'id="lines-new"' in page and 'name="lines-1-name"' in page
    data = editor_data(
        offer, **{"activities-TOTAL_FORMS": "2", "activities-1-name": "Drugie", "remove": "activities-0"}
    )
    client.post(url, data)
    assert [a.name for a in Offer.objects.get(pk=offer.pk).activities.all()] == ["Drugie"]


def test_filing_through_the_page_leads_to_the_receipt_and_the_pdf(client, offer, media_root):
    client.force_login(offer.filer)
    response = client.post(
        reverse("small_grants:file", args=[offer.pk]),
        {"taxes": "nie zalega", "social_insurance": "nie zalega", "register": "KRS", "confirmed": "on",
         f"signatories_{offer.organization_id}": [str(offer.signatory.pk)]},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"].endswith(f"/oferty/{offer.pk}/potwierdzenie/")
    receipt = client.get(response["Location"]).content.decode()
    offer.refresh_from_db()
    assert offer.current_version.checksum in receipt and offer.number in receipt
    pdf = client.get(reverse("small_grants:pdf", args=[offer.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_person_of_another_organization_does_not_see_the_offer(client, offer):
    client.force_login(MembershipFactory(representative=True).user)
    assert client.get(reverse("small_grants:offer", args=[offer.pk])).status_code == 404
    assert client.get(reverse("small_grants:edit", args=[offer.pk])).status_code == 404


def test_my_small_grants_and_the_profile_section(client, offer):
    client.force_login(offer.filer)
    page = client.get(reverse("small_grants:my")).content.decode()
    assert offer.title in page
    section = registry.profile_sections.get("small_grants")
    assert section.context(offer.organization, offer.filer)["offers"] == [offer]
    assert section.context(offer.organization, UserFactory()) is None
    assert client.get(reverse("small_grants:offer", args=[offer.pk])).status_code == 200
    assert client.get(reverse("small_grants:start")).status_code == 200


# The office's pages --------------------------------------------------------------------------------------------------


def test_the_office_list_shows_the_publication_deadline_and_marks_the_overdue(client, plans, staff):
    late = draft(title="Spóźniona publikacja")
    filed(late)
    SmallGrant.objects.filter(offer=late).update(
        received_on=timezone.localdate() - 20 * DAY, publication_due=timezone.localdate() - DAY
    )
    on_time = draft(title="W terminie")
    filed(on_time)
    client.force_login(staff)
    page = client.get(reverse("small_grants_staff:list")).content.decode()
    assert "Spóźniona publikacja" in page and "W terminie" in page
    assert page.count('<span class="badge text-bg-danger">' + in_polish("overdue")) == 1
    overdue = client.get(reverse("small_grants_staff:list"), {"stage": "overdue"}).content.decode()
    assert "Spóźniona publikacja" in overdue and "W terminie" not in overdue
    csv = client.get(reverse("small_grants_staff:list"), {"eksport": "csv"})
    body = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert csv.status_code == 200 and "Spóźniona publikacja" in body


def test_the_office_list_costs_the_same_queries_for_one_offer_or_many(client, plans, staff):
    filed(draft())
    client.force_login(staff)
    url = reverse("small_grants_staff:list")
    assert queries(client, url) == OFFICE_LIST_QUERIES
    for _n in range(4):
        published(draft(), staff)
    assert queries(client, url) == OFFICE_LIST_QUERIES


def test_only_the_office_sees_its_list(client, offer):
    client.force_login(offer.filer)
    assert client.get(reverse("small_grants_staff:list")).status_code == 403
    assert client.get(reverse("small_grants_staff:plans")).status_code == 403


def test_the_office_publishes_hides_a_comment_and_decides_through_its_pages(client, offer, staff):
    filed(offer)
    client.force_login(staff)
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("small_grants_staff:publish", args=[offer.pk]),
        {"bip_published_on": today, "bip_url": "https://www.bip.krakow.pl/?dok_id=9",
         "notice_board_published_on": today},
    )  # fmt: skip
    assert response.status_code == 302
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.PUBLISHED
    detail = client.get(reverse("small_grants_staff:detail", args=[offer.pk])).content.decode()
    assert 'id="decide-refusal"' in detail  # the comment period is still open
    from razem.small_grants.services.comments import comment_add

    comment = comment_add(actor=UserFactory(), offer=offer, text="Obraźliwy wpis")
    response = client.post(
        reverse("small_grants_staff:hide_comment", args=[offer.pk, comment.pk]), {"reason": "Narusza regulamin."}
    )
    assert response.status_code == 302 and Comment.objects.get().hidden_reason == "Narusza regulamin."
    public = client.get(reverse("small_grants:detail", args=[offer.pk])).content.decode()
    assert "Obraźliwy wpis" not in public and "Narusza regulamin." in public
    comments_over(offer)
    refused = client.post(
        reverse("small_grants_staff:decide", args=[offer.pk]),
        {"decision": "award", "number": "ZP/1/2026", "made_on": today, "amount": "5 000,01"},
    )
    assert refused.status_code == 400 and Offer.objects.get(pk=offer.pk).status == Offer.Status.PUBLISHED
    response = client.post(
        reverse("small_grants_staff:decide", args=[offer.pk]),
        {"decision": "award", "number": "ZP/1/2026", "made_on": today, "amount": "4 500"},
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.AWARDED and offer.award.amount == 4500


def test_the_plans_page_records_a_year(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("small_grants_staff:plans"), {"year": "2030", "planned_grants": "2 000 000", "note": "Uchwała"}
    )
    assert response.status_code == 302 and YearPlan.objects.get(year=2030).planned_grants == 2000000
    assert "2030" in client.get(reverse("small_grants_staff:plans")).content.decode()


def test_the_panel_card_lists_offers_to_publish_and_to_decide(plans, staff):
    waiting = draft(title="Do publikacji")
    filed(waiting)
    due = draft(title="Do decyzji")
    published(due, staff)
    comments_over(due)
    decided = draft()
    published(decided, staff)
    comments_over(decided)
    decide(decided, staff)
    card = registry.panel_cards.get("small_grants").context(None)
    assert [sg.offer.title for sg in card["waiting"]] == ["Do publikacji"]
    assert [sg.offer.title for sg in card["due"]] == ["Do decyzji"]


def test_the_oferent_withdraws_through_the_page_and_a_refusal_says_why(client, offer):
    client.force_login(offer.filer)
    refused = client.get(reverse("small_grants:withdraw", args=[offer.pk]))
    assert refused.status_code == 403
    assert in_polish("Only an offer filed and not yet decided can be withdrawn.") in refused.content.decode()
    filed(offer)
    assert client.get(reverse("small_grants:withdraw", args=[offer.pk])).status_code == 200
    response = client.post(reverse("small_grants:withdraw", args=[offer.pk]), {"reason": "Zmiana terminu"})
    assert response.status_code == 302 and Offer.objects.get(pk=offer.pk).status == Offer.Status.WITHDRAWN
    refused = client.get(reverse("small_grants:file", args=[offer.pk]))
    assert refused.status_code == 403 and in_polish("This offer has already been filed.") in refused.content.decode()
