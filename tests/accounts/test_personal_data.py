"""RODO: a person downloads everything Razem holds about them, or deletes their account."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from conftest import PASSWORD, TOTP_SECRET, make_person

from razem.accounts.models import User
from razem.core import audit
from razem.core.models import LogEntry, Notification, OutboxEmail
from razem.core.notifications import queue_email
from tests.core.helpers import in_polish, text_of

EXPORT = "/konto/moje-dane/?download=1"
DELETE = "/konto/usun-konto/"


# Export.


def download(client) -> tuple[object, dict]:
    response = client.get(EXPORT)
    return response, json.loads(response.content.decode("utf-8"))


def test_the_export_is_a_json_download(officer_client):
    response, _ = download(officer_client)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="razem-dane-osobowe-')
    assert response["Content-Disposition"].endswith('.json"')


def test_the_export_holds_the_profile_addresses_notifications_and_activity(officer_client, officer):
    Notification.objects.create(recipient=officer, kind="test", title="Meeting on Monday", body="Room 3")
    officer_client.post(
        "/konto/profil/", {"full_name": "Urszula Nowak", "phone": "+48 12 616 00 01", "preferred_language": "pl"}
    )

    _, data = download(officer_client)

    assert data["profile"]["email"] == "urszula.nowak@krakow.example"
    assert data["profile"]["full_name"] == "Urszula Nowak"
    assert data["profile"]["phone"] == "+48 12 616 00 01"
    assert data["profile"]["role"] == "officer"
    assert data["email_addresses"] == [{"email": "urszula.nowak@krakow.example", "verified": True, "primary": True}]
    assert [n["title"] for n in data["notifications"]] == ["Meeting on Monday"]
    assert "accounts.user.profile_changed" in [a["action"] for a in data["activity_log"]]
    assert [f["type"] for f in data["second_factors"]] == ["totp"]


def test_the_export_never_contains_the_second_factor_secret(officer_client, officer):
    response, data = download(officer_client)

    assert Authenticator.objects.filter(user=officer).exists()
    assert TOTP_SECRET not in response.content.decode()
    assert set(data["second_factors"][0]) == {"type", "created_at", "last_used_at"}


def test_the_export_holds_nothing_about_other_people(resident_client, other_resident):
    Notification.objects.create(recipient=other_resident, kind="test", title="For Jan only")
    audit.record(actor=other_resident, action="core.test.jan_did_this")

    response, _ = download(resident_client)

    content = response.content.decode()
    assert "For Jan only" not in content
    assert "core.test.jan_did_this" not in content
    assert other_resident.email not in content


def test_downloading_the_export_is_audited(resident_client, resident):
    download(resident_client)

    entry = LogEntry.objects.get(action="accounts.user.data_exported")
    assert entry.actor == resident
    assert entry.object_id == str(resident.pk)


def test_the_export_page_explains_before_it_downloads(resident_client):
    response = resident_client.get("/konto/moje-dane/")

    assert response.status_code == 200
    assert "?download=1" in response.content.decode()
    assert not LogEntry.objects.filter(action="accounts.user.data_exported").exists()


# Deletion.


def test_a_wrong_password_does_not_delete_the_account(resident_client, resident):
    response = resident_client.post(DELETE, {"password": "not-my-password", "confirm": "on"})

    assert response.status_code == 200
    assert in_polish("The password is not correct.") in text_of(response)
    resident.refresh_from_db()
    assert resident.is_active
    assert resident.email == "maria.kowalska@example.org"
    assert resident.check_password(PASSWORD)
    assert EmailAddress.objects.filter(user=resident).exists()
    assert not LogEntry.objects.filter(action="accounts.user.deleted").exists()


def test_deletion_must_be_confirmed(resident_client, resident):
    response = resident_client.post(DELETE, {"password": PASSWORD})

    assert response.status_code == 200
    resident.refresh_from_db()
    assert resident.is_active


@pytest.fixture
def deleted(client, officer, administrator, mailoutbox):
    """An officer with a history deletes their account."""
    client.force_login(officer)
    Notification.objects.create(recipient=officer, kind="test", title="Hello")
    queue_email(to=officer.email, subject="Waiting", body_text="Private text", recipient=officer)
    client.post(
        "/konto/profil/", {"full_name": "Urszula Nowak", "phone": "+48 600 100 200", "preferred_language": "pl"}
    )
    response = client.post(DELETE, {"password": PASSWORD, "confirm": "on"}, follow=True)
    officer.refresh_from_db()
    return response


def test_deleting_the_account_anonymises_the_person(deleted, officer):
    assert officer.email == f"usuniete-konto-{officer.pk}@anonymised.invalid"
    assert officer.full_name == in_polish("Deleted account #%(id)s") % {"id": officer.pk}
    assert officer.phone == ""
    assert not officer.is_active
    assert not officer.has_usable_password()
    assert officer.role == User.Role.RESIDENT
    assert officer.anonymised_at is not None
    assert not User.objects.filter(email="urszula.nowak@krakow.example").exists()


def test_deleting_the_account_removes_addresses_second_factors_notifications_and_waiting_emails(deleted, officer):
    assert not EmailAddress.objects.filter(user=officer).exists()
    assert not EmailAddress.objects.filter(email="urszula.nowak@krakow.example").exists()
    assert not Authenticator.objects.filter(user=officer).exists()
    assert not Notification.objects.filter(recipient=officer).exists()
    assert not OutboxEmail.objects.filter(body_text__contains="Private text").exists()


def test_deleting_the_account_keeps_the_audit_log_but_anonymises_who(deleted, officer):
    entries = LogEntry.objects.filter(actor=officer)
    label = in_polish("Deleted account #%(id)s") % {"id": officer.pk}

    assert entries.filter(action="accounts.user.profile_changed").exists()
    assert entries.filter(action="accounts.user.deleted").exists()
    for entry in entries:
        assert "Urszula" not in entry.actor_label
        assert "urszula.nowak@krakow.example" not in entry.actor_label
        assert entry.actor_label.startswith(label)
    assert not LogEntry.objects.filter(actor_label__icontains="urszula").exists()
    assert not LogEntry.objects.filter(object_repr__icontains="urszula").exists()


def test_after_deleting_the_account_the_person_is_signed_out_and_cannot_sign_in(deleted, client, officer):
    assert deleted.redirect_chain == [("/", 302)]
    assert in_polish("Your account has been deleted.") in text_of(deleted)
    assert client.session.get("_auth_user_id") is None
    assert client.get("/konto/")["Location"].startswith("/konto/logowanie/")
    client.post("/konto/logowanie/", {"login": "urszula.nowak@krakow.example", "password": PASSWORD})
    assert client.session.get("_auth_user_id") is None


def test_the_deleted_person_s_other_sessions_end_too(officer, administrator, client):
    other_device = type(client)()
    other_device.force_login(officer)
    client.force_login(officer)

    client.post(DELETE, {"password": PASSWORD, "confirm": "on"})

    assert other_device.get("/konto/")["Location"].startswith("/konto/logowanie/")


def test_the_last_administrator_cannot_delete_their_own_account(client, administrator):
    client.force_login(administrator)

    response = client.post(DELETE, {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 200
    assert in_polish("This is the last administrator. Appoint another administrator first.") in text_of(response)
    administrator.refresh_from_db()
    assert administrator.is_active
    assert administrator.email == "adam.admin@krakow.example"
    assert administrator.role == User.Role.ADMINISTRATOR
    assert not LogEntry.objects.filter(action="accounts.user.deleted").exists()


def test_an_administrator_may_delete_their_account_when_another_remains(client, administrator):
    make_person("druga.admin@krakow.example", User.Role.ADMINISTRATOR, totp=True)
    client.force_login(administrator)

    response = client.post(DELETE, {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    administrator.refresh_from_db()
    assert not administrator.is_active
