"""Bad input in the browser: what was typed stays, and the errors are summarised at the top, in Polish."""

import pytest

from tests.e2e.support import check_accessibility, polish

pytestmark = pytest.mark.browser


def test_sign_up_with_mismatching_passwords_keeps_name_and_email_and_announces_a_polish_error_summary(page, db):
    page.goto("/konto/rejestracja/")
    page.locator("#id_full_name").fill("Zofia Wiśniewska")
    page.locator("#id_email").fill("zofia.wisniewska@example.org")
    page.locator("#id_password1").fill("Zielony-Rower-2026")
    page.locator("#id_password2").fill("Czerwony-Rower-2026")
    page.locator("#id_accept_privacy").check()
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()
    assert navigation.value.status == 200
    assert page.url.endswith("/konto/rejestracja/")
    assert page.evaluate("document.documentElement.lang") == "pl"

    # What the person typed is still there (but not the passwords).
    assert page.locator("#id_full_name").input_value() == "Zofia Wiśniewska"
    assert page.locator("#id_email").input_value() == "zofia.wisniewska@example.org"
    assert page.locator("#id_password2").input_value() == ""

    # The summary is an alert at the top of the form, has focus, and says in Polish what went wrong.
    summary = page.locator("main [data-error-summary]")
    assert summary.get_attribute("role") == "alert"
    assert summary.evaluate("e => e === document.activeElement"), "the error summary must receive focus"
    assert summary.bounding_box()["y"] < page.locator("#id_full_name").bounding_box()["y"]
    assert summary.locator("h2").inner_text() == polish("The form could not be saved. Please correct the following:")
    assert "Musisz wpisać za każdym razem to samo hasło." in summary.inner_text()
    assert summary.get_by_role("link").first.get_attribute("href") == "#id_password2"

    # The field itself is marked invalid and points at its error message.
    password2 = page.locator("#id_password2")
    assert password2.get_attribute("aria-invalid") == "true"
    assert "id_password2_error" in password2.get_attribute("aria-describedby")
    assert "Musisz wpisać za każdym razem to samo hasło." in page.locator("#id_password2_error").inner_text()
    check_accessibility(page, "sign-up-mismatching-passwords")


def test_signing_in_with_a_wrong_password_says_so_in_polish_and_keeps_the_email(page, resident):
    page.goto("/konto/logowanie/")
    page.locator("#id_login").fill(resident.email)
    page.locator("#id_password").fill("Not-The-Password-1")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url.endswith("/konto/logowanie/")
    assert page.locator("#id_login").input_value() == resident.email
    summary = page.locator("main [data-error-summary]")
    assert summary.get_attribute("role") == "alert"
    assert polish("The email address and/or password you specified are not correct.") in summary.inner_text()
    assert "niepoprawne" in summary.inner_text()
    check_accessibility(page, "login-wrong-password")
