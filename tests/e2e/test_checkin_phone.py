"""Check-in at the door on a phone (390 × 844), issue 14 item 4: the code field and the counts are on the first
screen under one compact header, the menus behind a "Menu" button; an early check-in asks for a confirmation and is
saved only when confirmed. axe finds nothing on any state; at 1280 the menus are shown as before."""

import datetime

import pytest
from conftest import make_person
from django.utils import timezone
from playwright.sync_api import expect

from razem.core.models import LogEntry
from razem.events.models import Meeting, Registration
from razem.events.services import registrations
from tests.e2e.support import check_accessibility, polish, sign_in, visit

pytestmark = pytest.mark.browser

FIRST_SCREEN = 300  # px from the top of the page: what a phone shows under the browser's own bar


@pytest.fixture
def forum(make_meeting):
    meeting = make_meeting(title="Forum dialogu obywatelskiego", capacity=40)
    for i, name in enumerate(["Maria Kowalska", "Jan Zieliński", "Ewa Nowak"]):
        registrations.register(actor=make_person(f"uczestnik{i}@example.org", full_name=name), meeting=meeting)
    return meeting


def starting(meeting: Meeting, in_: datetime.timedelta) -> None:
    starts = timezone.now() + in_
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="pl-PL", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    yield page
    context.close()


def top_of(page, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box["y"] + page.evaluate("window.scrollY")


def assert_on_first_screen(page) -> None:
    for selector in ("#id_code", "#checkin-counts"):
        assert top_of(page, selector) < FIRST_SCREEN, f"{selector} starts below the first screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def code_of(meeting: Meeting, name: str) -> Registration:
    return Registration.objects.select_related("person").get(meeting=meeting, person__full_name=name)


def test_on_a_phone_the_code_field_and_the_counts_are_on_the_first_screen(phone, officer, forum):
    starting(forum, datetime.timedelta(minutes=30))
    sign_in(phone, officer.email, totp=True)

    visit(phone, f"/panel/spotkania/{forum.pk}/obecnosc/", "checkin-phone-first-screen")
    assert_on_first_screen(phone)
    expect(phone.locator("#figure-confirmed")).to_have_text("3")
    expect(phone.locator("#figure-free")).to_have_text("37")
    # The panel's menus wait behind one button.
    expect(phone.get_by_role("navigation", name=polish("This meeting"))).to_be_hidden()
    menu = phone.get_by_role("button", name=polish("Menu"), exact=True)
    menu.click()
    expect(phone.get_by_role("navigation", name=polish("This meeting"))).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "true")
    check_accessibility(phone, "checkin-phone-menu-open")
    menu.click()

    registration = code_of(forum, "Maria Kowalska")
    phone.locator("#id_code").fill(registration.display_code)
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    expect(phone.locator(".messages")).to_contain_text(polish("Checked in: %(name)s") % {"name": "Maria Kowalska"})
    expect(phone.locator("#figure-arrived")).to_have_text("1")
    assert_on_first_screen(phone)  # the result above does not push the field off the screen
    check_accessibility(phone, "checkin-phone-checked-in")


def test_on_a_phone_an_early_check_in_is_confirmed_before_it_is_saved(phone, officer, forum):
    starting(forum, datetime.timedelta(hours=5))
    sign_in(phone, officer.email, totp=True)
    registration = code_of(forum, "Jan Zieliński")

    visit(phone, f"/panel/spotkania/{forum.pk}/obecnosc/", "checkin-phone-early")
    phone.keyboard.type(registration.display_code)
    with phone.expect_navigation():
        phone.keyboard.press("Enter")

    result = phone.locator("#checkin-result")
    expect(result).to_contain_text(polish("Not checked in yet: confirm the early check-in"))
    expect(phone.locator("#id_code")).to_have_value(registration.display_code)
    assert_on_first_screen(phone)
    check_accessibility(phone, "checkin-phone-early-asked")
    registration.refresh_from_db()
    assert registration.checked_in_at is None

    # Enter in the field asks again; only the confirmation button confirms.
    with phone.expect_navigation():
        phone.locator("#id_code").press("Enter")
    expect(result).to_be_visible()
    registration.refresh_from_db()
    assert registration.checked_in_at is None

    with phone.expect_navigation():
        phone.get_by_role("button", name=polish("Confirm the early check-in")).click()
    expect(phone.locator(".messages")).to_contain_text(polish("Checked in: %(name)s") % {"name": "Jan Zieliński"})
    expect(phone.locator("#figure-arrived")).to_have_text("1")
    check_accessibility(phone, "checkin-phone-early-confirmed")
    assert LogEntry.objects.get(action="events.registration.checked_in").data == {"meeting": forum.pk, "early": True}


def test_at_1280_the_check_in_page_shows_the_menus_and_the_late_correction_box(page, officer, forum):
    starting(forum, -datetime.timedelta(days=2))
    sign_in(page, officer.email, totp=True)

    visit(page, f"/panel/spotkania/{forum.pk}/obecnosc/", "checkin-desktop-after-the-day")

    expect(page.get_by_role("button", name=polish("Menu"), exact=True)).to_be_hidden()
    expect(page.get_by_role("navigation", name=polish("This meeting"))).to_be_visible()
    expect(page.get_by_role("navigation", name=polish("Office panel"))).to_be_visible()
    registration = code_of(forum, "Ewa Nowak")
    page.locator("#id_code").fill(registration.code)
    with page.expect_navigation():
        page.locator("#id_code").press("Enter")
    expect(page.locator("#checkin-result")).to_contain_text(polish("Not checked in"))
    check_accessibility(page, "checkin-desktop-refused-after-the-day")

    page.get_by_label(polish("Late correction after the meeting")).check()
    with page.expect_navigation():
        page.get_by_role("button", name=polish("Check in"), exact=True).click()
    expect(page.locator(".messages")).to_contain_text(polish("Checked in: %(name)s") % {"name": "Ewa Nowak"})
    assert LogEntry.objects.get(action="events.registration.checked_in").data == {
        "meeting": forum.pk,
        "late_correction": True,
    }
