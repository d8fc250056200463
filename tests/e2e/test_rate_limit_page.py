"""The page a person sees after sending a form too often (HTTP 429) passes axe and says when to come back."""

import pytest

from tests.e2e.support import check_accessibility, polish, submit

pytestmark = pytest.mark.browser


def test_the_too_many_requests_page_passes_axe(page, db, settings):
    settings.RAZEM_THROTTLE_RATES = {**settings.RAZEM_THROTTLE_RATES, "accounts.password_reset": "1/h"}
    for _ in range(2):
        page.goto("/konto/haslo/reset/")
        page.locator("#id_email").fill("nobody@example.org")
        submit(page)

    assert polish("Please wait a moment before trying again") in page.locator("h1").inner_text()
    check_accessibility(page, "error-429")
