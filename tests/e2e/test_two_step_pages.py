"""The second-factor pages speak in the site's voice (docs/polish.md, 5): the informal "ty" form, the same terms as
the rest of Razem, no allauth wording left, and "poniżej" only where the thing is below; axe at 1280 and 390 px.

The Polish assertions use ``polish()``: they hold once the catalogue with these messages is compiled.
"""

import pytest
from conftest import PASSWORD, make_person
from django.core.cache import cache

from razem.accounts.models import User
from tests.e2e.support import check_accessibility, current_totp_code, polish, submit

# allauth's own Polish, in another voice or with other terms; none of it may reach these pages.
NOT_OUR_VOICE = ("Proszę", "dwuskładnik", "Aktywuj", "Dezaktywuj", "Wprowadż", "dokonaj ponownego uwierzytelnienia")
SIZES = {"laptop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def assert_our_voice(page, heading: str) -> None:
    assert page.locator("main h1").inner_text().strip() == heading
    text = page.locator("main").inner_text()
    for phrase in NOT_OUR_VOICE:
        assert phrase not in text, f"{phrase!r} on {page.url}"


@pytest.mark.parametrize("size", SIZES)
def test_enrolling_and_signing_in_with_the_second_step_reads_as_razem(page, db, size):
    page.set_viewport_size(SIZES[size])
    newcomer = make_person("teresa.nowa@krakow.example", User.Role.OFFICER, full_name="Teresa Nowa")

    page.goto("/konto/logowanie/")
    page.locator("#id_login").fill(newcomer.email)
    page.locator("#id_password").fill(PASSWORD)
    submit(page)
    assert "/konto/potwierdz-tozsamosc/" in page.url
    assert_our_voice(page, polish("Confirm it is you"))
    check_accessibility(page, f"two-step-reauthenticate-{size}")
    page.locator("#id_password").fill(PASSWORD)
    submit(page)

    page.wait_for_url("**/konto/dwa-etapy/aplikacja/wlacz/")
    assert_our_voice(page, polish("Turn on two-step login"))
    # The instructions say the QR code is below them, the key under the code, and the code field after: it is so.
    instructions = page.locator("main p").first.bounding_box()
    qr = page.locator("main form img").bounding_box()
    key = page.locator("#authenticator_secret").bounding_box()
    field = page.locator("#id_code").bounding_box()
    assert instructions["y"] < qr["y"] < key["y"] < field["y"]
    assert page.locator("main form img").get_attribute("alt") == polish("QR code to scan with the authenticator app")
    check_accessibility(page, f"two-step-enrol-{size}")

    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(current_totp_code(secret))
    submit(page)
    assert page.url.endswith("/konto/dwa-etapy/kody-zapasowe/")
    assert_our_voice(page, polish("Recovery Codes"))
    codes = page.locator("#recovery_codes").input_value().split()
    left = polish("Recovery codes left: %(unused)s of %(total)s.") % {"unused": len(codes), "total": len(codes)}
    assert left in page.locator("main").inner_text()
    check_accessibility(page, f"two-step-recovery-codes-{size}")

    page.goto("/konto/dwa-etapy/")
    assert_our_voice(page, polish("Two-Factor Authentication"))
    assert page.get_by_role("link", name=polish("Turn off the authenticator app")).is_visible()
    assert page.get_by_role("link", name=polish("Create new codes")).is_visible()
    check_accessibility(page, f"two-step-settings-{size}")

    # Signing in again asks for the second step in the same words.
    with page.expect_navigation():
        page.goto("/konto/wylogowanie/")
        page.locator("main form button[type=submit]").first.click()
    page.goto("/konto/logowanie/")
    page.locator("#id_login").fill(newcomer.email)
    page.locator("#id_password").fill(PASSWORD)
    submit(page)
    page.wait_for_url("**/konto/dwa-etapy/weryfikacja/")
    assert_our_voice(page, polish("Second step of signing in"))
    assert page.get_by_role("button", name=polish("Cancel signing in")).is_visible()
    check_accessibility(page, f"two-step-code-{size}")

    page.locator("#id_code").fill("000000")
    submit(page)
    assert page.locator("#id_code").get_attribute("aria-invalid") == "true"
    assert polish("Incorrect code.") in page.locator("main").inner_text()
    check_accessibility(page, f"two-step-code-error-{size}")

    cache.clear()  # allauth refuses a code it has seen in the last 30 s
    page.locator("#id_code").fill(codes[0])  # a recovery code works in the same field, as the page says
    submit(page)
    assert "/weryfikacja/" not in page.url and "/logowanie/" not in page.url
