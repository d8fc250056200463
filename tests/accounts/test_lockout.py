"""Failed sign-ins lock the address that fails, not the account for everybody (razem.accounts.lockout)."""

import pytest
from conftest import PASSWORD
from django.test import Client, override_settings

from razem.core.models import LogEntry
from tests.accounts.test_login import LOGIN, SECOND_STEP, current_code, signed_in_user_id
from tests.core.helpers import text_of

ADDRESS_A = "198.51.100.10"
ADDRESS_B = "203.0.113.20"
# allauth's message, translated by allauth's own Polish catalogue.
LOCKED_PL = "Zbyt wiele nieudanych prób logowania. Spróbuj ponownie później."


def client_at(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def fail_password(client: Client, email: str, times: int = 5) -> None:
    for _ in range(times):
        response = client.post(LOGIN, {"login": email, "password": "wrong-password"})
        assert "Podany adres e-mail i/lub hasło są niepoprawne." in text_of(response)


def wrong_code() -> str:
    return f"{(int(current_code(valid_for=5)) + 1) % 1_000_000:06}"


def test_five_wrong_passwords_lock_that_address_out_of_the_account_with_a_polish_message(db, officer):
    attacker = client_at(ADDRESS_A)
    fail_password(attacker, officer.email)

    response = attacker.post(LOGIN, {"login": officer.email, "password": PASSWORD})

    assert response.status_code == 200
    assert LOCKED_PL in text_of(response)
    assert signed_in_user_id(attacker) is None


def test_the_owner_signs_in_from_another_address_while_the_failing_one_is_locked(db, officer):
    fail_password(client_at(ADDRESS_A), officer.email)
    owner = client_at(ADDRESS_B)

    response = owner.post(LOGIN, {"login": officer.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == SECOND_STEP  # the password was accepted; the second step follows
    done = owner.post(SECOND_STEP, {"code": current_code()})
    assert done.status_code == 302
    assert signed_in_user_id(owner) == str(officer.pk)


def test_the_locked_address_can_still_sign_in_to_another_account(db, officer, resident):
    attacker = client_at(ADDRESS_A)
    fail_password(attacker, officer.email)

    response = attacker.post(LOGIN, {"login": resident.email, "password": PASSWORD})

    assert response.status_code == 302
    assert signed_in_user_id(attacker) == str(resident.pk)


def test_a_lockout_is_audited_once_with_the_account_and_address_but_no_password(db, officer):
    attacker = client_at(ADDRESS_A)
    fail_password(attacker, officer.email)
    for _ in range(3):
        attacker.post(LOGIN, {"login": officer.email, "password": "still-wrong-password"})

    entry = LogEntry.objects.get(action="accounts.user.login_locked")
    assert entry.object_id == str(officer.pk)
    assert entry.ip_address == ADDRESS_A
    assert entry.data == {"limit": "address_and_account", "step": "password"}
    assert "wrong-password" not in str(entry.data)


def test_the_lockout_of_an_unknown_email_is_audited_by_a_hash_of_the_email(db):
    attacker = client_at(ADDRESS_A)
    fail_password(attacker, "nobody@example.org")
    attacker.post(LOGIN, {"login": "nobody@example.org", "password": "wrong-password"})

    entry = LogEntry.objects.get(action="accounts.user.login_locked")
    assert entry.object_id == ""
    assert "nobody@example.org" not in str(entry.data)
    assert len(entry.data["email_hash"]) == 32


def test_a_right_password_does_not_count_towards_the_lockout(db, resident):
    client = client_at(ADDRESS_A)
    for _ in range(4):
        client.post(LOGIN, {"login": resident.email, "password": "wrong-password"})
    for _ in range(3):
        assert client.post(LOGIN, {"login": resident.email, "password": PASSWORD}).status_code == 302
        client.post("/konto/wylogowanie/")

    fail_password(client, resident.email, times=1)
    assert LOCKED_PL in text_of(client.post(LOGIN, {"login": resident.email, "password": PASSWORD}))


@override_settings(
    ACCOUNT_RATE_LIMITS={
        "login_failed": "10/m/ip,100/h/ip",
        "login_failed_pair": "5/300s/key",
        "login_failed_account": "8/h/key",
    }
)
def test_failures_from_many_addresses_reach_the_ceiling_of_the_account(db, resident):
    for number in range(4):
        fail_password(client_at(f"192.0.2.{number + 1}"), resident.email, times=2)  # 8 failures in all

    response = client_at(ADDRESS_B).post(LOGIN, {"login": resident.email, "password": PASSWORD})

    assert LOCKED_PL in text_of(response)
    entry = LogEntry.objects.get(action="accounts.user.login_locked")
    assert entry.data == {"limit": "account", "step": "password"}


def test_five_wrong_second_factor_codes_lock_that_address_only(db, officer):
    attacker = client_at(ADDRESS_A)
    assert attacker.post(LOGIN, {"login": officer.email, "password": PASSWORD})["Location"] == SECOND_STEP
    code = wrong_code()
    for _ in range(5):
        assert "Nieprawidłowy kod." in text_of(attacker.post(SECOND_STEP, {"code": code}))

    locked = attacker.post(SECOND_STEP, {"code": current_code()})

    assert LOCKED_PL in text_of(locked)
    assert signed_in_user_id(attacker) is None
    entry = LogEntry.objects.get(action="accounts.user.login_locked")
    assert entry.data == {"limit": "address_and_account", "step": "second_factor"}
    assert entry.object_id == str(officer.pk)

    owner = client_at(ADDRESS_B)
    assert owner.post(LOGIN, {"login": officer.email, "password": PASSWORD})["Location"] == SECOND_STEP
    assert owner.post(SECOND_STEP, {"code": current_code()}).status_code == 302
    assert signed_in_user_id(owner) == str(officer.pk)


@pytest.mark.parametrize("english", [False, True])
def test_the_locked_visitor_is_told_in_their_language(db, resident, english):
    client = client_at(ADDRESS_A)
    if english:
        client.cookies["django_language"] = "en"
    for _ in range(5):
        client.post(LOGIN, {"login": resident.email, "password": "wrong-password"})

    text = text_of(client.post(LOGIN, {"login": resident.email, "password": PASSWORD}))

    assert ("Too many failed login attempts. Try again later." if english else LOCKED_PL) in text


def test_confirming_identity_with_the_second_factor_counts_the_same_way(db, officer):
    client = client_at(ADDRESS_A)
    client.force_login(officer)
    reauthenticate = "/konto/dwa-etapy/potwierdz/"
    code = wrong_code()
    for _ in range(5):
        assert "Nieprawidłowy kod." in text_of(client.post(reauthenticate, {"code": code}))

    assert LOCKED_PL in text_of(client.post(reauthenticate, {"code": current_code()}))

    other = client_at(ADDRESS_B)
    other.force_login(officer)
    assert other.post(reauthenticate, {"code": current_code()}).status_code == 302
