"""Small grants (art. 19a) in Chromium: a representative fills the simplified offer with the keyboard alone and files
it; the public page of a published offer with its comment form; the office's list, an offer's page, its publication
and the decision, the comment moderation and the plans. Every page passes axe (WCAG 2.1 A and AA) and the
Content-Security-Policy."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from razem.grants.models import Offer
from razem.small_grants.models import Comment
from razem.small_grants.services.comments import comment_add
from tests.e2e.support import check_accessibility, polish, screenshot, sign_in, visit
from tests.factories import MembershipFactory, RepresentativeFactory, UserFactory
from tests.small_grants.factories import comments_over, draft, filed, plan, published

pytestmark = pytest.mark.browser

FOCUSED = (
    "() => { const e = document.activeElement; const s = getComputedStyle(e); "
    "return {id: e.id, name: e.getAttribute('name') || '', outline: s.outlineStyle, width: s.outlineWidth}; }"
)


def tab_to(page, selector: str, limit: int = 150) -> None:
    """Tab until ``selector`` has the focus, which must be visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            focus = page.evaluate(FOCUSED)
            assert focus["outline"] != "none" and focus["width"] != "0px", f"no visible focus on {focus}"
            return
    raise AssertionError(f"Tab never reached {selector}; focus is on {page.evaluate(FOCUSED)}")


def settle(page) -> None:
    """Let the autosave finish before a button is pressed (the test server shares one SQLite connection)."""
    idle = (
        "() => { const f = document.querySelector('form[data-autosave]'); return !f || f.dataset.pending !== '1' "
        "&& !(Number(f.dataset.pending) > 0); }"
    )
    page.wait_for_timeout(1700)
    for _ in range(2):
        page.wait_for_function(idle)
        page.wait_for_timeout(300)
    page.wait_for_function(idle)


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def type_date(page, selector: str, day: datetime.date) -> None:
    tab_to(page, selector)
    page.keyboard.type(day.strftime("%m%d%Y"))
    assert page.locator(selector).input_value() == day.isoformat()


def test_a_representative_fills_and_files_the_simplified_offer_with_the_keyboard(page, reference_data, media_root):
    membership = MembershipFactory(representative=True)
    organization, person = membership.organization, membership.user
    RepresentativeFactory(organization=organization, full_name="Anna Prezes", signs_alone=True)
    start = timezone.localdate() + datetime.timedelta(days=30)
    plan(start.year)
    keyboard = page.keyboard
    sign_in(page, person.email)

    visit(page, reverse("small_grants:start"), "small-grants-start")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        keyboard.press("Enter")
    offer = Offer.objects.get()
    assert page.url.endswith(reverse("small_grants:edit", args=[offer.pk]))
    check_accessibility(page, "small-grants-editor-empty")

    tab_to(page, "#id_area")
    keyboard.press("ArrowDown")
    tab_to(page, "#id_task_form")
    keyboard.press("ArrowDown")
    type_into(page, "#id_title", "Sąsiedzki festyn na Kazimierzu")
    type_into(page, "#id_place", "ul. Józefa, Kraków")
    type_date(page, "#id_start_date", start)
    type_date(page, "#id_end_date", start + datetime.timedelta(days=29))
    type_into(page, "#id_synthetic_description", "Festyn dla mieszkańców ulicy Józefa.")
    type_into(page, "#id_activities-0-name", "Festyn")
    type_into(page, "#id_activities-0-target_group", "Mieszkańcy Kazimierza")
    type_into(page, "#id_results_description", "200 uczestników festynu.")
    type_into(page, "#id_lines-0-name", "Scena i nagłośnienie")
    type_into(page, "#id_lines-0-unit", "dzień")
    type_into(page, "#id_lines-0-quantity", "2")
    type_into(page, "#id_lines-0-unit_cost", "1 500,00")
    type_into(page, "#id_lines-0-grant", "2500")
    settle(page)
    assert page.locator("#autosave-status [data-state=saved]").is_visible()
    tab_to(page, "#offer-form button[name=next]")
    screenshot(page, "keyboard-small-grants-editor")
    with page.expect_navigation():
        keyboard.press("Enter")
    offer.refresh_from_db()
    assert offer.title == "Sąsiedzki festyn na Kazimierzu" and offer.small_grant.area_id is not None
    assert page.locator("#complete").is_visible()
    check_accessibility(page, "small-grants-offer-draft")

    visit(page, reverse("small_grants:file", args=[offer.pk]), "small-grants-file")
    tab_to(page, "#id_taxes_0")
    keyboard.press("Space")
    tab_to(page, "#id_social_insurance_0")
    keyboard.press("Space")
    tab_to(page, "#id_confirmed")
    keyboard.press("Space")
    tab_to(page, f"#id_signatories_{organization.pk}_0")
    keyboard.press("Space")
    tab_to(page, "#file-button")
    with page.expect_navigation():
        keyboard.press("Enter")
    offer.refresh_from_db()
    assert offer.status == Offer.Status.FILED
    check_accessibility(page, "small-grants-receipt")
    assert page.locator("#checksum").inner_text() == offer.current_version.checksum
    visit(page, reverse("small_grants:my"), "small-grants-my")


def test_a_refused_save_keeps_what_was_typed_and_passes_axe(page, reference_data):
    plan(timezone.localdate().year + 1)
    offer = draft()
    sign_in(page, offer.filer.email)
    page.goto(reverse("small_grants:edit", args=[offer.pk]))
    page.locator("#id_lines-0-grant").fill("9999")
    page.locator("#id_lines-0-grant").press("Tab")
    settle(page)
    with page.expect_navigation():
        page.locator("#save-button").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_lines-0-grant").input_value() == "9999"
    assert page.locator("#draft-input").is_visible()
    check_accessibility(page, "small-grants-editor-error")


def test_the_public_page_and_its_comment_form(page, reference_data):
    plan(timezone.localdate().year)
    plan(timezone.localdate().year + 1)
    officer = UserFactory(officer=True)
    offer = draft()
    published(offer, officer)
    earlier = draft(title="Piknik rodzinny")
    published(earlier, officer)
    comments_over(earlier)

    visit(page, reverse("small_grants:list"), "small-grants-public-list")
    visit(page, reverse("small_grants:detail", args=[offer.pk]), "small-grants-public-detail")
    with page.expect_navigation():
        page.locator("#comment-button").click()  # empty: refused
    assert page.locator(".error-summary").is_visible()
    check_accessibility(page, "small-grants-public-comment-error")
    page.locator("#id_text").fill("Świetny pomysł, przyjdę z dziećmi.")
    page.locator("#id_name").fill("Ewa")
    with page.expect_navigation():
        page.locator("#comment-button").click()
    assert page.locator("#comment-list").get_by_text("Świetny pomysł, przyjdę z dziećmi.").is_visible()
    assert Comment.objects.get().name == "Ewa"
    check_accessibility(page, "small-grants-public-detail-commented")
    visit(page, reverse("small_grants:detail", args=[earlier.pk]), "small-grants-public-detail-closed")
    assert page.locator("#comments-closed").is_visible()


def test_the_office_publishes_moderates_and_decides(page, officer, reference_data, media_root):
    year = timezone.localdate().year
    plan(year)
    plan(year + 1)
    offer = draft(title="Festyn do decyzji")
    filed(offer)
    sign_in(page, officer.email, totp=True)

    visit(page, "/panel/", "small-grants-panel-card")
    assert page.locator("#panel-small-grants").is_visible()
    visit(page, reverse("small_grants_staff:list"), "small-grants-office-list")
    visit(page, reverse("small_grants_staff:detail", args=[offer.pk]), "small-grants-office-detail-filed")
    visit(page, reverse("small_grants_staff:publish", args=[offer.pk]), "small-grants-office-publish")
    today = timezone.localdate()
    for field in ("#id_bip_published_on", "#id_notice_board_published_on"):
        page.locator(field).fill(today.isoformat())
    page.locator("#id_bip_url").fill("https://www.bip.krakow.pl/?dok_id=1")
    with page.expect_navigation():
        page.locator("#publish-button").click()
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.PUBLISHED
    check_accessibility(page, "small-grants-office-detail-published")
    assert page.locator("#decide-refusal").is_visible()

    comment = comment_add(actor=UserFactory(), offer=offer, text="Wpis do ukrycia")
    visit(page, reverse("small_grants_staff:hide_comment", args=[offer.pk, comment.pk]), "small-grants-hide-comment")
    page.locator("#id_reason").fill("Wpis zawiera dane osobowe.")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert Comment.objects.get().hidden_at is not None

    comments_over(offer)
    visit(page, reverse("small_grants_staff:detail", args=[offer.pk]), "small-grants-office-decide")
    page.locator("#id_decision_0").check()
    page.locator("#id_number").fill("ZP/12/2026")
    page.locator("#id_amount").fill("5 000,01")
    with page.expect_navigation():
        page.locator("#decide-button").click()
    assert page.locator(".error-summary").is_visible()
    check_accessibility(page, "small-grants-office-decide-error")
    page.locator("#id_amount").fill("4 500")
    with page.expect_navigation():
        page.locator("#decide-button").click()
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.AWARDED
    check_accessibility(page, "small-grants-office-detail-awarded")
    visit(page, reverse("small_grants_staff:plans"), "small-grants-office-plans")
    assert polish("Plans of grants per year") in page.content()
