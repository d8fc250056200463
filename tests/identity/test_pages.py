"""The login.gov.pl pages: off by default (404), the button on the login page, a new account, staff's second
factor, unlinking and Single Logout."""

import pytest
from conftest import make_person

from razem.accounts.models import User
from razem.core.models import LogEntry
from razem.identity import saml
from razem.identity.models import GovIdentity
from tests.core.helpers import in_polish, text_of
from tests.identity.idp import PESEL_ID
from tests.identity.test_saml_flow import LINK, link_in, through_idp

PAGES = [
    "/konto/login-gov-pl/",
    "/konto/login-gov-pl/logowanie/",
    "/konto/login-gov-pl/acs/?SAMLart=AAQAAA",
    "/konto/login-gov-pl/metadane/",
    "/konto/login-gov-pl/powiazanie/",
    "/konto/login-gov-pl/powiazanie/abc/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_not_found_while_login_gov_pl_is_switched_off(client, db, path):
    assert client.get(path).status_code == 404


def test_the_login_page_offers_login_gov_pl_only_when_it_is_switched_on(client, db, settings):
    button = in_polish("Sign in with login.gov.pl")
    assert button not in text_of(client.get("/konto/logowanie/"))

    settings.RAZEM_LOGINGOVPL_ENABLED = True
    assert button in text_of(client.get("/konto/logowanie/"))


def test_the_profile_links_to_login_gov_pl_only_when_it_is_switched_on(client, resident, settings):
    client.force_login(resident)
    manage = in_polish("Manage sign-in with login.gov.pl")
    assert manage not in text_of(client.get("/konto/profil/"))

    settings.RAZEM_LOGINGOVPL_ENABLED = True
    page = text_of(client.get("/konto/profil/"))
    assert manage in page and 'href="/konto/login-gov-pl/"' in page


def test_a_person_without_an_account_opens_one_with_a_confirmed_email(client, logingovpl, mailoutbox):
    path, query = through_idp(client, logingovpl)
    client.get(path, query)
    client.post(LINK, {"email": "jan.kowalski@example.org"})
    confirm = link_in(mailoutbox, "jan.kowalski@example.org")
    assert not User.objects.filter(email="jan.kowalski@example.org").exists()

    client.post(confirm)

    user = User.objects.get(email="jan.kowalski@example.org")
    assert user.full_name == "Jan Kowalski"
    assert user.emailaddress_set.get().verified
    assert GovIdentity.objects.get().user == user
    assert client.session["_auth_user_id"] == str(user.pk)
    assert LogEntry.objects.filter(action="identity.gov_identity.account_created", actor=user).exists()


def test_a_signed_in_person_links_their_identity_directly(client, logingovpl, resident):
    client.force_login(resident)
    path, query = through_idp(client, logingovpl)

    response = client.get(path, query)

    assert response["Location"] == "/konto/login-gov-pl/"
    assert GovIdentity.objects.get().user == resident
    page = client.get("/konto/login-gov-pl/")
    assert in_polish("Unlink login.gov.pl") in text_of(page)


def test_staff_still_give_their_second_factor_after_login_gov_pl(client, logingovpl):
    officer = make_person("urzednik@example.org", role=User.Role.OFFICER, totp=True)
    GovIdentity.objects.create(user=officer, identifier_hash=saml.hash_identifier(PESEL_ID), environment="symulator")
    path, query = through_idp(client, logingovpl)

    response = client.get(path, query)

    assert response["Location"] == "/konto/dwa-etapy/weryfikacja/"
    assert "_auth_user_id" not in client.session


def test_unlinking_is_audited_and_the_identity_no_longer_signs_in(client, logingovpl, resident):
    GovIdentity.objects.create(user=resident, identifier_hash=saml.hash_identifier(PESEL_ID), environment="symulator")
    client.force_login(resident)

    client.post("/konto/login-gov-pl/odlacz/")

    assert not GovIdentity.objects.exists()
    assert LogEntry.objects.filter(action="identity.gov_identity.unlinked", actor=resident).exists()


def test_logging_out_ends_the_session_at_login_gov_pl_too(client, logingovpl, resident):
    GovIdentity.objects.create(user=resident, identifier_hash=saml.hash_identifier(PESEL_ID), environment="symulator")
    path, query = through_idp(client, logingovpl)
    client.get(path, query)
    assert client.session["_auth_user_id"] == str(resident.pk)

    client.post("/konto/login-gov-pl/wylogowanie/")

    assert "_auth_user_id" not in client.session
    assert len(logingovpl.logouts) == 1
    assert LogEntry.objects.get(action="identity.gov_identity.logged_out").data == {"idp": True}


def test_the_pesel_is_never_stored_in_clear(client, logingovpl, resident):
    client.force_login(resident)
    path, query = through_idp(client, logingovpl)
    client.get(path, query)

    identity = GovIdentity.objects.get()
    assert "90010112345" not in identity.identifier_hash
    assert not any("90010112345" in str(entry.data) for entry in LogEntry.objects.all())


def test_an_identity_linked_to_someone_else_is_not_linked_again(client, logingovpl, resident, other_resident):
    GovIdentity.objects.create(
        user=other_resident, identifier_hash=saml.hash_identifier(PESEL_ID), environment="symulator"
    )
    client.force_login(resident)
    path, query = through_idp(client, logingovpl)

    client.get(path, query)

    assert GovIdentity.objects.get().user == other_resident
    assert client.session["_auth_user_id"] == str(resident.pk)
