"""The grants in figures in Chromium: the public figures page (a year chosen with the keyboard, the tables, the
SVG charts, the downloads) and a call's page with its course step by step. Every page passes axe (WCAG 2.1 A and
AA) and the Content-Security-Policy (the charts draw with presentation attributes, no style)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.support import check_accessibility, polish, tab_to, visit
from tests.grant_figures.factories import build_dataset

pytestmark = pytest.mark.browser


@pytest.fixture
def dataset(reference_data):
    return build_dataset()


def test_the_figures_page_passes_axe_and_a_year_is_chosen_with_the_keyboard(page, dataset):
    visit(page, "/konkursy/", "grant-calls-with-figures-link")
    page.get_by_role(
        "link", name=polish("Grants in figures: funds announced, requested, awarded and returned per year")
    ).click()
    page.wait_for_url("**/konkursy/liczby/")
    visit(page, "/konkursy/liczby/?rok=2027", "grant-figures-2027")
    expect(page.locator("#chart-overview")).to_be_visible()
    assert page.locator("#chart-overview").get_attribute("role") == "img"
    expect(page.locator("#table-departments tfoot")).to_contain_text("104 000,00 zł".replace(" ", "\u00a0"))

    page.locator("main h1").focus()
    tab_to(page, "#id_rok")
    page.keyboard.type("2028")  # a closed select chooses the option typed
    expect(page.locator("#id_rok")).to_have_value("2028")
    tab_to(page, "#year-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "rok=2028" in page.url
    expect(page.locator("#table-departments tfoot")).to_contain_text("120 000,00 zł".replace(" ", "\u00a0"))
    check_accessibility(page, "grant-figures-2028")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.startswith("dotacje-w-liczbach-2028-")


def test_an_empty_year_and_a_wrong_one_pass_axe(page, reference_data):
    visit(page, "/konkursy/liczby/", "grant-figures-empty")
    expect(page.locator("#no-figures")).to_be_visible()
    visit(page, "/konkursy/liczby/?rok=1999", "grant-figures-wrong-year")
    expect(page.locator("#id_rok")).to_have_attribute("aria-invalid", "true")


def test_a_call_page_shows_its_course_and_passes_axe(page, dataset):
    visit(page, dataset["b"].get_absolute_url(), "grant-figures-call-path")
    path = page.locator("#przebieg")
    expect(path.get_by_role("heading", name=polish("Course of the call"))).to_be_visible()
    expect(path.locator("li")).to_have_count(6)
    expect(path.locator("li[aria-current=step]")).to_have_attribute("id", "przebieg-krok-reports")
    expect(path.locator("#przebieg-contracts")).to_contain_text("45 000,00 zł".replace(" ", "\u00a0"))

    visit(page, dataset["c"].get_absolute_url(), "grant-figures-call-path-cancelled")
    expect(page.locator("#przebieg li")).to_have_count(3)
