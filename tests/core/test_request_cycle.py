"""The part of every request that is not the page's own: middleware, session, user, the menu, the notification
counter, the staff second-factor check. Its queries are pinned so that a regression shows (issue 13, "The request
cycle is lean"); the page's own queries are pinned by its app's tests."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_removed
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from conftest import PASSWORD, TOTP_SECRET
from django.conf import settings
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

from razem.accounts import middleware as accounts_middleware
from razem.core.models import Notification

# A page whose content asks nothing of the database: what it costs is the shell alone.
PLAIN_PAGE = "/deklaracja-dostepnosci/"

ANONYMOUS_SHELL_QUERIES = 0  # no session cookie, no user: nothing
SIGNED_IN_SHELL_QUERIES = 3  # the session, the user, the unread-notification counter
# The account page: the shell, the roles (one query per app that registers them: organizations, bodies,
# commissions) and the five latest notifications.
DASHBOARD_QUERIES = SIGNED_IN_SHELL_QUERIES + 3 + 1


def test_templates_are_compiled_once_per_process():
    loaders = engines["django"].engine.loaders  # type: ignore[attr-defined]
    assert loaders[0][0] == "django.template.loaders.cached.Loader"
    assert "APP_DIRS" not in settings.TEMPLATES[0]


@pytest.mark.django_db
def test_an_anonymous_page_costs_no_query_for_its_shell(client, django_assert_num_queries):
    with django_assert_num_queries(ANONYMOUS_SHELL_QUERIES):
        response = client.get(PLAIN_PAGE)
    assert response.status_code == 200
    assert reverse("account_login") in response.content.decode()


def test_a_signed_in_page_costs_three_queries_for_its_shell(resident, client, django_assert_num_queries):
    Notification.objects.create(recipient=resident, kind="test", title="Nowe zebranie")
    client.force_login(resident)
    with django_assert_num_queries(SIGNED_IN_SHELL_QUERIES):
        response = client.get(PLAIN_PAGE)
    content = response.content.decode()
    assert reverse("core:notifications") in content
    assert '<span class="badge text-bg-warning">1<' in content


def test_the_account_page_takes_a_pinned_number_of_queries(resident, client, django_assert_num_queries):
    client.force_login(resident)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200


def sign_in(client, person) -> None:  # type: ignore[no-untyped-def]
    """The way an officer signs in: the password, then the code of the authenticator app."""
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    if 30 - time.time() % 30 < 2:  # the code is about to change: wait for the next one
        time.sleep(2)
    code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.session["_auth_user_id"] == str(person.pk)


def test_an_officer_pays_for_the_second_factor_check_at_the_sign_in_only(officer, client, django_assert_num_queries):
    sign_in(client, officer)
    with django_assert_num_queries(SIGNED_IN_SHELL_QUERIES):
        assert client.get(PLAIN_PAGE).status_code == 200
    with django_assert_num_queries(DASHBOARD_QUERIES):
        assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_the_second_factor_is_checked_again_after_a_few_minutes(officer, client, monkeypatch):
    sign_in(client, officer)
    later = accounts_middleware._now() + accounts_middleware.SECOND_FACTOR_RECHECK_SECONDS
    monkeypatch.setattr(accounts_middleware, "_now", lambda: later)
    assert client.get(PLAIN_PAGE).status_code == 200  # asks again, and remembers the new answer
    assert client.session[accounts_middleware.SECOND_FACTOR_SESSION_KEY] == [officer.pk, later]


def test_an_officer_whose_app_was_removed_elsewhere_is_stopped_within_minutes(officer, client, monkeypatch):
    sign_in(client, officer)
    assert client.get(PLAIN_PAGE).status_code == 200
    Authenticator.objects.filter(user=officer).delete()  # e.g. an administrator reset it
    later = accounts_middleware._now() + accounts_middleware.SECOND_FACTOR_RECHECK_SECONDS
    monkeypatch.setattr(accounts_middleware, "_now", lambda: later)
    response = client.get(PLAIN_PAGE)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_turning_the_app_off_is_enforced_on_the_next_request(officer, client):
    sign_in(client, officer)
    assert client.get(PLAIN_PAGE).status_code == 200
    authenticator = Authenticator.objects.get(user=officer, type=Authenticator.Type.TOTP)
    # What allauth's deactivation does, in a request of this session.
    request = RequestFactory().post(reverse("mfa_deactivate_totp"))
    request.session = client.session
    request.user = officer
    authenticator.delete()
    authenticator_removed.send(sender=Authenticator, request=request, user=officer, authenticator=authenticator)
    request.session.save()
    response = client.get(PLAIN_PAGE)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_remembered_second_factor_belongs_to_one_account(officer, administrator, client):
    sign_in(client, officer)
    remembered = client.session[accounts_middleware.SECOND_FACTOR_SESSION_KEY]
    assert remembered[0] == officer.pk
    Authenticator.objects.filter(user=administrator).delete()
    client.force_login(administrator)  # a new session; even a copied value names the other account
    session = client.session
    session[accounts_middleware.SECOND_FACTOR_SESSION_KEY] = remembered
    session.save()
    response = client.get(PLAIN_PAGE)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
