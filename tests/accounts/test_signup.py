"""Creating an account: the form, the confirmation e-mail, the welcome, and one-time password-reset links."""

import re
import time
from unittest import mock

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from conftest import PASSWORD

from razem.accounts.models import User
from razem.core.models import LogEntry, Notification, OutboxEmail
from tests.core.helpers import in_polish, text_of

SIGNUP = "/konto/rejestracja/"
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/konto/potwierdz-email/[-:\w]+/)")
RESET_LINK = re.compile(r"https?://[^/\s]+(/konto/haslo/reset/klucz/[0-9A-Za-z]+-[^/\s]+/)")
ERROR_SUMMARY = "The form could not be saved. Please correct the following:"

NEW_PERSON = {
    "full_name": "Zofia Wiśniewska",
    "email": "zofia.wisniewska@example.org",
    "password1": "Wisla-Krakow-1906",
    "password2": "Wisla-Krakow-1906",
    "accept_privacy": "on",
}


def link_in(message, pattern: re.Pattern[str]) -> str:
    match = pattern.search(message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def signed_up(client, db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, NEW_PERSON)
    return response


def test_signing_up_sends_a_confirmation_email_and_waits_for_it(signed_up, mailoutbox):
    assert signed_up.status_code == 302
    assert signed_up["Location"] == "/konto/potwierdz-email/"
    user = User.objects.get(email="zofia.wisniewska@example.org")
    assert user.full_name == "Zofia Wiśniewska"
    assert user.role == User.Role.RESIDENT
    assert user.preferred_language == "pl"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["zofia.wisniewska@example.org"]
    assert message.subject.startswith("[Razem] ")
    assert CONFIRM_LINK.search(message.body)
    assert OutboxEmail.objects.get(to="zofia.wisniewska@example.org").status == OutboxEmail.Status.SENT
    assert LogEntry.objects.filter(action="accounts.user.signed_up", actor=user).exists()


def test_the_password_never_reaches_the_log_or_the_outbox(signed_up):
    assert NEW_PERSON["password1"] not in str(list(LogEntry.objects.values_list("data", flat=True)))
    assert not OutboxEmail.objects.filter(body_text__contains=NEW_PERSON["password1"]).exists()


def test_someone_who_signed_up_cannot_sign_in_before_confirming(signed_up, client):
    response = client.post("/konto/logowanie/", {"login": NEW_PERSON["email"], "password": NEW_PERSON["password1"]})

    assert client.session.get("_auth_user_id") is None
    assert response["Location"] == "/konto/potwierdz-email/"


def test_following_the_confirmation_link_confirms_signs_in_and_welcomes(
    signed_up, client, mailoutbox, django_capture_on_commit_callbacks
):
    path = link_in(mailoutbox[0], CONFIRM_LINK)
    page = client.get(path)
    assert page.status_code == 200
    assert NEW_PERSON["email"] in text_of(page)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)

    user = User.objects.get(email=NEW_PERSON["email"])
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(user.pk)
    assert EmailAddress.objects.get(user=user).verified
    welcome = Notification.objects.get(recipient=user, kind="welcome")
    assert welcome.url == "/konto/"
    assert "Zofia" in welcome.body
    assert [m.subject for m in mailoutbox][1] == f"[Razem] {welcome.title}"
    assert LogEntry.objects.filter(action="accounts.user.email_confirmed", actor=user).exists()


def test_the_welcome_is_sent_only_once(signed_up, client, mailoutbox, django_capture_on_commit_callbacks):
    path = link_in(mailoutbox[0], CONFIRM_LINK)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path)
        client.post(path)

    assert Notification.objects.filter(kind="welcome").count() == 1


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"full_name": ""}, "full_name", "To pole jest wymagane."),
        ({"accept_privacy": ""}, "accept_privacy", "To pole jest wymagane."),
        ({"password2": "Something-Else-2026"}, "password2", "Musisz wpisać za każdym razem to samo hasło."),
    ],
    ids=["missing name", "privacy not accepted", "passwords differ"],
)
def test_a_rejected_signup_keeps_what_was_typed_and_lists_the_errors(client, db, mailoutbox, change, field, error):
    data = {**NEW_PERSON, **change}

    response = client.post(SIGNUP, data)

    assert response.status_code == 200
    page = text_of(response)
    assert in_polish(ERROR_SUMMARY) in page
    assert f'href="#id_{field}"' in page
    assert error in page
    assert 'value="zofia.wisniewska@example.org"' in page
    if data["full_name"]:
        assert 'value="Zofia Wiśniewska"' in page
    assert NEW_PERSON["password1"] not in page
    assert not User.objects.filter(email=NEW_PERSON["email"]).exists()
    assert mailoutbox == []


def test_an_address_already_in_use_does_not_reveal_the_account(
    client, resident, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, {**NEW_PERSON, "email": resident.email})

    assert response.status_code == 302
    assert response["Location"] == "/konto/potwierdz-email/"
    assert User.objects.filter(email=resident.email).count() == 1
    assert [m.to for m in mailoutbox] == [[resident.email]]


INVALID_LINK = "Ten link potwierdzający e-mail wygasł lub jest nieprawidłowy."


def test_a_made_up_confirmation_link_explains_what_to_do(client, db):
    response = client.get("/konto/potwierdz-email/not-a-real-key/")

    assert response.status_code == 200
    page = text_of(response)
    assert INVALID_LINK in page
    assert 'href="/konto/adresy-email/"' in page
    assert "Traceback" not in page


def test_an_expired_confirmation_link_explains_what_to_do_and_confirms_nothing(client, db):
    user = User.objects.create_user(email="late@example.org", password=PASSWORD, full_name="Late Reader")
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    four_days_ago = time.time() - 4 * 24 * 3600
    with mock.patch("time.time", return_value=four_days_ago):
        key = EmailConfirmationHMAC(address).key

    shown = client.get(f"/konto/potwierdz-email/{key}/")
    posted = client.post(f"/konto/potwierdz-email/{key}/")

    assert shown.status_code == 200
    assert INVALID_LINK in text_of(shown)
    assert posted.status_code == 404
    assert in_polish("We cannot find this page") in text_of(posted)
    address.refresh_from_db()
    assert not address.verified
    assert client.session.get("_auth_user_id") is None


def test_a_fresh_confirmation_link_for_the_same_address_still_works(client, db):
    """The expired-link test above can fail: the same kind of key, made now, is accepted."""
    user = User.objects.create_user(email="prompt@example.org", password=PASSWORD, full_name="Prompt Reader")
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)

    client.post(f"/konto/potwierdz-email/{EmailConfirmationHMAC(address).key}/")

    address.refresh_from_db()
    assert address.verified


def test_a_password_reset_link_works_once(client, resident, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/haslo/reset/", {"email": resident.email})
    path = link_in(mailoutbox[-1], RESET_LINK)

    form = client.get(path, follow=True)
    assert "Nieprawidłowy klucz" not in text_of(form)
    with django_capture_on_commit_callbacks(execute=True):
        changed = client.post(
            form.redirect_chain[-1][0] if form.redirect_chain else path,
            {"password1": "Nowe-Haslo-2026!", "password2": "Nowe-Haslo-2026!"},
        )
    assert changed.status_code == 302
    resident.refresh_from_db()
    assert resident.check_password("Nowe-Haslo-2026!")

    again = client.get(path, follow=True)

    page = text_of(again)
    assert "Nieprawidłowy klucz" in page
    assert "Link do resetowania hasła był nieprawidłowy" in page
    resident.refresh_from_db()
    assert resident.check_password("Nowe-Haslo-2026!")
    assert not resident.check_password(PASSWORD)
