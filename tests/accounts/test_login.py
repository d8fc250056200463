"""Signing in: e-mail and password, the second step for city staff, throttling of wrong passwords."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from conftest import PASSWORD, TOTP_SECRET, make_person

from razem.accounts.models import User
from razem.core.models import LogEntry
from tests.core.helpers import in_polish, text_of

LOGIN = "/konto/logowanie/"
SECOND_STEP = "/konto/dwa-etapy/weryfikacja/"
TOTP_ACTIVATION = "/konto/dwa-etapy/aplikacja/wlacz/"


def current_code(secret: str = TOTP_SECRET, *, valid_for: float = 2) -> str:
    """The code an authenticator app shows now; waits for the next period if this one is about to end."""
    if 30 - time.time() % 30 < valid_for:
        time.sleep(valid_for)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def test_a_resident_signs_in_with_email_and_password(client, resident):
    response = client.post(LOGIN, {"login": "Maria.Kowalska@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    assert signed_in_user_id(client) == str(resident.pk)
    assert LogEntry.objects.filter(action="accounts.user.logged_in", actor=resident).exists()


def test_a_wrong_password_is_refused_with_a_polish_message(client, resident):
    response = client.post(LOGIN, {"login": resident.email, "password": "not-my-password"})

    assert response.status_code == 200
    assert "Podany adres e-mail i/lub hasło są niepoprawne." in text_of(response)
    assert signed_in_user_id(client) is None
    failed = LogEntry.objects.get(action="accounts.user.login_failed")
    assert failed.data == {"user_id": resident.pk}
    assert "not-my-password" not in str(failed.data) and resident.email not in str(failed.data)


def test_a_failed_sign_in_with_an_unknown_email_keeps_only_its_keyed_hash(client, db):
    client.post(LOGIN, {"login": "someone.else@example.org", "password": "guess"})

    failed = LogEntry.objects.get(action="accounts.user.login_failed")
    assert failed.data["user_id"] is None and len(failed.data["email_hash"]) >= 16
    assert "someone.else" not in str(failed.data)


def test_an_officer_with_a_second_factor_stops_at_the_code_page_after_the_password(client, officer):
    response = client.post(LOGIN, {"login": officer.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == SECOND_STEP
    assert signed_in_user_id(client) is None
    assert client.get("/panel/")["Location"].startswith(LOGIN)


def test_a_wrong_second_factor_code_is_refused(client, officer):
    client.post(LOGIN, {"login": officer.email, "password": PASSWORD})
    wrong = f"{(int(current_code()) + 1) % 1_000_000:06}"

    response = client.post(SECOND_STEP, {"code": wrong})

    assert response.status_code == 200
    assert "Nieprawidłowy kod." in text_of(response)
    assert signed_in_user_id(client) is None


def test_the_correct_second_factor_code_completes_the_sign_in_even_after_a_mistyped_one(client, officer):
    client.post(LOGIN, {"login": officer.email, "password": PASSWORD})
    mistyped = client.post(SECOND_STEP, {"code": "000000" if current_code() != "000000" else "111111"})
    assert mistyped.status_code == 200

    response = client.post(SECOND_STEP, {"code": current_code()})

    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    assert signed_in_user_id(client) == str(officer.pk)
    assert client.get("/panel/").status_code == 200


def test_a_second_factor_code_cannot_be_used_twice(client, officer):
    code = current_code(valid_for=5)
    client.post(LOGIN, {"login": officer.email, "password": PASSWORD})
    assert client.post(SECOND_STEP, {"code": code}).status_code == 302
    client.post("/konto/wylogowanie/")
    client.post(LOGIN, {"login": officer.email, "password": PASSWORD})

    response = client.post(SECOND_STEP, {"code": code})

    assert response.status_code == 200
    assert "Nieprawidłowy kod." in text_of(response)
    assert signed_in_user_id(client) is None


@pytest.fixture
def officer_without_second_factor(db) -> User:
    return make_person("nowy.urzednik@krakow.example", User.Role.OFFICER, full_name="Nowy Urzędnik")


@pytest.mark.parametrize("url", ["/", "/konto/", "/konto/profil/", "/panel/", "/powiadomienia/"])
def test_an_officer_without_a_second_factor_is_sent_to_set_one_up(client, officer_without_second_factor, url):
    client.force_login(officer_without_second_factor)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == TOTP_ACTIVATION


def test_the_officer_is_told_why_a_second_factor_is_needed(client, officer_without_second_factor):
    client.force_login(officer_without_second_factor)

    response = client.get("/panel/", follow=True)

    assert response.redirect_chain[0] == (TOTP_ACTIVATION, 302)
    assert in_polish(
        "City staff accounts must use a second factor. Set up an authenticator app to continue."
    ) in text_of(response)


def test_an_officer_without_a_second_factor_can_still_sign_out(client, officer_without_second_factor):
    client.force_login(officer_without_second_factor)

    response = client.post("/konto/wylogowanie/")

    assert response.status_code == 302
    assert response["Location"] != TOTP_ACTIVATION
    assert signed_in_user_id(client) is None


def test_an_administrator_without_a_second_factor_is_sent_to_set_one_up(client, db):
    admin = make_person("nowa.admin@krakow.example", User.Role.ADMINISTRATOR)
    client.force_login(admin)

    assert client.get("/admin/")["Location"] == TOTP_ACTIVATION


def test_a_resident_needs_no_second_factor(resident_client):
    response = resident_client.get("/konto/")

    assert response.status_code == 200


def test_repeated_wrong_passwords_lock_the_login_for_a_while(client, resident):
    for _ in range(5):
        refused = client.post(LOGIN, {"login": resident.email, "password": "wrong-password"})
        assert "Podany adres e-mail i/lub hasło są niepoprawne." in text_of(refused)

    response = client.post(LOGIN, {"login": resident.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "Zbyt wiele nieudanych prób logowania. Spróbuj ponownie później." in text_of(response)
    assert signed_in_user_id(client) is None


def test_the_lock_is_per_account_so_others_can_still_sign_in(client, resident, other_resident):
    for _ in range(6):
        client.post(LOGIN, {"login": resident.email, "password": "wrong-password"})

    response = client.post(LOGIN, {"login": other_resident.email, "password": PASSWORD})

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(other_resident.pk)


def test_the_throttling_message_is_in_english_for_an_english_visitor(client, resident):
    client.cookies["django_language"] = "en"
    for _ in range(5):
        client.post(LOGIN, {"login": resident.email, "password": "wrong-password"})

    response = client.post(LOGIN, {"login": resident.email, "password": "wrong-password"})

    assert "Too many failed login attempts. Try again later." in text_of(response)
