"""The audit log: who did what, when, to which object, and never a secret."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from razem.accounts import services as account_services
from razem.accounts.models import User
from razem.core import audit
from razem.core import notifications as notification_services
from razem.core.models import LogEntry, Notification
from razem.core.reference import load_districts, load_public_benefit_areas


def test_an_entry_records_who_did_what_to_which_object_and_from_where(resident, officer):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")

    entry = audit.record(
        actor=officer, action="accounts.user.checked", obj=resident, data={"reason": "phone call"}, request=request
    )

    entry.refresh_from_db()
    assert entry.actor == officer
    assert entry.actor_label == "Urszula Nowak <urszula.nowak@krakow.example>"
    assert entry.action == "accounts.user.checked"
    assert entry.object_type == "accounts.user"
    assert entry.object_id == str(resident.pk)
    assert entry.object_repr == "Maria Kowalska"
    assert entry.data == {"reason": "phone call"}
    assert entry.ip_address == "203.0.113.7"
    assert LogEntry.objects.for_object(resident).get() == entry


def test_an_entry_without_a_signed_in_actor_is_recorded_as_the_system(anonymous, db):
    by_nobody = audit.record(actor=None, action="core.demo.loaded")
    by_a_visitor = audit.record(actor=anonymous, action="core.demo.loaded")

    for entry in (by_nobody, by_a_visitor):
        assert entry.actor is None
        assert entry.actor_label == ""
        assert entry.object_type == entry.object_id == entry.object_repr == ""
        assert entry.ip_address is None


@pytest.mark.parametrize(
    "secret_field",
    ["password", "new_password1", "token", "reset_token", "code", "totp_code", "secret", "api_key", "otp", "ballot"],
)
def test_secrets_never_reach_the_log(resident, secret_field):
    entry = audit.record(
        actor=resident,
        action="accounts.user.profile_changed",
        obj=resident,
        data={
            secret_field: "hunter2-SENSITIVE",
            "full_name": "Maria K.",
            "nested": {secret_field: "hunter2-SENSITIVE"},
        },
    )

    entry.refresh_from_db()
    assert entry.data == {"full_name": "Maria K.", "nested": {}}
    assert "hunter2-SENSITIVE" not in json.dumps(entry.data)


def test_values_that_are_not_json_are_stored_as_text(resident):
    entry = audit.record(
        actor=resident,
        action="core.test.values",
        data={
            "day": datetime.date(2026, 11, 26),
            "amount": Decimal("1234.50"),
            "tags": ("a", datetime.date(2026, 1, 2)),
        },
    )

    entry.refresh_from_db()
    assert entry.data == {"day": "2026-11-26", "amount": "1234.50", "tags": ["a", "2026-01-02"]}


def test_the_recorded_name_is_a_snapshot_that_survives_a_later_change_of_name(resident):
    entry = audit.record(actor=resident, action="core.test.before_rename")

    account_services.user_update_profile(actor=resident, user=resident, full_name="Maria Nowak-Kowalska")

    entry.refresh_from_db()
    assert entry.actor_label == "Maria Kowalska <maria.kowalska@example.org>"
    renamed = LogEntry.objects.get(action="accounts.user.profile_changed")
    assert renamed.actor_label == "Maria Nowak-Kowalska <maria.kowalska@example.org>"


# Every write service leaves an entry with its action code.


def _update_profile(resident, administrator):
    account_services.user_update_profile(actor=resident, user=resident, phone="+48 600 100 200")
    return resident


def _set_role(resident, administrator):
    return account_services.user_set_role(actor=administrator, user=resident, role=User.Role.OFFICER)


def _delete_account(resident, administrator):
    return account_services.user_delete_account(actor=resident, user=resident)


def _notify(resident, administrator):
    return notification_services.notify(recipient=resident, kind="welcome", send_email=False)


def _mark_read(resident, administrator):
    notification = Notification.objects.create(recipient=resident, kind="test", title="Hello")
    return notification_services.notification_mark_read(actor=resident, notification=notification)


def _mark_all_read(resident, administrator):
    Notification.objects.create(recipient=resident, kind="test", title="One")
    Notification.objects.create(recipient=resident, kind="test", title="Two")
    notification_services.notification_mark_all_read(actor=resident)
    return resident


def _load_districts(resident, administrator):
    load_districts(actor=administrator)


def _load_areas(resident, administrator):
    load_public_benefit_areas(actor=administrator)


@pytest.mark.parametrize(
    ("service", "action", "actor", "object_type"),
    [
        (_update_profile, "accounts.user.profile_changed", "resident", "accounts.user"),
        (_set_role, "accounts.user.role_changed", "administrator", "accounts.user"),
        (_delete_account, "accounts.user.deleted", "resident", "accounts.user"),
        (_notify, "core.notification.created", None, "core.notification"),
        (_mark_read, "core.notification.read", "resident", "core.notification"),
        (_mark_all_read, "core.notification.all_read", "resident", "accounts.user"),
        (_load_districts, "core.reference.districts_loaded", "administrator", ""),
        (_load_areas, "core.reference.areas_loaded", "administrator", ""),
    ],
    ids=lambda value: value.__name__.strip("_") if callable(value) else None,
)
def test_every_write_service_leaves_an_audit_entry(resident, administrator, service, action, actor, object_type):
    people = {"resident": resident, "administrator": administrator, None: None}

    obj = service(resident, administrator)

    entry = LogEntry.objects.get(action=action)
    assert entry.actor_id == (people[actor].pk if people[actor] else None)
    assert entry.object_type == object_type
    if obj is not None:
        assert entry.object_id == str(obj.pk)


def test_a_profile_change_records_what_changed_from_and_to(resident):
    account_services.user_update_profile(
        actor=resident, user=resident, phone="+48 600 100 200", full_name="Maria Kowalska"
    )

    entry = LogEntry.objects.get(action="accounts.user.profile_changed")
    assert entry.data == {"phone": {"from": "", "to": "+48 600 100 200"}}


def test_saving_a_profile_without_changes_adds_nothing_to_the_log(resident):
    account_services.user_update_profile(actor=resident, user=resident, full_name="Maria Kowalska")

    assert not LogEntry.objects.filter(action="accounts.user.profile_changed").exists()


def test_a_role_change_records_the_old_and_the_new_role(resident, administrator):
    account_services.user_set_role(actor=administrator, user=resident, role=User.Role.OFFICER)

    entry = LogEntry.objects.get(action="accounts.user.role_changed")
    assert entry.data == {"from": "resident", "to": "officer"}
    assert entry.actor_label == "Adam Administrator <adam.admin@krakow.example>"


def test_the_last_administrator_cannot_be_demoted_and_nothing_is_logged(administrator):
    with pytest.raises(ValidationError):
        account_services.user_set_role(actor=administrator, user=administrator, role=User.Role.RESIDENT)

    administrator.refresh_from_db()
    assert administrator.role == User.Role.ADMINISTRATOR
    assert not LogEntry.objects.filter(action="accounts.user.role_changed").exists()


def test_reading_a_notification_twice_is_logged_once(resident):
    notification = Notification.objects.create(recipient=resident, kind="test", title="Hello")

    notification_services.notification_mark_read(actor=resident, notification=notification)
    notification_services.notification_mark_read(actor=resident, notification=notification)

    assert LogEntry.objects.filter(action="core.notification.read").count() == 1


def test_marking_all_read_records_how_many_and_nothing_when_there_were_none(resident):
    Notification.objects.create(recipient=resident, kind="test", title="One")
    Notification.objects.create(recipient=resident, kind="test", title="Two")

    notification_services.notification_mark_all_read(actor=resident)
    notification_services.notification_mark_all_read(actor=resident)

    assert list(LogEntry.objects.filter(action="core.notification.all_read").values_list("data", flat=True)) == [
        {"count": 2}
    ]


def test_loading_reference_data_records_how_many_rows_were_loaded(administrator):
    load_districts(actor=administrator)
    load_public_benefit_areas(actor=administrator)

    districts = LogEntry.objects.get(action="core.reference.districts_loaded")
    areas = LogEntry.objects.get(action="core.reference.areas_loaded")
    assert districts.data["count"] == 18
    assert districts.data["source"]
    assert areas.data == {"count": 39}


@pytest.mark.parametrize("field", ["postal_code", "legal_form", "krs", "district_code", "area_codes"])
def test_ordinary_fields_whose_names_merely_contain_code_are_kept(resident, field):
    entry = audit.record(actor=resident, action="core.test.values", data={field: "31-004"})

    assert entry.data == {field: "31-004"}
