"""The recommendations tracker in Chromium: the public tracker and a recommendation's page, then the office records
a recommendation (an error first, then success) and moves it along its path. axe finds nothing on any page."""

import pytest
from playwright.sync_api import expect

from razem.recommendations.models import Recommendation
from tests.core.helpers import in_polish
from tests.e2e.support import check_accessibility, polish, sign_in, submit, visit

pytestmark = pytest.mark.browser

S = Recommendation.Status


def test_a_visitor_reads_the_tracker_and_a_recommendation(page, make_recommendation, officer):  # noqa: F811
    from razem.recommendations import services

    parent = make_recommendation(status=S.ACCEPTED, title="Przejrzyste zasady najmu lokali")
    child = make_recommendation(parent=parent, title="Lista wolnych lokali", status=S.ACCEPTED)
    services.recommendation_set_progress(actor=officer, recommendation=child, progress=45, note="Lista w BIP.")
    make_recommendation(title="Klauzule społeczne", policy_area="social_economy")

    visit(page, "/rekomendacje/", "recommendations-tracker")
    expect(page.locator("main tbody tr")).to_have_count(2)
    page.locator("#id_obszar").select_option("social_economy")
    submit(page)
    expect(page.locator("main tbody tr")).to_have_count(1)
    check_accessibility(page, "recommendations-tracker-filtered")

    visit(page, parent.get_absolute_url(), "recommendations-detail")
    expect(page.locator("h1")).to_have_text("Przejrzyste zasady najmu lokali")
    expect(page.locator("main")).to_contain_text("Lista wolnych lokali")
    expect(page.locator("main")).to_contain_text("Wydział przyjmuje rekomendację.")
    visit(page, child.get_absolute_url(), "recommendations-detail-child")
    expect(page.locator("main")).to_contain_text("Lista w BIP.")


def test_an_officer_records_a_recommendation_and_changes_its_status(page, officer, forum):  # noqa: F811
    sign_in(page, officer.email, totp=True)
    visit(page, "/panel/rekomendacje/", "recommendations-staff-list")

    page.get_by_role("link", name=polish("New recommendation")).first.click()
    page.wait_for_url("**/panel/rekomendacje/nowa/")
    check_accessibility(page, "recommendations-staff-create")
    page.locator("#id_title").fill("Centrum organizacji w każdej dzielnicy")
    page.locator("#id_text").fill("Miasto tworzy centra obywatelskie.")
    page.locator("#id_source_kind").select_option("body")
    page.locator("#id_policy_area").select_option("premises")
    page.locator("#id_department").fill("Wydział Skarbu Miasta")
    submit(page)
    expect(page.locator("[data-error-summary]")).to_contain_text(
        polish("Choose the body the recommendation comes from.")
    )
    expect(page.locator("#id_title")).to_have_value("Centrum organizacji w każdej dzielnicy")
    check_accessibility(page, "recommendations-staff-create-error")

    page.locator("#id_body").select_option(str(forum.pk))
    submit(page)
    created = Recommendation.objects.get()
    page.wait_for_url(f"**/panel/rekomendacje/{created.pk}/")
    expect(page.locator("h1")).to_have_text("Centrum organizacji w każdej dzielnicy")
    check_accessibility(page, "recommendations-staff-edit")

    page.get_by_label(in_polish("Under analysis", "recommendation status")).check()
    with page.expect_navigation():
        page.get_by_role("button", name=polish("Change the status")).click()
    expect(page.locator("main")).to_contain_text(in_polish("Under analysis", "recommendation status"))

    page.get_by_label(in_polish("Accepted", "recommendation status"), exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name=polish("Change the status")).click()
    expect(page.locator("#status-title ~ form [data-error-summary]")).to_be_visible()
    check_accessibility(page, "recommendations-staff-status-error")
    page.locator("#id_status-response").fill("Wydział przyjmuje rekomendację.")
    page.get_by_label(in_polish("Accepted", "recommendation status"), exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name=polish("Change the status")).click()
    created.refresh_from_db()
    assert created.status == S.ACCEPTED
    check_accessibility(page, "recommendations-staff-accepted")
    visit(page, created.get_absolute_url(), "recommendations-detail-staff")
