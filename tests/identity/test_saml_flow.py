"""Signing in through login.gov.pl against the local test IdP: metadata, the signed AuthnRequest, the artifact
resolved over SOAP, the encrypted assertion, the attributes, the link to an account, replays and bad signatures."""

import re

from conftest import make_person
from django.test import Client

from razem.core.models import LogEntry, OutboxEmail
from razem.identity import saml
from razem.identity.models import GovIdentity
from tests.core.helpers import in_polish, text_of
from tests.identity.idp import PESEL_ID, acs_path, auto_submitted_form

LOGIN = "/konto/login-gov-pl/logowanie/"
METADATA = "/konto/login-gov-pl/metadane/"
LINK = "/konto/login-gov-pl/powiazanie/"


def through_idp(client, idp, *, start=LOGIN):
    """The browser's journey: our login page, the IdP, and back to our ACS with an artifact."""
    page = client.get(start)
    assert page.status_code == 200
    form = auto_submitted_form(page.content.decode())
    acs_url = idp.authenticate(form["SAMLRequest"])
    path, query = acs_path(acs_url)
    return path, query


def test_the_metadata_names_the_artifact_consumer_and_both_keys(client, logingovpl):
    response = client.get(METADATA)

    assert response.status_code == 200
    xml = response.content.decode()
    assert 'AuthnRequestsSigned="true"' in xml
    assert 'WantAssertionsSigned="true"' in xml
    assert "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact" in xml
    assert '<md:KeyDescriptor use="signing">' in xml or 'use="signing"' in xml
    assert 'use="encryption"' in xml
    from saml2 import md
    from saml2.validate import valid_instance

    assert valid_instance(md.entity_descriptor_from_string(xml))


def test_the_authn_request_is_signed_and_asks_for_the_artifact_binding(client, logingovpl):
    page = client.get(LOGIN)
    form = auto_submitted_form(page.content.decode())
    import base64

    xml = base64.b64decode(form["SAMLRequest"]).decode()

    assert form["action"] == "https://idp.test.login.gov.pl/login/SingleSignOnService"
    assert "<ds:Signature" in xml or ":Signature" in xml
    assert "ecdsa-sha256" in xml
    assert 'ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact"' in xml
    assert "http://eidas.europa.eu/LoA/substantial" in xml
    assert "https://idp.test.login.gov.pl" in page["Content-Security-Policy"]
    # the IdP checks the signature with our certificate from the metadata
    logingovpl.authenticate(form["SAMLRequest"])


def test_a_new_person_is_asked_for_an_email_and_the_identity_is_kept_hashed(client, logingovpl):
    path, query = through_idp(client, logingovpl)
    response = client.get(path, query)

    assert response.status_code == 302
    assert response["Location"] == LINK
    page = client.get(LINK)
    assert in_polish("login.gov.pl confirmed that you are %(name)s.") % {"name": "Jan Kowalski"} in text_of(page)
    assert logingovpl.resolved, "the artifact was resolved with the IdP over SOAP"
    assert ":Signature" in logingovpl.resolve_bodies[0]
    assert "EncryptedAssertion" in logingovpl.last_assertion_xml
    assert "90010112345" not in str(dict(client.session))


def test_the_attributes_are_mapped_from_the_decrypted_assertion(client, logingovpl):
    from unittest import mock

    seen = {}
    original = saml.person_from

    def spy(response):
        person = original(response)
        seen["person"] = person
        return person

    with mock.patch.object(saml, "person_from", spy):
        path, query = through_idp(client, logingovpl)
        client.get(path, query)

    person = seen["person"]
    assert (person.given_name, person.family_name, person.date_of_birth) == ("Jan", "Kowalski", "1990-01-01")
    assert person.identifier_hash == saml.hash_identifier(PESEL_ID)
    assert PESEL_ID not in person.identifier_hash


def link_in(mailoutbox, to: str) -> str:
    message = next(m for m in mailoutbox if m.to == [to])
    return re.search(r"/konto/login-gov-pl/powiazanie/[^/\s]+/", message.body).group(0)


def test_an_existing_account_is_linked_only_after_its_email_is_confirmed(client, logingovpl, mailoutbox):
    owner = make_person("anna.nowak@example.org", full_name="Anna Nowak")
    path, query = through_idp(client, logingovpl)
    client.get(path, query)

    sent = client.post(LINK, {"email": "Anna.Nowak@example.org"})
    assert sent.status_code == 200
    assert not GovIdentity.objects.exists()
    assert OutboxEmail.objects.filter(to="anna.nowak@example.org", kind="identity/link").exists()
    confirm_path = link_in(mailoutbox, "anna.nowak@example.org")

    shown = client.get(confirm_path)
    assert shown.status_code == 200
    assert not GovIdentity.objects.exists()
    done = client.post(confirm_path)

    assert done.status_code == 302
    assert GovIdentity.objects.get().user == owner
    assert client.session["_auth_user_id"] == str(owner.pk)
    assert LogEntry.objects.filter(action="identity.gov_identity.linked", actor=owner).exists()


def test_the_emailed_link_does_nothing_in_another_browser(client, logingovpl, mailoutbox):
    make_person("anna.nowak@example.org")
    path, query = through_idp(client, logingovpl)
    client.get(path, query)
    client.post(LINK, {"email": "anna.nowak@example.org"})
    confirm_path = link_in(mailoutbox, "anna.nowak@example.org")

    other = Client()
    response = other.post(confirm_path)

    assert response.status_code == 400
    assert not GovIdentity.objects.exists()


def test_a_linked_identity_signs_the_person_in_next_time(client, logingovpl):
    owner = make_person("anna.nowak@example.org")
    GovIdentity.objects.create(user=owner, identifier_hash=saml.hash_identifier(PESEL_ID), environment="symulator")

    path, query = through_idp(client, logingovpl)
    response = client.get(path, query)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)
    assert LogEntry.objects.filter(action="identity.gov_identity.logged_in", actor=owner).exists()


def test_the_same_artifact_presented_again_is_refused(client, logingovpl):
    owner = make_person("anna.nowak@example.org")
    GovIdentity.objects.create(user=owner, identifier_hash=saml.hash_identifier(PESEL_ID), environment="symulator")
    path, query = through_idp(client, logingovpl)
    client.get(path, query)
    client.logout()
    client.get(LOGIN)  # a fresh outstanding request in the session: only the artifact is old

    replay = client.get(path, query)

    assert replay.status_code == 400
    assert in_polish("Sign-in with login.gov.pl failed") in text_of(replay)
    assert "_auth_user_id" not in client.session
    assert LogEntry.objects.filter(action="identity.gov_identity.login_refused").exists()


def test_an_artifact_response_signed_with_a_wrong_key_is_refused(client, logingovpl):
    owner = make_person("anna.nowak@example.org")
    GovIdentity.objects.create(user=owner, identifier_hash=saml.hash_identifier(PESEL_ID), environment="symulator")
    logingovpl.tamper = "outer-signature"
    path, query = through_idp(client, logingovpl)

    response = client.get(path, query)

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_an_answer_without_a_request_from_this_browser_is_refused(client, logingovpl):
    path, query = through_idp(client, logingovpl)

    response = Client().get(path, query)

    assert response.status_code == 400
    assert not GovIdentity.objects.exists()
