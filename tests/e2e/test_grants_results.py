"""The decision and the results in Chromium: the office records the decision on its page (the sums follow what is
typed, a refusal lands in the error summary), publishes the results, and the public results page, the oferent's
update page and question page pass axe (WCAG 2.1 A and AA) and the Content-Security-Policy."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from razem.grants.models import CallFunds, Decision, Offer
from razem.grants.services.results import award_field
from tests.e2e.support import check_accessibility, sign_in, visit
from tests.grants.test_results_factories import admit, close, decided, filed, open_call

pytestmark = pytest.mark.browser


def test_the_office_records_the_decision_and_publishes_the_results(page, officer, transactional_db):
    call = open_call()
    CallFunds.objects.filter(call=call).update(amount="15000.00")
    first = filed(call, "8000.00", title="Teatr na podwórku")
    second = filed(call, "8000.00", title="Kino sąsiedzkie")
    close(call)
    admit(first, points="86.50", proposed="8000.00")
    admit(second, points="71.00", proposed="7000.00")
    year = call.years[0]
    sign_in(page, officer.email, totp=True)

    visit(page, f"/panel/konkursy/{call.slug}/rozstrzygniecie/", "grants-staff-decision")
    expect(page.locator(f"#id_{award_field(second.pk, year)}")).to_have_value("7000,00")
    expect(page.locator(f"#sum-{year}")).to_contain_text("15")

    # Too much for the year's funds: the refusal is in the error summary, the amounts typed stay.
    page.locator("#id_number").fill("0812/2026")
    page.locator("#id_made_on").fill(timezone.localdate().isoformat())
    page.locator(f"#id_{award_field(second.pk, year)}").fill("8000")
    expect(page.locator(f"#sum-{year}")).to_have_class("table-danger")
    with page.expect_navigation():
        page.locator("button[name=save]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    check_accessibility(page, "grants-staff-decision-refused")
    expect(page.locator(f"#id_{award_field(second.pk, year)}")).to_have_value("8000")
    assert not Decision.objects.exists()

    page.locator(f"#id_{award_field(second.pk, year)}").fill("5000")
    with page.expect_navigation():
        page.locator("button[name=save]").click()
    check_accessibility(page, "grants-staff-decision-recorded")
    expect(page.locator("#decision-facts")).to_contain_text("0812/2026")
    assert Offer.objects.get(pk=second.pk).status == Offer.Status.AWARDED

    visit(page, f"/panel/konkursy/{call.slug}/wyniki/publikacja/", "grants-staff-results-publish")
    today = timezone.localdate().isoformat()
    page.locator("#id_bip_published_on").fill(today)
    page.locator("#id_bip_url").fill("https://bip.krakow.example.org/wyniki/0812")
    page.locator("#id_notice_board_published_on").fill(today)
    with page.expect_navigation():
        page.locator("#publish-form button[type=submit]").click()
    expect(page.locator("#results-published")).to_be_visible()
    check_accessibility(page, "grants-staff-results-published")

    visit(page, f"/konkursy/{call.slug}/wyniki/", "grants-results")
    expect(page.locator("#funded tbody tr")).to_have_count(2)
    visit(page, f"/konkursy/{call.slug}/", "grants-call-with-results")
    expect(page.locator("#wyniki")).to_be_visible()


def test_the_oferents_update_and_question_pages_pass_axe(page, officer, transactional_db):
    case = decided(officer, publish_results=True)
    partial = case["partial"]
    sign_in(page, partial.person.email)

    visit(page, f"/konkursy/oferty/{partial.pk}/", "grants-offer-awarded")
    expect(page.locator("#award-banner")).to_be_visible()
    visit(page, f"/konkursy/oferty/{partial.pk}/aktualizacja/", "grants-offer-update")
    expect(page.locator("#update-problems li")).to_have_count(1)

    visit(page, f"/konkursy/oferty/{partial.pk}/pytanie/", "grants-offer-questions")
    page.locator("#id_text").fill("Dlaczego dotacja jest niższa niż wnioskowana?")
    with page.expect_navigation():
        page.locator("#question-form button[type=submit]").click()
    check_accessibility(page, "grants-offer-question-asked")
    expect(page.locator("#pytania article")).to_have_count(1)

    visit(page, f"/konkursy/oferty/{partial.pk}/rezygnacja/", "grants-offer-resign")


def test_the_offices_questions_page_and_answer_pass_axe(page, officer, transactional_db):
    from razem.grants.services.results import question_ask

    case = decided(officer, publish_results=True)
    question = question_ask(actor=case["none"].person, offer=case["none"], text="Prosimy o uzasadnienie.")
    sign_in(page, officer.email, totp=True)
    slug = case["call"].slug

    visit(page, f"/panel/konkursy/{slug}/pytania/", "grants-staff-questions")
    visit(page, f"/panel/konkursy/{slug}/pytania/{question.pk}/", "grants-staff-question-answer")
    page.locator("#id_answer").fill("Oferta uzyskała 40 punktów, poniżej progu.")
    with page.expect_navigation():
        page.locator("#answer-form button[type=submit]").click()
    check_accessibility(page, "grants-staff-questions-answered")
    expect(page.locator(f"#question-{question.pk}")).to_contain_text("poniżej progu")
