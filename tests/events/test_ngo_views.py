"""NGO events: a representative submits the organization's event, follows it, corrects and withdraws it; people
who do not act for a verified organization are told how to become representatives and cannot submit."""

import datetime

import pytest
from django.utils import timezone

from razem.core.models import LogEntry
from razem.events.models import Meeting
from tests.core.helpers import in_polish, text_of
from tests.factories import add_membership, make_organization


def later(days: int = 14, hour: int = 18) -> str:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return f"{day:%Y-%m-%d}T{hour:02d}:00"


@pytest.fixture
def event_data(verified_org, venue):
    return {
        "organization": verified_org.pk,
        "title": "Sprzątanie Plant",
        "kind": Meeting.Kind.CIVIC,
        "place_kind": Meeting.Place.VENUE,
        "venue": venue.pk,
        "address": "",
        "district": "",
        "online_url": "",
        "starts_at": later(14, 10),
        "ends_at": later(14, 13),
        "summary": "Sprzątamy Planty razem.",
        "description": "Zbiórka przy Barbakanie.",
        "external_url": "",
        "contact_email": "kontakt@planty.example.org",
    }


def test_submitting_needs_signing_in(client, db):
    response = client.get("/kalendarz/zglos-wydarzenie/")

    assert response.status_code == 302 and "/konto/logowanie/" in response.url


def test_a_person_who_acts_for_no_organization_is_told_how_to_become_a_representative(resident_client):
    page = text_of(resident_client.get("/kalendarz/zglos-wydarzenie/"))

    assert in_polish("How to become a representative") in page
    assert "/organizacje/moje/" in page
    assert '<form method="post" action="/kalendarz/zglos-wydarzenie/"' not in page


def test_an_ordinary_member_cannot_submit(client, org_member, verified_org, event_data):
    client.force_login(org_member)

    page = text_of(client.post("/kalendarz/zglos-wydarzenie/", event_data))

    assert in_polish("How to become a representative") in page
    assert not Meeting.objects.exists()


def test_a_representative_submits_an_event_for_approval(
    client, org_representative, verified_org, event_data, django_capture_on_commit_callbacks
):
    client.force_login(org_representative)
    form = text_of(client.get("/kalendarz/zglos-wydarzenie/"))
    assert 'type="datetime-local"' in form and 'name="areas"' in form

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kalendarz/zglos-wydarzenie/", event_data, follow=True)

    event = Meeting.objects.get()
    assert event.status == Meeting.Status.SUBMITTED
    assert event.organization == verified_org and event.is_ngo_event
    assert timezone.localtime(event.starts_at).hour == 10
    assert response.redirect_chain[-1][0] == f"/organizacje/{verified_org.pk}/wydarzenia/"
    page = text_of(response)
    assert "Sprzątanie Plant" in page
    assert in_polish("Awaiting approval", "meeting status") in page
    assert LogEntry.objects.filter(action="events.ngo_event.submitted").exists()
    assert "Sprzątanie Plant" not in text_of(client.get("/kalendarz/"))


def test_errors_of_the_service_are_shown_next_to_the_fields_and_nothing_is_saved(
    client, org_representative, event_data
):
    client.force_login(org_representative)
    event_data.update(venue="", address="", ends_at=event_data["starts_at"][:-5] + "09:00")

    response = client.post("/kalendarz/zglos-wydarzenie/", event_data)

    assert response.status_code == 200
    page = text_of(response)
    assert 'id="id_venue_error"' in page
    assert 'id="id_ends_at_error"' in page
    assert in_polish("The meeting must end after it starts.") in page
    assert 'value="Sprzątanie Plant"' in page
    assert not Meeting.objects.exists()


def test_an_event_for_an_organization_the_person_does_not_act_for_is_refused(
    client, org_representative, event_data, reference_data
):
    other = make_organization("Fundacja Obca", krs="0000200001")
    client.force_login(org_representative)
    event_data["organization"] = other.pk

    response = client.post("/kalendarz/zglos-wydarzenie/", event_data)

    assert response.status_code == 200
    assert in_polish("You can submit events only for a verified organization you act for.") in text_of(response)
    assert not Meeting.objects.exists()


def test_a_person_acting_for_two_organizations_chooses_one_and_the_link_preselects_it(
    client, org_representative, verified_org
):
    second = make_organization("Fundacja Druga", krs="0000200002")
    add_membership(second, org_representative, role="representative")
    client.force_login(org_representative)

    page = text_of(client.get("/kalendarz/zglos-wydarzenie/", {"organizacja": second.pk}))

    assert '<select class="form-select" id="id_organization" name="organization"' in page
    assert f'<option value="{second.pk}" selected>Fundacja Druga</option>' in page
    assert "Stowarzyszenie Przyjaciół Plant" in page


@pytest.fixture
def submitted(make_meeting, verified_org, org_representative):
    return make_meeting(
        title="Zgłoszone wydarzenie",
        organizer_kind="organization",
        organization=verified_org,
        status=Meeting.Status.SUBMITTED,
        registration_enabled=False,
        created_by=org_representative,
    )


def test_the_submissions_page_lists_events_with_status_and_rejection_reason(
    client, org_representative, verified_org, submitted, make_meeting
):
    make_meeting(
        title="Odrzucone wydarzenie",
        organizer_kind="organization",
        organization=verified_org,
        status=Meeting.Status.REJECTED,
        status_reason="Brak adresu",
    )
    client.force_login(org_representative)

    page = text_of(client.get(f"/organizacje/{verified_org.pk}/wydarzenia/"))

    assert "Zgłoszone wydarzenie" in page and "Odrzucone wydarzenie" in page
    assert "Brak adresu" in page
    assert f"/kalendarz/zgloszone/{submitted.pk}/edycja/" in page


def test_the_submissions_page_is_forbidden_to_others_and_not_found_for_hidden_organizations(
    client, verified_org, pending_org, org_member, resident, org_representative
):
    client.force_login(org_member)
    assert client.get(f"/organizacje/{verified_org.pk}/wydarzenia/").status_code == 403
    client.force_login(resident)
    assert client.get(f"/organizacje/{verified_org.pk}/wydarzenia/").status_code == 403
    assert client.get(f"/organizacje/{pending_org.pk}/wydarzenia/").status_code == 404


def test_correcting_a_rejected_event_sends_it_for_approval_again(client, org_representative, submitted, verified_org):
    submitted.status, submitted.status_reason = Meeting.Status.REJECTED, "Podaj adres"
    submitted.save()
    client.force_login(org_representative)
    page = text_of(client.get(f"/kalendarz/zgloszone/{submitted.pk}/edycja/"))
    assert "Podaj adres" in page and 'value="Zgłoszone wydarzenie"' in page

    data = {
        "organization": verified_org.pk,
        "title": "Poprawione wydarzenie",
        "kind": "civic",
        "place_kind": "venue",
        "venue": submitted.venue_id,
        "starts_at": later(20, 17),
        "ends_at": later(20, 19),
    }
    response = client.post(f"/kalendarz/zgloszone/{submitted.pk}/edycja/", data)

    submitted.refresh_from_db()
    assert response.status_code == 302
    assert submitted.title == "Poprawione wydarzenie"
    assert submitted.status == Meeting.Status.SUBMITTED and submitted.status_reason == ""


def test_a_published_event_cannot_be_edited_here(client, org_representative, submitted):
    submitted.status = Meeting.Status.PUBLISHED
    submitted.save()
    client.force_login(org_representative)

    assert client.get(f"/kalendarz/zgloszone/{submitted.pk}/edycja/").status_code == 403


def test_withdrawing_a_published_event_needs_a_reason_and_marks_it_cancelled(client, org_representative, submitted):
    submitted.status = Meeting.Status.PUBLISHED
    submitted.save()
    client.force_login(org_representative)
    url = f"/kalendarz/zgloszone/{submitted.pk}/wycofaj/"
    assert 'name="reason"' in text_of(client.get(url))

    without = client.post(url, {"reason": ""})
    submitted.refresh_from_db()
    assert without.status_code == 200 and submitted.status == Meeting.Status.PUBLISHED

    client.post(url, {"reason": "Zła pogoda"})
    submitted.refresh_from_db()
    assert submitted.status == Meeting.Status.CANCELLED and submitted.status_reason == "Zła pogoda"
    assert "Zła pogoda" in text_of(client.get(submitted.get_absolute_url()))


def test_withdrawing_a_submission_removes_it_from_review(client, org_representative, submitted, resident):
    client.force_login(resident)
    assert client.post(f"/kalendarz/zgloszone/{submitted.pk}/wycofaj/").status_code == 404

    client.force_login(org_representative)
    response = client.post(f"/kalendarz/zgloszone/{submitted.pk}/wycofaj/")

    submitted.refresh_from_db()
    assert response.status_code == 302
    assert submitted.status == Meeting.Status.DRAFT


def test_the_organization_profile_shows_its_upcoming_events_and_links_for_representatives(
    client, make_meeting, verified_org, org_representative
):
    make_meeting(title="Piknik na Plantach", organizer_kind="organization", organization=verified_org)

    anonymous = text_of(client.get(verified_org.get_absolute_url()))
    client.force_login(org_representative)
    representative = text_of(client.get(verified_org.get_absolute_url()))

    assert "Piknik na Plantach" in anonymous
    assert f"/organizacje/{verified_org.pk}/wydarzenia/" not in anonymous
    assert f"/organizacje/{verified_org.pk}/wydarzenia/" in representative
    assert f"/kalendarz/zglos-wydarzenie/?organizacja={verified_org.pk}" in representative


def test_an_event_at_a_venue_without_a_district_chosen_is_found_by_the_venues_district(
    client, org_representative, event_data, venue
):
    client.force_login(org_representative)
    client.post("/kalendarz/zglos-wydarzenie/", event_data)

    assert Meeting.objects.get().district == venue.district
