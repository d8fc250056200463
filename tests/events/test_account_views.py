"""A person's registrations under /konto/zapisy/: the list, one registration with its QR code, cancelling, and
the certificate of attendance. Nobody else sees them."""

import datetime

import pytest
from django.utils import timezone

from razem.events.models import Meeting, Registration
from tests.core.helpers import in_polish, text_of


@pytest.fixture
def past_meeting(make_meeting):
    starts = timezone.now() - datetime.timedelta(days=5)
    return make_meeting(
        title="Minione forum",
        starts_at=starts,
        status=Meeting.Status.FINISHED,
        registration_opens_at=starts - datetime.timedelta(days=10),
    )


@pytest.fixture
def attended(past_meeting, resident):
    return Registration.objects.create(
        meeting=past_meeting,
        person=resident,
        status=Registration.Status.CONFIRMED,
        confirmed_at=timezone.now() - datetime.timedelta(days=7),
        checked_in_at=past_meeting.starts_at,
    )


def test_my_registrations_needs_signing_in(client, db):
    response = client.get("/konto/zapisy/")

    assert response.status_code == 302 and "/konto/logowanie/" in response.url


def test_my_registrations_lists_upcoming_and_past_with_status_code_and_actions(
    resident_client, resident, meeting, attended, register
):
    upcoming = register(meeting, resident)

    page = text_of(resident_client.get("/konto/zapisy/"))

    assert "Forum dialogu obywatelskiego" in page and "Minione forum" in page
    assert page.index("Forum dialogu obywatelskiego") < page.index("Minione forum")
    assert upcoming.display_code in page and attended.display_code in page
    assert in_polish("Confirmed", "registration status") in page
    assert f"/konto/zapisy/{upcoming.code}/anuluj/" in page
    assert f"/konto/zapisy/{attended.code}/anuluj/" not in page  # the meeting is over
    assert f"/konto/zapisy/{attended.code}/zaswiadczenie.pdf" in page
    assert f"/konto/zapisy/{upcoming.code}/zaswiadczenie.pdf" not in page
    assert 'aria-current="page"' in page


def test_the_registration_page_shows_the_qr_code_the_code_and_the_online_link(
    resident_client, resident, make_meeting, register
):
    hybrid = make_meeting(place_kind="hybrid", online_url="https://meet.example.org/forum")
    registration = register(hybrid, resident)

    page = text_of(resident_client.get(f"/konto/zapisy/{registration.code}/"))

    assert f'src="/konto/zapisy/{registration.code}/kod-qr.svg"' in page
    assert f'alt="{in_polish("QR code of registration %(code)s") % {"code": registration.display_code}}"' in page
    assert registration.display_code in page
    assert "https://meet.example.org/forum" in page
    assert f"/kalendarz/{hybrid.pk}/wydarzenie.ics" in page


def test_a_code_typed_with_a_dash_or_in_lower_case_finds_the_registration(resident_client, resident, meeting, register):
    registration = register(meeting, resident)

    assert resident_client.get(f"/konto/zapisy/{registration.display_code.lower()}/").status_code == 200


def test_nobody_else_sees_a_registration_its_qr_code_or_certificate(client, other_resident, officer, attended):
    for person in (other_resident, officer):
        client.force_login(person)
        for suffix in ("", "kod-qr.svg", "zaswiadczenie.pdf", "anuluj/"):
            assert client.get(f"/konto/zapisy/{attended.code}/{suffix}").status_code == 404


def test_the_qr_code_is_an_svg_for_the_owner(resident_client, resident, meeting, register):
    registration = register(meeting, resident)

    response = resident_client.get(f"/konto/zapisy/{registration.code}/kod-qr.svg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content


def test_cancelling_asks_for_confirmation_then_frees_the_seat_for_the_first_person_waiting(
    client, make_meeting, resident, other_resident, register
):
    small = make_meeting(capacity=1)
    registration = register(small, resident)
    waiting = register(small, other_resident)
    client.force_login(resident)

    confirm = text_of(client.get(f"/konto/zapisy/{registration.code}/anuluj/"))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED  # GET changes nothing
    assert in_polish("Yes, cancel my registration") in confirm

    response = client.post(f"/konto/zapisy/{registration.code}/anuluj/", follow=True)

    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    assert response.redirect_chain[-1][0] == "/konto/zapisy/"


def test_a_registration_for_a_meeting_that_has_started_cannot_be_cancelled(resident_client, attended):
    assert resident_client.post(f"/konto/zapisy/{attended.code}/anuluj/").status_code == 403
    attended.refresh_from_db()
    assert attended.status == Registration.Status.CONFIRMED


def test_the_certificate_is_a_pdf_for_someone_who_attended(resident_client, attended):
    response = resident_client.get(f"/konto/zapisy/{attended.code}/zaswiadczenie.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)  # served from the issued snapshot (a file), streamed
    assert content.startswith(b"%PDF")
    assert len(content) > 1000


def test_no_certificate_without_attendance(resident_client, resident, past_meeting):
    absent = Registration.objects.create(meeting=past_meeting, person=resident, status="confirmed")

    assert resident_client.get(f"/konto/zapisy/{absent.code}/zaswiadczenie.pdf").status_code == 403


def test_the_account_menu_links_to_my_registrations(resident_client):
    assert "/konto/zapisy/" in text_of(resident_client.get("/konto/zapisy/"))
