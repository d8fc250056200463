"""Filing an offer in Chromium: the filing page, the receipt and the versions pass axe (WCAG 2.1 A and AA) and the
Content-Security-Policy; an offer made complete with the factories is filed with the keyboard alone (Tab, Space,
Enter) from the filing page; a refusal is shown in the error summary."""

import pytest

from razem.grants.models import Offer, OfferVersion
from razem.grants.services.filing import offer_file
from tests.e2e.support import check_accessibility, screenshot, sign_in, submit, tab_to, visit
from tests.grants.filing_factories import DECLARATIONS, complete_offer

pytestmark = pytest.mark.browser


def test_an_offer_is_filed_with_the_keyboard_alone_and_its_receipt_and_versions_pass_axe(page, transactional_db):
    offer = complete_offer()
    sign_in(page, offer.filer.email)
    visit(page, f"/konkursy/oferty/{offer.pk}/zloz/", "grants-filing")
    assert page.locator("#checklist-ok").is_visible()
    keyboard = page.keyboard

    tab_to(page, "#id_taxes_0")
    keyboard.press("Space")
    tab_to(page, "#id_social_insurance_0")
    keyboard.press("Space")
    tab_to(page, "#id_confirmed")
    keyboard.press("Space")
    tab_to(page, f"#id_signatories_{offer.organization_id}_0")
    keyboard.press("Space")
    assert page.locator("#id_taxes_0").is_checked() and page.locator("#id_social_insurance_0").is_checked()
    assert page.locator("#id_confirmed").is_checked()
    assert page.locator(f"#id_signatories_{offer.organization_id}_0").is_checked()
    tab_to(page, "#file-button")
    screenshot(page, "keyboard-grants-filing")
    with page.expect_navigation():
        keyboard.press("Enter")

    version = OfferVersion.objects.get(offer=offer)
    assert page.url.endswith(f"/konkursy/oferty/{offer.pk}/wersje/1/potwierdzenie/")
    check_accessibility(page, "grants-receipt")
    assert page.locator("#checksum").inner_text() == version.checksum
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.FILED

    visit(page, f"/konkursy/oferty/{offer.pk}/wersje/", "grants-versions")
    visit(page, f"/konkursy/oferty/{offer.pk}/wersje/1/", "grants-version")


def test_a_refused_filing_is_shown_in_the_error_summary_and_passes_axe(page, transactional_db):
    offer = complete_offer()
    sign_in(page, offer.filer.email)
    page.goto(f"/konkursy/oferty/{offer.pk}/zloz/")

    submit(page)

    assert page.locator(".error-summary").is_visible()
    check_accessibility(page, "grants-filing-refused")
    assert not OfferVersion.objects.filter(offer=offer).exists()


def test_the_withdrawal_page_passes_axe(page, transactional_db):
    offer = complete_offer()
    offer_file(actor=offer.filer, offer=offer, signatories=[offer.signatory], declarations=DECLARATIONS)
    sign_in(page, offer.filer.email)

    visit(page, f"/konkursy/oferty/{offer.pk}/wycofaj/", "grants-withdraw")
