"""Every page of Razem, opened in Chromium as the person who would see it, passes axe (WCAG 2.1 A and AA).

Each page is also saved as a screenshot in test-results/screenshots/.
"""

import re
from urllib.parse import urlparse

import pytest
from conftest import PASSWORD, make_person
from django.core import mail

from razem.accounts.models import User
from razem.core.models import LogEntry
from razem.core.notifications import notify
from tests.e2e.support import (
    check_accessibility,
    current_totp_code,
    polish,
    sign_in,
    submit,
    visit,
    wait_for_mail,
)

pytestmark = pytest.mark.browser


def test_every_public_page_passes_axe_for_an_anonymous_visitor(page, context, db):
    visit(page, "/", "home")
    assert page.evaluate("document.documentElement.lang") == "pl"
    visit(page, "/konto/rejestracja/", "sign-up")
    visit(page, "/konto/logowanie/", "login")
    visit(page, "/konto/haslo/reset/", "password-reset")
    page.locator("#id_email").fill("nobody@example.org")
    submit(page)
    assert page.url.endswith("/konto/haslo/reset/wyslano/")
    check_accessibility(page, "password-reset-sent")
    visit(page, "/kontakt/", "contact")
    visit(page, "/deklaracja-dostepnosci/", "accessibility-statement")
    visit(page, "/ochrona-danych/", "privacy-notice")
    visit(page, "/nie-ma-takiej-strony/", "error-404", status=404)
    visit(page, "/bledy/400/", "error-400", status=400)
    visit(page, "/bledy/500/", "error-500", status=500)
    visit(page, "/konto/nieaktywne/", "account-inactive")


def test_the_pages_between_sign_up_and_the_first_sign_in_pass_axe(page, db):
    page.goto("/konto/rejestracja/")
    page.locator("#id_full_name").fill("Piotr Lis")
    page.locator("#id_email").fill("piotr.lis@example.org")
    page.locator("#id_password1").fill("Zielony-Rower-2026")
    page.locator("#id_password2").fill("Zielony-Rower-2026")
    page.locator("#id_accept_privacy").check()
    submit(page)
    assert page.url.endswith("/konto/potwierdz-email/")
    check_accessibility(page, "verification-sent")

    link = re.search(r"https?://\S+/konto/potwierdz-email/[^\s/]+/", wait_for_mail(1)[0].body)
    assert link, mail.outbox[0].body
    visit(page, urlparse(link.group()).path, "confirm-email")
    submit(page)
    assert page.url.endswith("/konto/")
    check_accessibility(page, "account-dashboard-after-confirmation")
    visit(page, "/konto/potwierdz-email/nieznany-klucz/", "confirm-email-unknown-key")


def test_the_password_reset_pages_reached_from_the_e_mail_pass_axe(page, resident):
    page.goto("/konto/haslo/reset/")
    page.locator("#id_email").fill(resident.email)
    submit(page)
    link = re.search(r"https?://\S+/konto/haslo/reset/klucz/\S+/", wait_for_mail(1)[0].body)
    assert link, mail.outbox[0].body
    page.goto(urlparse(link.group()).path)
    assert "/konto/haslo/reset/klucz/" in page.url
    check_accessibility(page, "password-reset-new-password")
    page.locator("#id_password1").fill("Nowe-Haslo-Rower-2026")
    page.locator("#id_password2").fill("Inne-Haslo-Rower-2026")
    submit(page)
    assert page.locator("[data-error-summary]").is_visible()
    check_accessibility(page, "password-reset-new-password-errors")
    page.locator("#id_password1").fill("Nowe-Haslo-Rower-2026")
    page.locator("#id_password2").fill("Nowe-Haslo-Rower-2026")
    submit(page)
    assert page.url.endswith("/konto/haslo/reset/gotowe/")
    check_accessibility(page, "password-reset-done")


def test_a_form_sent_without_its_csrf_cookie_shows_an_accessible_explanation(page, context, resident):
    page.goto("/konto/logowanie/")
    context.clear_cookies(name="csrftoken")
    page.locator("#id_login").fill(resident.email)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()
    assert navigation.value.status == 403
    assert page.locator("h1").inner_text() == polish("The form has expired or was not sent from this site")
    check_accessibility(page, "error-403-csrf")


def test_every_page_of_a_residents_account_passes_axe(page, resident):
    notify(recipient=resident, kind="welcome")
    sign_in(page, resident.email)

    visit(page, "/konto/", "account-dashboard")
    visit(page, "/konto/profil/", "profile")
    page.locator("#id_phone").fill("abc")
    submit(page)
    assert page.locator("#id_phone").get_attribute("aria-invalid") == "true"
    assert page.locator("[data-error-summary]").is_visible()
    check_accessibility(page, "profile-invalid-phone")

    visit(page, "/konto/moje-dane/", "data-export")
    visit(page, "/konto/usun-konto/", "delete-account")
    page.locator("#id_password").fill("not-my-password")
    submit(page)
    assert page.locator("[data-error-summary]").is_visible()
    check_accessibility(page, "delete-account-errors")

    visit(page, "/powiadomienia/", "notifications")
    assert page.locator("main .list-group-item").count() == 1
    visit(page, "/konto/haslo/zmiana/", "password-change")
    visit(page, "/konto/adresy-email/", "email-addresses")
    visit(page, "/konto/dwa-etapy/", "two-step-index")
    visit(page, "/panel/", "error-403", status=403)
    visit(page, "/konto/wylogowanie/", "sign-out-confirmation")


def test_every_office_panel_page_passes_axe_for_an_officer(page, officer, resident):
    notify(recipient=resident, kind="welcome")  # something for the outbox and the audit log to show
    sign_in(page, officer.email, totp=True, code_page="two-step-code")

    visit(page, "/konto/dwa-etapy/", "two-step-index-with-authenticator")
    visit(page, "/panel/", "panel")
    visit(page, "/panel/dziennik-zdarzen/", "audit-log")
    assert LogEntry.objects.exists()
    assert page.locator("main tbody tr").count() == min(LogEntry.objects.count(), 50)  # 50 a page

    page.locator("#id_action").fill("core.notification")
    submit(page)
    assert "action=core.notification" in page.url
    matching = LogEntry.objects.filter(action__startswith="core.notification").count()
    assert matching and page.locator("main tbody tr").count() == min(matching, 50)
    check_accessibility(page, "audit-log-filtered")

    page.locator("#id_date_from").fill("2026-02-01")
    page.locator("#id_date_to").fill("2026-01-01")
    submit(page)
    assert page.locator("#id_date_to").get_attribute("aria-invalid") == "true"
    check_accessibility(page, "audit-log-filter-errors")

    visit(page, "/panel/poczta/", "outbox")
    assert page.locator("main tbody").get_by_text(resident.email).count() >= 1
    page.locator("#outbox-status").select_option("sent")
    submit(page)
    assert "status=sent" in page.url
    check_accessibility(page, "outbox-filtered")


def test_the_office_panel_passes_axe_for_an_administrator(page, administrator):
    sign_in(page, administrator.email, totp=True)
    visit(page, "/konto/", "administrator-dashboard")
    visit(page, "/panel/", "administrator-panel")
    visit(page, "/panel/dziennik-zdarzen/", "administrator-audit-log")
    assert page.locator("main tbody").get_by_text(administrator.full_name).count() >= 1


def test_an_officer_without_two_step_login_is_sent_to_an_accessible_enrolment_page(page, db):
    newcomer = make_person("tomasz.nowy@krakow.example", User.Role.OFFICER, full_name="Tomasz Nowy", totp=False)
    sign_in(page, newcomer.email)
    # allauth asks for the password once more before a second factor is added, even right after signing in.
    assert "/konto/potwierdz-tozsamosc/" in page.url
    check_accessibility(page, "reauthenticate")
    page.locator("#id_password").fill(PASSWORD)
    submit(page)
    page.wait_for_url("**/konto/dwa-etapy/aplikacja/wlacz/")
    check_accessibility(page, "two-step-enrolment")

    page.goto("/panel/")
    assert page.url.endswith("/konto/dwa-etapy/aplikacja/wlacz/"), "the panel must wait until the officer enrols"

    page.locator("#id_code").fill("000000")
    submit(page)
    assert page.locator("#id_code").get_attribute("aria-invalid") == "true"
    check_accessibility(page, "two-step-enrolment-errors")

    # Enrol for real, with the secret the page shows, as an authenticator app would.
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(current_totp_code(secret))
    submit(page)
    assert page.url.endswith("/konto/dwa-etapy/kody-zapasowe/"), "after enrolment allauth shows the recovery codes"
    check_accessibility(page, "two-step-recovery-codes")
    visit(page, "/panel/", "panel-after-enrolment")


def test_the_home_page_in_english_passes_axe_and_declares_its_language(page, db):
    page.goto("/")
    assert page.evaluate("document.documentElement.lang") == "pl"
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert urlparse(page.url).path == "/"
    check_accessibility(page, "home-en")
    visit(page, "/konto/rejestracja/", "sign-up-en")
    assert page.evaluate("document.documentElement.lang") == "en"
