"""The office's meeting pages in Chromium, signed in with a TOTP code: the list, the meeting form with an error
and then a success, the overview, the registrations, check-in at the door on a phone with the keyboard only,
documents, the networking rhythm and the review of an NGO event. axe finds nothing on any of them."""

import datetime

import pytest
from conftest import make_person
from django.utils import timezone
from playwright.sync_api import expect

from razem.events.models import Meeting, MeetingQuestion, Registration
from razem.events.services import registrations
from tests.e2e.support import check_accessibility, polish, sign_in, submit, visit

pytestmark = pytest.mark.browser

BASE = "/panel/spotkania/"


@pytest.fixture
def forum(make_meeting, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path / "media"
    meeting = make_meeting(title="Forum dialogu obywatelskiego", capacity=40)
    question = MeetingQuestion.objects.create(meeting=meeting, label="Potrzeby dostępności", position=1)
    for i, name in enumerate(["Maria Kowalska", "Jan Zieliński", "Ewa Nowak"]):
        person = make_person(f"uczestnik{i}@example.org", full_name=name)
        registrations.register(actor=person, meeting=meeting, answers={str(question.pk): "pętla indukcyjna"})
    return meeting


def test_an_officer_lists_creates_and_reviews_a_meeting(page, officer, forum, venue):  # noqa: F811
    sign_in(page, officer.email, totp=True)

    visit(page, "/panel/", "panel-with-meetings")
    visit(page, BASE, "events-staff-list")
    expect(page.locator("main tbody tr")).to_have_count(1)

    page.get_by_role("link", name=polish("New meeting")).first.click()
    page.wait_for_url(f"**{BASE}nowe/")
    check_accessibility(page, "events-staff-create")
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=20)).replace(hour=17, minute=0)
    page.locator("#id_title").fill("Spotkanie sieciujące organizacji")
    page.locator("#id_kind").select_option("networking")
    page.locator("#id_venue").select_option(str(venue.pk))
    page.locator("#id_starts_at").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_ends_at").fill((start - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    submit(page)
    expect(page.locator("[data-error-summary]")).to_contain_text(polish("The meeting must end after it starts."))
    expect(page.locator("#id_title")).to_have_value("Spotkanie sieciujące organizacji")
    check_accessibility(page, "events-staff-create-error")

    page.locator("#id_ends_at").fill((start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    submit(page)
    created = Meeting.objects.get(title="Spotkanie sieciujące organizacji")
    page.wait_for_url(f"**{BASE}{created.pk}/")
    expect(page.locator("h1")).to_have_text("Spotkanie sieciujące organizacji")
    check_accessibility(page, "events-staff-detail")

    visit(page, f"{BASE}{forum.pk}/zapisy/", "events-staff-registrations")
    expect(page.locator("main tbody tr")).to_have_count(3)
    expect(page.locator("main tbody")).to_contain_text("pętla indukcyjna")

    visit(page, f"{BASE}{forum.pk}/dokumenty/", "events-staff-documents")
    visit(page, f"{BASE}rytm-spotkan/", "events-staff-rhythm")


def test_check_in_at_the_door_on_a_phone_with_the_keyboard_only(browser, live_server, officer, forum):
    context = browser.new_context(
        base_url=live_server.url, locale="pl-PL", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    try:
        sign_in(page, officer.email, totp=True)
        registration = Registration.objects.filter(meeting=forum).select_related("person").first()
        # At the door: the meeting starts in half an hour (earlier asks to confirm: test_checkin_phone.py).
        soon = timezone.now() + datetime.timedelta(minutes=30)
        Meeting.objects.filter(pk=forum.pk).update(starts_at=soon, ends_at=soon + datetime.timedelta(hours=2))

        visit(page, f"{BASE}{forum.pk}/obecnosc/", "events-staff-checkin-phone")
        assert page.evaluate("document.activeElement && document.activeElement.name") == "code"
        page.keyboard.type(registration.display_code)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page.locator(".messages")).to_contain_text(
            polish("Checked in: %(name)s") % {"name": registration.person.full_name}
        )
        expect(page.locator("#figure-arrived")).to_have_text("1")
        check_accessibility(page, "events-staff-checkin-phone-done")

        assert page.evaluate("document.activeElement && document.activeElement.name") == "code"
        page.keyboard.type("ZZZZ9999")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page.locator("#checkin-result")).to_contain_text("ZZZZ9999")
        check_accessibility(page, "events-staff-checkin-phone-unknown")
        # Without BarcodeDetector and a camera (headless Chromium), the camera button stays hidden.
        expect(page.locator("#camera-scan")).to_be_hidden()
    finally:
        context.close()


def test_an_officer_approves_an_ngo_event(page, officer, make_meeting, verified_org, org_representative):  # noqa: F811
    event = make_meeting(
        title="Piknik sąsiedzki na Plantach",
        organizer_kind=Meeting.Organizer.ORGANIZATION,
        organization=verified_org,
        status=Meeting.Status.SUBMITTED,
        registration_enabled=False,
        created_by=org_representative,
        published_at=None,
    )
    sign_in(page, officer.email, totp=True)

    visit(page, f"{BASE}wydarzenia-organizacji/", "events-staff-review-queue")
    page.get_by_role("link", name="Piknik sąsiedzki na Plantach").click()
    page.wait_for_url(f"**{BASE}wydarzenia-organizacji/{event.pk}/")
    check_accessibility(page, "events-staff-review")

    page.get_by_role("button", name=polish("Reject with the reason above")).click()
    page.wait_for_load_state("load")
    expect(page.locator("[data-error-summary]")).to_contain_text(
        polish("Say why the event is rejected; the organization will read it.")
    )
    check_accessibility(page, "events-staff-review-error")

    with page.expect_navigation():
        page.get_by_role("button", name=polish("Approve: show it in the calendar")).click()
    event.refresh_from_db()
    assert event.status == Meeting.Status.PUBLISHED
    check_accessibility(page, "events-staff-review-queue-after")


def test_the_meeting_form_asks_before_saving_a_start_in_the_past(page, officer, venue):  # noqa: F811
    sign_in(page, officer.email, totp=True)
    visit(page, f"{BASE}nowe/", "events-staff-create-empty")
    start = timezone.localtime(timezone.now() - datetime.timedelta(days=3)).replace(hour=17, minute=0)
    page.locator("#id_title").fill("Spotkanie sieciujące, które już się odbyło")
    page.locator("#id_kind").select_option("networking")
    page.locator("#id_venue").select_option(str(venue.pk))
    page.locator("#id_starts_at").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_ends_at").fill((start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    submit(page)

    confirm = page.get_by_label(polish("Yes, the meeting has already taken place: save it with a start in the past"))
    expect(confirm).to_be_visible()
    expect(confirm).not_to_be_checked()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Spotkanie sieciujące, które już się odbyło")
    expect(page.locator("#id_starts_at")).to_have_value(start.strftime("%Y-%m-%dT%H:%M"))
    assert not Meeting.objects.filter(title="Spotkanie sieciujące, które już się odbyło").exists()
    check_accessibility(page, "events-staff-create-past-start")

    confirm.check()
    submit(page)
    created = Meeting.objects.get(title="Spotkanie sieciujące, które już się odbyło")
    page.wait_for_url(f"**{BASE}{created.pk}/")
    assert timezone.localtime(created.starts_at).replace(second=0, microsecond=0) == start.replace(
        second=0, microsecond=0
    )
