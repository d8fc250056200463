"""The public calendar in Chromium: the list, the month, a meeting's page, registration with the organizer's
questions using the keyboard alone, my registrations with the QR code, and an NGO's event submission with an
error and then success. Every page passes axe (WCAG 2.1 A and AA) and the Content-Security-Policy."""

import datetime

import pytest
from django.utils import timezone

from razem.events.models import Meeting, MeetingQuestion, Registration
from tests.e2e.support import check_accessibility, polish, screenshot, sign_in, submit, tab_to, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def calendar(request):
    make, plants = request.getfixturevalue("make_meeting"), request.getfixturevalue("verified_org")
    starts = timezone.localtime() + datetime.timedelta(days=3)
    starts = starts.replace(hour=17, minute=30, second=0, microsecond=0)
    forum = make(
        title="Forum dialogu obywatelskiego",
        starts_at=starts,
        capacity=40,
        summary="Rozmawiamy o współpracy miasta z organizacjami.",
        agenda="Otwarcie\nDyskusja\nWnioski",
    )
    make(
        title="Szkolenie z grantów",
        kind=Meeting.Kind.TRAINING,
        starts_at=starts + datetime.timedelta(days=1),
        place_kind=Meeting.Place.HYBRID,
        online_url="https://meet.example.org/granty",
    )
    make(
        title="Piknik na Plantach",
        organizer_kind="organization",
        organization=plants,
        starts_at=starts + datetime.timedelta(days=2),
        registration_enabled=False,
    )
    make(title="Odwołane spotkanie", status=Meeting.Status.CANCELLED, status_reason="Awaria sali")
    MeetingQuestion.objects.create(meeting=forum, position=1, label="Potrzeby dostępności", kind="text")
    MeetingQuestion.objects.create(
        meeting=forum, position=2, label="Obiad", kind="choice", options="Mięsny\nWegetariański", required=True
    )
    MeetingQuestion.objects.create(meeting=forum, position=3, label="Zgoda na zdjęcia", kind="yes_no", required=True)
    return forum


def test_the_calendar_list_month_and_a_meeting_page_pass_axe(page, calendar):
    visit(page, "/kalendarz/", "events-calendar")
    assert page.locator("main h1").inner_text() == polish("Calendar of meetings")
    assert page.locator("header nav .nav-link[aria-current=page]").inner_text() == polish("Calendar")
    assert page.locator("main article").count() == 4
    assert page.locator("main").get_by_text(polish("Cancelled"), exact=True).count() >= 1
    assert "webcal://" in page.locator("#feed-url").input_value().replace("http://", "webcal://")

    page.locator("#id_rodzaj").select_option("training")
    submit(page)
    assert page.locator("main article h3 a").all_inner_texts() == ["Szkolenie z grantów"]
    check_accessibility(page, "events-calendar-filtered")

    local = timezone.localtime(calendar.starts_at)
    visit(page, f"/kalendarz/miesiac/?rok={local.year}&miesiac={local.month}", "events-month")
    assert page.locator("main table th[scope=col]").count() == 7
    assert page.locator("main table").get_by_text("Forum dialogu obywatelskiego").count() == 1
    page.set_viewport_size({"width": 375, "height": 800})
    check_accessibility(page, "events-month-small-screen")
    assert page.get_by_role("heading", name=polish("Day by day")).is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})

    visit(page, calendar.get_absolute_url(), "events-meeting")
    assert page.locator("main h1").inner_text() == "Forum dialogu obywatelskiego"
    assert page.locator("main ol li").all_inner_texts()[-3:] == ["Otwarcie", "Dyskusja", "Wnioski"]


def test_a_resident_registers_with_answers_using_only_the_keyboard_and_sees_the_qr_code(page, calendar, resident):
    sign_in(page, resident.email)
    visit(page, calendar.get_absolute_url(), "events-meeting-signed-in")

    visit(page, f"/kalendarz/{calendar.pk}/zapis/", "events-register")
    questions = {q.label: q.pk for q in calendar.questions.all()}
    tab_to(page, f"#id_q_{questions['Potrzeby dostępności']}")
    page.keyboard.type("pętla indukcyjna")
    tab_to(page, f"#id_q_{questions['Obiad']}_0")
    page.keyboard.press("ArrowDown")  # the second option, chosen
    assert page.locator(f"#id_q_{questions['Obiad']}_1").is_checked()
    tab_to(page, f"#id_q_{questions['Zgoda na zdjęcia']}_0")
    page.keyboard.press("Space")
    tab_to(page, "#registration-form button[type=submit]")
    screenshot(page, "keyboard-events-register")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    registration = Registration.objects.get(person=resident)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.answers[str(questions["Obiad"])] == "Wegetariański"
    assert registration.answers[str(questions["Zgoda na zdjęcia"])] is True
    assert page.url.endswith(f"/konto/zapisy/{registration.code}/")
    check_accessibility(page, "events-registration")
    qr = page.locator("main img.qr-code")
    assert registration.display_code in qr.get_attribute("alt")
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", qr.element_handle())

    visit(page, "/konto/zapisy/", "events-my-registrations")
    assert page.locator("main").get_by_text(registration.display_code).count() == 1

    visit(page, f"/konto/zapisy/{registration.code}/anuluj/", "events-registration-cancel")


def test_a_representative_submits_an_event_with_an_error_then_successfully(page, request):
    plants, place = request.getfixturevalue("verified_org"), request.getfixturevalue("venue")
    sign_in(page, request.getfixturevalue("org_representative").email)
    visit(page, "/kalendarz/zglos-wydarzenie/", "events-submit")

    day = timezone.localdate() + datetime.timedelta(days=20)
    page.locator("#id_title").fill("Sprzątanie Plant")
    page.locator("#id_venue").select_option(str(place.pk))
    page.locator("#id_starts_at").fill(f"{day:%Y-%m-%d}T12:00")
    page.locator("#id_ends_at").fill(f"{day:%Y-%m-%d}T10:00")
    submit(page)

    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_ends_at_error").is_visible()
    assert page.locator("#id_title").input_value() == "Sprzątanie Plant"
    check_accessibility(page, "events-submit-error")
    assert not Meeting.objects.exists()

    page.locator("#id_ends_at").fill(f"{day:%Y-%m-%d}T14:00")
    submit(page)

    page.wait_for_url(f"**/organizacje/{plants.pk}/wydarzenia/")
    check_accessibility(page, "events-organization-submissions")
    assert page.locator("main table").get_by_role("link", name="Sprzątanie Plant", exact=True).is_visible()
    assert Meeting.objects.get().status == Meeting.Status.SUBMITTED
