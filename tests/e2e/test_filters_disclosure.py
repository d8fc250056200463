"""Lists before their filters on a phone (issue 14, items 3 and 6), in Chromium.

At 390 px the tracker and the calendar show their list first, the filters behind a "Filters" button
(aria-expanded), and the values chosen as chips, each a link that removes its filter ("Remove filter: …"). At
1280 px the filters are open as before, and the tracker's table shows every column, progress included. axe finds
nothing on any of these pages."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from razem.recommendations.models import Recommendation
from tests.e2e.support import check_accessibility, polish, sign_in, tab_to, visit

pytestmark = pytest.mark.browser

S = Recommendation.Status
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def tracked(make_recommendation, officer):
    from razem.recommendations import services

    parent = make_recommendation(
        status=S.ACCEPTED,
        title="Rekomendacje Krakowskiego Forum Lokalowego do polityki lokalowej Gminy Miejskiej Kraków",
        department="Zarząd Budynków Komunalnych w Krakowie",
    )
    child = make_recommendation(parent=parent, status=S.ACCEPTED, title="Lista wolnych lokali")
    services.recommendation_set_progress(actor=officer, recommendation=child, progress=45, note="Lista w BIP.")
    make_recommendation(
        status=S.PARTLY_ACCEPTED,
        title="Lokale gminne dla spółdzielni socjalnych na preferencyjnych zasadach",
        policy_area="social_economy",
        department="Wydział Polityki Społecznej i Zdrowia",
    )
    return parent


def test_at_1280_the_filters_are_open_and_the_table_shows_every_column(page, tracked):
    visit(page, "/rekomendacje/", "filters-tracker-1280")

    expect(page.locator("#filter-title")).to_be_visible()
    expect(page.locator(".filter-toggle")).to_be_hidden()
    region = page.locator(".table-responsive")
    assert region.evaluate("e => e.scrollWidth <= e.clientWidth"), "the table scrolls sideways at 1280 px"
    right = region.bounding_box()["x"] + region.bounding_box()["width"]
    headers = page.locator("main table thead th")
    expect(headers).to_have_count(9)
    for header in headers.all():
        box = header.bounding_box()
        assert box["x"] + box["width"] <= right + 1, header.inner_text()
    bar = page.locator("main tbody [role=progressbar]").first
    box = bar.bounding_box()
    assert box["width"] >= 40 and box["x"] + box["width"] <= right
    expect(page.locator("main tbody tr").first.locator("td").nth(6)).to_contain_text("%")


def test_at_390_the_tracker_lists_first_and_keeps_the_chosen_filters_as_chips(page, tracked):
    page.set_viewport_size(PHONE)
    visit(page, "/rekomendacje/", "filters-tracker-390")

    toggle = page.locator(".filter-toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("form[aria-labelledby=filter-title]")).to_be_hidden()
    expect(page.locator("#result-count")).to_be_in_viewport()

    tab_to(page, ".filter-toggle")
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#id_obszar")).to_be_visible()
    check_accessibility(page, "filters-tracker-390-open")
    page.locator("#id_obszar").select_option("social_economy")
    page.locator("#id_q").fill("lokal")
    with page.expect_navigation():
        page.locator("form[aria-labelledby=filter-title] button[type=submit]").click()

    # Back with the form closed: the chips say what was chosen, and each removes its own filter.
    expect(page.locator("form[aria-labelledby=filter-title]")).to_be_hidden()
    expect(toggle).to_contain_text("2")
    chips = page.locator(".filter-chip")
    expect(chips).to_have_count(2)
    with translation.override("pl"):
        area = str(Recommendation.PolicyArea("social_economy").label)
    chip = page.get_by_role("link", name=f"{polish('Remove filter:')} {polish('Policy area')}: {area}")
    expect(chip).to_be_visible()
    check_accessibility(page, "filters-tracker-390-chips")
    with page.expect_navigation():
        chip.click()
    assert "obszar" not in page.url and "q=lokal" in page.url
    expect(page.locator(".filter-chip")).to_have_count(1)


def test_at_390_the_calendar_lists_first_and_its_filters_open_on_demand(page):
    page.set_viewport_size(PHONE)
    visit(page, "/kalendarz/?rodzaj=forum", "filters-calendar-390")

    expect(page.locator("#calendar-filter")).to_be_hidden()
    meetings = page.locator("#result-count").bounding_box()
    subscribe = page.locator("#subscribe-title").bounding_box()
    assert meetings["y"] < subscribe["y"], "the subscription comes before the meetings"
    expect(page.locator(".filter-chip")).to_have_count(1)
    page.locator(".filter-toggle").click()
    expect(page.locator("#calendar-filter")).to_be_visible()
    check_accessibility(page, "filters-calendar-390-open")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/kalendarz/")
    expect(page.locator("#calendar-filter")).to_be_visible()
    expect(page.locator(".filter-toggle")).to_be_hidden()
    check_accessibility(page, "filters-calendar-1280")


def test_an_office_list_keeps_its_filters_open_at_1280_and_behind_the_button_at_390(page, officer):
    sign_in(page, officer.email, totp=True)
    visit(page, "/panel/rekomendacje/?status=accepted", "filters-staff-list-1280")
    expect(page.locator("form[aria-labelledby=filter-title]")).to_be_visible()
    expect(page.locator(".filter-chip")).to_have_count(1)

    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.locator("form[aria-labelledby=filter-title]")).to_be_hidden()
    page.locator(".filter-toggle").click()
    expect(page.locator("form[aria-labelledby=filter-title]")).to_be_visible()
    check_accessibility(page, "filters-staff-list-390-open")
