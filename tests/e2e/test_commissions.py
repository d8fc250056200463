"""The competition commission in Chromium: the office's composition page (appointing an expert), the member's
declaration of impartiality, scoring an offer with the keyboard alone (Tab, typing, Enter; an error first, then
corrected), and the office's ranking. axe finds nothing on any page."""

import pytest
from playwright.sync_api import expect

from razem.commissions.models import Declaration, Member, Score
from razem.grants.models import Criterion
from tests.commissions.factories import admitted_offer, closed_call, give, seat
from tests.e2e.support import check_accessibility, polish, sign_in, visit
from tests.e2e.test_keyboard import press_enter_and_wait, tab_to
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def page(page):
    """Wider than the default window: while the modules of grants II add their entries to the main menu (English
    labels, before the translation), the menu overflows 1280 px and axe finds the language button on white."""
    page.set_viewport_size({"width": 1700, "height": 900})
    return page


def test_the_office_appoints_and_reads_the_ranking(page, officer):
    call = closed_call()
    first, second = admitted_offer(call), admitted_offer(call)
    mayor = seat(call, user=officer, signed=True)
    ngo = seat(call, Member.Role.NGO, signed=True, conflicts=[second])
    seat(call, Member.Role.NGO, excluded=True)
    give(mayor, first, 4)
    give(ngo, first, 3)
    give(mayor, second, 5)
    UserFactory(email="ekspertka@example.org", full_name="Anna Sadowska")
    sign_in(page, officer.email, totp=True)

    visit(page, f"/panel/konkursy/{call.slug}/komisja-konkursowa/", "commissions-staff-composition")
    page.locator("#id_expert-email").fill("ekspertka@example.org")
    with page.expect_navigation():
        page.locator("button[name=action][value=expert]").click()
    check_accessibility(page, "commissions-staff-appointed")
    expect(page.locator("#members")).to_contain_text("Anna Sadowska")

    visit(page, f"/panel/konkursy/{call.slug}/komisja-konkursowa/ranking/", "commissions-staff-ranking")
    expect(page.locator("#ranking tbody tr")).to_have_count(2)
    expect(page.locator("#ranking tbody tr").first).to_contain_text(second.number)  # 30 points, then 21
    page.locator(f"#id_amount_{first.pk}").fill("999999")
    with page.expect_navigation():
        page.locator("#ranking").locator("xpath=ancestor::form").locator("button[type=submit]").click()
    check_accessibility(page, "commissions-staff-ranking-error")
    expect(page.locator(".error-summary")).to_be_visible()

    visit(page, f"/panel/konkursy/{call.slug}/komisja-konkursowa/opinia/", "commissions-staff-opinion")


def test_a_member_signs_the_declaration_and_scores_an_offer_by_keyboard(page):
    call = closed_call()
    offer = admitted_offer(call)
    member = seat(call, Member.Role.NGO)
    criteria = list(Criterion.objects.filter(call=call).order_by("position", "id"))
    sign_in(page, member.user.email)

    visit(page, f"/konkursy/{call.slug}/ocena/", "commissions-member-home")
    with page.expect_navigation():
        page.get_by_role("link", name=polish("Sign the declaration")).click()
    check_accessibility(page, "commissions-member-declaration")
    expect(page.locator("#declaration-text")).to_contain_text("art. 24")
    page.locator("#id_confirm").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert Declaration.objects.filter(member=member).exists()
    check_accessibility(page, "commissions-member-home-signed")

    visit(page, f"/konkursy/{call.slug}/ocena/oferty/{offer.pk}/", "commissions-member-offer")
    keyboard = page.keyboard
    tab_to(page, f"#id_points_{criteria[0].pk}", limit=120)
    for n, criterion in enumerate(criteria):
        if n:
            tab_to(page, f"#id_points_{criterion.pk}", limit=3)
        keyboard.type("6" if n == 0 else "4,5")  # the first above the maximum
        tab_to(page, f"#id_justification_{criterion.pk}", limit=3)
        keyboard.type(f"Uzasadnienie kryterium {n + 1}.")
    tab_to(page, "#score-form button[type=submit]", limit=3)
    press_enter_and_wait(page)

    check_accessibility(page, "commissions-member-offer-error")
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator(".error-summary")).to_contain_text("5")
    assert not Score.objects.exists()
    tab_to(page, f"#id_points_{criteria[0].pk}", limit=10)
    keyboard.press("Control+A")
    keyboard.type("5")
    tab_to(page, "#score-form button[type=submit]", limit=40)
    press_enter_and_wait(page)

    check_accessibility(page, "commissions-member-offer-scored")
    expect(page.locator("#scored-note")).to_be_visible()
    assert Score.objects.filter(member=member, offer=offer).count() == len(criteria)
    assert {str(s.points) for s in Score.objects.filter(criterion=criteria[1])} == {"4.5"}
