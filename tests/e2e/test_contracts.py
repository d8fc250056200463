"""Contracts in Chromium: the officer (signed in with a TOTP code) reads the list, prepares a contract from an awarded
offer (a bad bank account is refused on its field, what was typed stays), records its signing, prepares an annex;
then the oferent reads the contract with its annex. axe finds nothing on any of these pages."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.contracts.factories import ACCOUNT, BAD_ACCOUNT, awarded, signed
from tests.e2e.support import check_accessibility, polish, sign_in, visit

pytestmark = pytest.mark.browser


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(f"{selector} button[type=submit]").first.click()


def test_the_office_prepares_signs_and_annexes_a_contract_and_the_oferent_reads_it(page, officer, media_root):
    offer = awarded(name="Fundacja Wiosna", title="Cyfrowi seniorzy")
    signed(awarded(name="Klub Seniora"), officer)
    today = timezone.localdate()
    sign_in(page, officer.email, totp=True)

    visit(page, "/panel/umowy/", "contracts-staff-list")
    expect(page.locator("main table tbody tr")).to_have_count(1)
    expect(page.locator("main")).to_contain_text("Klub Seniora")

    visit(page, f"/panel/umowy/nowa/{offer.pk}/", "contracts-staff-prepare")
    expect(page.locator("#id_number")).to_have_value(f"DOT/{today.year}/002")
    page.locator("#id_city_signatories").fill("Jan Urzędnik, Dyrektor Wydziału")
    page.locator("#id_bank_account").fill(BAD_ACCOUNT)
    page.locator(f"#id_due_{today.year}").fill(today.isoformat())
    _submit(page, "#contract-form")
    check_accessibility(page, "contracts-staff-prepare-refused")
    expect(page.locator("#id_bank_account_error")).to_contain_text(
        polish("This bank account number is not valid: its check digits do not match. Check for a typo.")
    )
    expect(page.locator("#id_city_signatories")).to_have_value("Jan Urzędnik, Dyrektor Wydziału")
    page.locator("#id_bank_account").fill(ACCOUNT)
    _submit(page, "#contract-form")
    check_accessibility(page, "contracts-staff-detail-draft")
    expect(page.locator("#contract-number")).to_contain_text(f"DOT/{today.year}/002")
    contract_url = page.url

    with page.expect_navigation():
        page.get_by_role("link", name=polish("Record the signing")).click()
    check_accessibility(page, "contracts-staff-sign")
    page.locator("#id_signed_on").fill(today.isoformat())
    _submit(page, "#sign-form")
    check_accessibility(page, "contracts-staff-detail-signed")
    expect(page.locator("#contract-status")).to_contain_text(polish("Signed"))

    with page.expect_navigation():
        page.get_by_role("link", name=polish("Prepare an annex")).click()
    check_accessibility(page, "contracts-staff-annex-form")
    page.locator("#id_reason").fill("Zajęcia kończą się wcześniej.")
    end = offer.end_date.replace(day=1)
    page.locator("#id_end_date").fill(end.isoformat())
    _submit(page, "#annex-form")
    check_accessibility(page, "contracts-staff-annex")
    expect(page.locator("#annex-changes")).to_contain_text(end.strftime("%d.%m.%Y"))
    with page.expect_navigation():
        page.get_by_role("link", name=polish("Record the signing")).click()
    page.locator("#id_signed_on").fill(today.isoformat())
    _submit(page, "#sign-form")
    visit(page, contract_url, "contracts-staff-detail-annexed")
    expect(page.locator("#annexes tbody tr")).to_have_count(1)

    page.context.clear_cookies()
    sign_in(page, offer.filer.email)
    contract_id = contract_url.rstrip("/").split("/")[-1]
    visit(page, f"/umowy/{contract_id}/", "contracts-oferent-detail")
    expect(page.locator("main h1")).to_contain_text(f"DOT/{today.year}/002")
    expect(page.locator("#annexes")).to_contain_text("Zajęcia kończą się wcześniej.")
    expect(page.locator("#contract-dates")).to_be_visible()


def test_the_office_sees_why_a_contract_cannot_be_prepared_yet(page, officer):
    offer = awarded(decided=False)
    sign_in(page, officer.email, totp=True)
    visit(page, f"/panel/umowy/nowa/{offer.pk}/", "contracts-staff-prepare-too-early", status=403)
    expect(page.locator("#refusal")).to_contain_text(
        polish("The grant has not been decided yet; the contract is prepared after the decision.")
    )
