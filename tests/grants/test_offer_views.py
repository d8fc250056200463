"""The editor's pages: who may open them, saving a section with and without JavaScript (the autosave's answer),
input that cannot be saved kept and shown again, adding and removing rows without JavaScript, the live budget
summary, the offer's page with what stops filing, starting an offer, my offers and the attachments. The section
save and the pages cost a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from razem.grants.models import Activity, CostLine, DraftInput, Offer, OfferAttachment, OfferVersion
from razem.grants.services import attachments as attachment_services
from razem.grants.services.offers import drafts as offer_drafts
from razem.grants.services.offers import partners as offer_partners
from razem.grants.services.offers import tables as offer_tables
from razem.grants.views import offers as views
from tests.core.helpers import in_polish
from tests.factories import CallFactory, MembershipFactory, UserFactory
from tests.grants.offer_support import complete, lead, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "media_root")]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def call():
    return CallFactory()


@pytest.fixture
def people():
    return lead("Fundacja Wiosna")


@pytest.fixture
def offer(call, people):
    organization, person = people
    return offer_drafts.offer_start(actor=person, call=call, organization=organization)


@pytest.fixture
def signed_in(client, people):
    client.force_login(people[1])
    client.cookies["django_language"] = "en"
    return client


def section_url(offer, slug):
    return reverse("grants:offer_section", args=[offer.pk, slug])


def budget_data(offer, **changes):
    year = offer.years[0]
    data = {
        "revision": str(Offer.objects.get(pk=offer.pk).revision),
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-category": "realization",
        "lines-0-name": "Trener",
        "lines-0-unit": "godzina",
        "lines-0-unit_cost": "1 234,50",
        "lines-0-quantity": "2",
        f"funding-{year}-grant": "2000",
        f"funding-{year}-own_personal": "469",
    }
    data.update(changes)
    return data


# Who may open the pages ------------------------------------------------------------------------------------------


def test_an_unknown_section_is_not_found(signed_in, offer):
    assert signed_in.get(section_url(offer, "vii")).status_code == 404


def test_people_who_may_not_see_a_draft_do_not_find_it(client, offer, people):
    url = section_url(offer, "zadanie")
    assert client.get(url).status_code == 302  # to the login page
    member = UserFactory()
    MembershipFactory(organization=people[0], user=member, member=True)
    for person in (UserFactory(), UserFactory(officer=True), member):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.get(offer.get_absolute_url()).status_code == 404


def test_after_the_deadline_the_sections_say_why_they_cannot_be_changed(signed_in, offer, call):
    call.submission_deadline = timezone.now() - datetime.timedelta(seconds=1)
    call.save()
    response = signed_in.get(section_url(offer, "zadanie"))
    assert response.status_code == 403
    assert "the deadline has passed" in response.content.decode()
    page = signed_in.get(offer.get_absolute_url())
    assert page.status_code == 200 and 'id="edit-refusal"' in page.content.decode()


# Saving a section -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug", ["podstawowe", "zadanie", "dzialania", "rezultaty", "charakterystyka", "koszty", "inne"]
)
def test_every_section_opens_with_what_it_still_needs(signed_in, offer, slug):
    response = signed_in.get(section_url(offer, slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="section-form"' in html and 'hx-post="' in html and 'name="revision"' in html
    if slug not in {"podstawowe"}:
        assert "Before filing:" in html


def test_a_section_saves_without_javascript_and_goes_on(signed_in, offer, call):
    data = {
        "revision": "0",
        "title": "Seniorzy w sieci",
        "start_date": call.realization_start.isoformat(),
        "end_date": call.realization_end.isoformat(),
        "synthetic_description": "Opis",
        "next": "1",
    }
    response = signed_in.post(section_url(offer, "zadanie"), data)
    assert response.status_code == 302 and response["Location"] == section_url(offer, "dzialania")
    offer.refresh_from_db()
    assert (offer.title, offer.start_date, offer.revision) == ("Seniorzy w sieci", call.realization_start, 1)
    last = signed_in.post(section_url(offer, "inne"), {"revision": "1", "payment": "free", "next": "1"})
    assert last["Location"] == offer.get_absolute_url()


def test_the_autosave_answers_with_the_time_and_the_next_revision(signed_in, offer):
    response = signed_in.post(section_url(offer, "zadanie"), {"revision": "0", "title": "Senio"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and 'data-state="saved"' in html and "Saved at" in html
    assert 'id="offer-revision" hx-swap-oob="true"' in html and 'value="1"' in html
    offer.refresh_from_db()
    assert offer.title == "Senio"


def test_input_that_cannot_be_saved_is_kept_and_shown_again_with_its_errors(signed_in, offer):
    url = section_url(offer, "koszty")
    signed_in.post(url, budget_data(offer))
    offer.refresh_from_db()
    revision = offer.revision
    response = signed_in.post(url, budget_data(offer, **{"lines-0-unit_cost": "abc"}), **HTMX)
    html = response.content.decode()
    assert 'data-state="invalid"' in html
    assert "Cost line 1, Unit cost [PLN]: Enter an amount in złoty, e.g. 1 234,50." in html
    offer.refresh_from_db()
    assert offer.revision == revision
    assert CostLine.objects.get(offer=offer).unit_cost == Decimal("1234.50")
    assert DraftInput.objects.get(offer=offer, section="koszty").data["lines-0-unit_cost"] == ["abc"]
    # Opened again, the section shows the typed input with its error next to the field.
    page = signed_in.get(url).content.decode()
    assert 'id="draft-input"' in page and 'value="abc"' in page
    assert 'id="id_lines-0-unit_cost_error"' in page
    # Discarding it shows what is saved.
    assert signed_in.post(url, {"discard": "1"}).status_code == 302
    assert not DraftInput.objects.exists()
    assert 'value="1234.50"' in signed_in.get(url).content.decode()


@pytest.mark.parametrize(
    ("value", "message"),
    [("-5", "The amount cannot be negative."), ("dwa tysiące", "Enter an amount in złoty, e.g. 1 234,50.")],
)
def test_a_bad_amount_without_javascript_is_refused_next_to_its_field(signed_in, offer, value, message):
    year = offer.years[0]
    response = signed_in.post(section_url(offer, "koszty"), budget_data(offer, **{f"funding-{year}-grant": value}))
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_funding-{year}-grant_error">{message}' in html
    assert f'value="{value}"' in html
    assert not CostLine.objects.exists()


def test_an_end_before_the_start_is_refused_and_nothing_is_saved(signed_in, offer, call):
    data = {"revision": "0", "title": "T", "start_date": "2027-05-01", "end_date": "2027-04-01"}
    response = signed_in.post(section_url(offer, "zadanie"), data)
    assert response.status_code == 400
    assert "The end date is before the start date." in response.content.decode()
    offer.refresh_from_db()
    assert (offer.title, offer.end_date, offer.revision) == ("", None, 0)


def test_a_stale_autosave_does_not_overwrite_and_keeps_the_input(signed_in, offer, people):
    colleague = UserFactory(full_name="Ewa Koleżanka")
    MembershipFactory(organization=people[0], user=colleague, representative=True)
    offer_drafts.offer_update_fields(actor=colleague, offer=offer, fields={"title": "Tytuł Ewy"}, revision=0)
    response = signed_in.post(section_url(offer, "zadanie"), {"revision": "0", "title": "Mój tytuł"}, **HTMX)
    html = response.content.decode()
    assert 'data-state="stale"' in html and "Ewa Koleżanka saved" in html
    offer.refresh_from_db()
    assert offer.title == "Tytuł Ewy"
    draft = DraftInput.objects.get(offer=offer, section="zadanie")
    assert draft.data["_reason"] == "stale" and draft.data["title"] == ["Mój tytuł"]
    # The section shows the person's input and the reason; saving it now replaces the colleague's version.
    page = signed_in.get(section_url(offer, "zadanie")).content.decode()
    assert "Ewa Koleżanka saved" in page and 'value="Mój tytuł"' in page
    signed_in.post(section_url(offer, "zadanie"), {"revision": str(offer.revision), "title": "Mój tytuł"})
    offer.refresh_from_db()
    assert offer.title == "Mój tytuł" and not DraftInput.objects.exists()


def test_rows_are_added_and_removed_without_javascript(signed_in, offer):
    url = section_url(offer, "koszty")
    response = signed_in.post(url, budget_data(offer, add="lines"))
    assert response["Location"] == f"{url}?dodaj=lines#lines-new"
    page = signed_in.get(response["Location"]).content.decode()
    assert 'id="lines-new"' in page and 'name="lines-1-name"' in page
    two = budget_data(
        offer,
        **{
            "lines-TOTAL_FORMS": "2",
            "lines-1-category": "administration",
            "lines-1-name": "Księgowość",
            "lines-1-unit": "mies.",
            "lines-1-unit_cost": "100",
            "lines-1-quantity": "1",
        },
    )
    signed_in.post(url, two)
    assert CostLine.objects.filter(offer=offer).count() == 2
    signed_in.post(url, {**two, "revision": str(Offer.objects.get(pk=offer.pk).revision), "remove": "lines-0"})
    assert list(CostLine.objects.filter(offer=offer).values_list("name", flat=True)) == ["Księgowość"]


def test_an_autosave_of_new_activities_sends_back_their_ids(signed_in, offer):
    year = offer.years[0]
    data = {
        "revision": "0",
        f"activities-{year}-TOTAL_FORMS": "2",
        f"activities-{year}-INITIAL_FORMS": "0",
        f"activities-{year}-0-name": "Warsztaty",
        f"activities-{year}-1-name": "",
    }
    html = signed_in.post(section_url(offer, "dzialania"), data, **HTMX).content.decode()
    activity = Activity.objects.get(offer=offer)
    assert (
        f'name="activities-{year}-0-id" id="id_activities-{year}-0-id" value="{activity.pk}" hx-swap-oob="true"' in html
    )
    data[f"activities-{year}-0-id"] = str(activity.pk)
    data[f"activities-{year}-0-name"] = "Warsztaty komputerowe"
    data["revision"] = "1"
    signed_in.post(section_url(offer, "dzialania"), data, **HTMX)
    assert list(Activity.objects.filter(offer=offer).values_list("pk", "name")) == [
        (activity.pk, "Warsztaty komputerowe")
    ]


def test_the_live_summary_sums_what_is_typed_without_saving_it(signed_in, offer):
    url = reverse("grants:budget_summary", args=[offer.pk])
    data = budget_data(offer, **{f"funding-{offer.years[0]}-grant": "60 000"})
    html = signed_in.post(url, data, **HTMX).content.decode()
    assert "2\u00a0469,00\u00a0zł" in html  # 1 234,50 × 2
    assert "The requested grant of 60\u00a0000,00\u00a0zł is above the call&#x27;s largest grant" in html
    assert 'id="budget-headline" hx-swap-oob="innerHTML"' in html
    assert not CostLine.objects.exists() and not DraftInput.objects.exists()
    # Without JavaScript, "Recalculate" shows the whole section with the typed input and the sums.
    page = signed_in.post(url, data)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'value="60 000"' in body and "it is not saved yet" in body
    assert not CostLine.objects.exists()
    assert signed_in.get(url).status_code == 302


# The offer's page, starting an offer, my offers ---------------------------------------------------------------


def test_the_offer_page_lists_what_stops_filing_with_links_to_the_fields(signed_in, offer):
    html = signed_in.get(offer.get_absolute_url()).content.decode()
    assert 'id="filing-problems"' in html
    assert f'href="{section_url(offer, "zadanie")}#id_title"' in html
    assert f'href="{section_url(offer, "dzialania")}#activities-{offer.years[0]}"' in html
    assert f'href="{reverse("grants:attachments", args=[offer.pk])}#requirement-' in html
    assert "The offer is complete and ready to file." not in html


def test_a_complete_offer_is_ready_to_file(signed_in, offer, people):
    complete(offer, people[1])
    html = signed_in.get(offer.get_absolute_url()).content.decode()
    assert 'id="ready"' in html and "The offer is complete and ready to file." in html
    assert f'href="{reverse("grants:offer_file", args=[offer.pk])}"' in html


def test_the_office_sees_a_filed_offer_without_editing(client, offer, people):
    complete(offer, people[1])
    version = OfferVersion.objects.create(
        offer=offer, number=1, content={}, checksum="0" * 64, total_cost=9000, grant_requested=8000
    )
    Offer.objects.filter(pk=offer.pk).update(current_version=version, status=Offer.Status.FILED, number="T/001")
    client.force_login(UserFactory(officer=True))
    html = client.get(offer.get_absolute_url()).content.decode()
    filed = in_polish("Version %(n)s was filed on %(when)s.").split("%(when)s")[0] % {"n": 1}
    assert filed in html and 'id="filing"' not in html
    assert client.get(section_url(offer, "zadanie")).status_code == 403
    attachment = offer.attachments.get()
    download = client.get(reverse("grants:attachment", args=[offer.pk, attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_starting_an_offer_from_the_call(signed_in, call, people):
    url = reverse("grants:offer_start", args=[call.slug])
    page = signed_in.get(url)
    assert page.status_code == 200 and "Start the offer" in page.content.decode()
    response = signed_in.post(url, {"organization": people[0].pk})
    offer = Offer.objects.get()
    assert response["Location"] == section_url(offer, "podstawowe")
    joint = signed_in.post(url, {"organization": people[0].pk, "joint": "1", "copy_from": offer.pk})
    copy = Offer.objects.exclude(pk=offer.pk).get()
    assert joint["Location"] == reverse("grants:partners", args=[copy.pk]) and copy.copied_from == offer
    assert "already have drafts in this call" in signed_in.get(url).content.decode()


def test_only_a_representative_may_start_an_offer(client, call):
    url = reverse("grants:offer_start", args=[call.slug])
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 403
    assert in_polish("Only a person who may act for a verified organization can do this.") in response.content.decode()


def test_my_offers_lists_drafts_and_invitations(offer, people):
    partner_org, partner_person = lead("Partner")
    offer_partners.partner_invite(actor=people[1], offer=offer, organization=partner_org)
    request = RequestFactory().get("/")
    for person, expected in ((people[1], "Draft offer"), (partner_person, "Answer the invitation")):
        request.user = person
        html = views.my_offers(request).content.decode()
        assert expected in html


def test_my_offers_is_reachable_at_its_address(signed_in, offer):
    assert signed_in.get(reverse("grants:my_offers")).status_code == 200


# Attachments ------------------------------------------------------------------------------------------------------


def test_attaching_downloading_and_deleting_a_file(signed_in, offer):
    url = reverse("grants:attachments", args=[offer.pk])
    requirement = offer.call.required_attachments.get()
    bad = signed_in.post(url, {"requirement": requirement.pk, "file": upload("wirus.exe", b"MZ")})
    assert bad.status_code == 400 and "This kind of file is not accepted." in bad.content.decode()
    assert not OfferAttachment.objects.exists()
    response = signed_in.post(url, {"requirement": requirement.pk, "file": upload("statut.pdf")})
    assert response.status_code == 302
    attachment = OfferAttachment.objects.get()
    assert attachment.requirement == requirement
    download = signed_in.get(reverse("grants:attachment", args=[offer.pk, attachment.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert 'attachment; filename="statut.pdf"' in download["Content-Disposition"]
    delete_url = reverse("grants:attachment_delete", args=[offer.pk, attachment.pk])
    assert signed_in.get(delete_url).status_code == 200
    assert signed_in.post(delete_url).status_code == 302
    assert not OfferAttachment.objects.exists()


def test_attachments_of_another_offer_are_not_found(signed_in, offer, call):
    other_org, other_person = lead("Inna")
    other = offer_drafts.offer_start(actor=other_person, call=call, organization=other_org)
    attachment = attachment_services.attachment_add(actor=other_person, offer=other, upload=upload())
    assert signed_in.get(reverse("grants:attachment", args=[offer.pk, attachment.pk])).status_code == 404
    assert signed_in.get(reverse("grants:attachment", args=[other.pk, attachment.pk])).status_code == 404


# Queries ------------------------------------------------------------------------------------------------------------


def _thirty_lines(offer, person):
    year = offer.years[0]
    activity = Activity.objects.create(offer=offer, year=year, name="Warsztaty")
    lines = [
        {"name": f"Koszt {n}", "unit": "szt.", "unit_cost": Decimal("100"), "quantity": n, "activity": activity}
        for n in range(1, 31)
    ]
    offer_tables.offer_replace_budget(
        actor=person, offer=offer, lines=lines, funding=[{"year": year, "grant": 40000, "own_financial": 6500}]
    )
    data = {
        "revision": str(Offer.objects.get(pk=offer.pk).revision),
        "lines-TOTAL_FORMS": "30",
        "lines-INITIAL_FORMS": "30",
        f"funding-{year}-grant": "40000",
        f"funding-{year}-own_financial": "6500",
    }
    for n in range(30):
        data.update(
            {
                f"lines-{n}-category": "realization",
                f"lines-{n}-activity": str(activity.pk),
                f"lines-{n}-name": f"Koszt {n + 1}",
                f"lines-{n}-unit": "szt.",
                f"lines-{n}-unit_cost": "100",
                f"lines-{n}-quantity": str(n + 1),
            }
        )
    return data


def test_the_autosave_of_thirty_cost_lines_costs_a_fixed_number_of_queries(
    signed_in, offer, people, django_assert_max_num_queries
):
    data = _thirty_lines(offer, people[1])
    data["lines-7-unit_cost"] = "101,50"
    with django_assert_max_num_queries(21):
        response = signed_in.post(section_url(offer, "koszty"), data, **HTMX)
    assert 'data-state="saved"' in response.content.decode()
    assert CostLine.objects.get(offer=offer, position=7).unit_cost == Decimal("101.50")


def test_the_pages_cost_a_fixed_number_of_queries(signed_in, offer, people, django_assert_max_num_queries):
    data = _thirty_lines(offer, people[1])
    with django_assert_max_num_queries(15):
        assert signed_in.get(section_url(offer, "koszty")).status_code == 200
    with django_assert_max_num_queries(15):
        assert signed_in.get(offer.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(13):
        assert signed_in.post(reverse("grants:budget_summary", args=[offer.pk]), data, **HTMX).status_code == 200


def test_the_organizations_profile_shows_its_offers_to_its_people(client, offer, people):
    organization, person = people
    offer_drafts.offer_update_fields(actor=person, offer=offer, fields={"title": "Seniorzy w sieci"})
    client.force_login(person)
    client.cookies["django_language"] = "en"
    html = client.get(organization.get_absolute_url()).content.decode()
    assert 'id="grant-offers-title"' in html and "Seniorzy w sieci" in html
    client.force_login(UserFactory())
    assert "Seniorzy w sieci" not in client.get(organization.get_absolute_url()).content.decode()


def test_an_autosave_after_the_deadline_says_why_in_the_status(signed_in, offer, call):
    call.submission_deadline = timezone.now() - datetime.timedelta(seconds=1)
    call.save()
    response = signed_in.post(section_url(offer, "zadanie"), {"revision": "0", "title": "Za późno"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and 'data-state="refused"' in html and "the deadline has passed" in html
    offer.refresh_from_db()
    assert offer.title == "" and not DraftInput.objects.exists()


def test_a_multi_year_budget_splits_each_line_between_the_years(client, people):
    organization, person = people
    start = datetime.date(timezone.localdate().year + 1, 1, 1)
    call = CallFactory(realization_start=start, realization_end=start.replace(year=start.year + 1, month=12))
    offer = offer_drafts.offer_start(actor=person, call=call, organization=organization)
    first, second = offer.years
    client.force_login(person)
    client.cookies["django_language"] = "en"
    url = section_url(offer, "koszty")
    page = client.get(url).content.decode()
    assert f'name="lines-0-y{first}"' in page and f'name="lines-0-y{second}"' in page
    assert f'id="funding-{second}"' in page
    data = {
        "revision": "0",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-category": "realization",
        "lines-0-name": "Koordynacja",
        "lines-0-unit": "miesiąc",
        "lines-0-unit_cost": "1000",
        "lines-0-quantity": "24",
        f"lines-0-y{first}": "12 000",
        f"lines-0-y{second}": "11 000",
        f"funding-{first}-grant": "10000",
        f"funding-{first}-own_financial": "2000",
        f"funding-{second}-grant": "9000",
        f"funding-{second}-own_financial": "2000",
    }
    summary = client.post(reverse("grants:budget_summary", args=[offer.pk]), data, **HTMX).content.decode()
    split = "the values per year add up to 23\u00a0000,00\u00a0zł, but the line is worth 24\u00a0000,00\u00a0zł"
    assert split in summary
    assert f'href="#id_lines-0-y{first}"' in summary
    client.post(url, {**data, f"lines-0-y{second}": "12000", f"funding-{second}-own_financial": "3000"})
    line = CostLine.objects.get(offer=offer)
    assert line.year_amounts == {str(first): "12000.00", str(second): "12000.00"}
    assert list(offer.funding.order_by("year").values_list("year", "grant")) == [
        (first, Decimal("10000.00")),
        (second, Decimal("9000.00")),
    ]
    page = client.get(url).content.decode()
    assert 'value="12000.00"' in page
