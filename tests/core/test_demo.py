"""The demo toolkit the apps' demos share: data made once, the same random choices, past events kept quiet."""

import pytest
from django.core import mail
from django.db import transaction

from razem.core import demo
from razem.core.models import LogEntry, Notification, OutboxEmail
from razem.core.notifications import notify_many, queue_email

pytestmark = pytest.mark.django_db

CODE = "core.demo.test_loaded"


def test_once_builds_on_the_first_run_only_and_records_the_summary():
    built = []

    def build() -> None:
        built.append(1)

    first = demo.once(CODE, build, lambda: {"made": len(built)})
    second = demo.once(CODE, build, lambda: {"made": len(built)})

    assert first == second == {"made": 1}
    assert LogEntry.objects.get(action=CODE).data == {"made": 1}


def test_once_records_nothing_when_the_build_could_make_nothing():
    demo.once(CODE, lambda: False, dict)

    assert not demo.loaded(CODE)


def test_the_same_seed_gives_the_same_choices():
    assert demo.rng(7).sample(range(100), 5) == demo.rng(7).sample(range(100), 5)


def test_past_events_are_kept_in_the_outbox_as_sent_and_notifications_after_the_commit_too(resident):
    with transaction.atomic():
        with demo.quietly():
            queue_email(to=resident.email, subject="Dawno temu", body_text="...")
            notify_many(kind="welcome", audience=[resident])
        assert Notification.objects.filter(recipient=resident, kind="welcome").count() == 1

    assert OutboxEmail.objects.count() == 2
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {OutboxEmail.Status.SENT}
    assert mail.outbox == []


def test_data_files_are_read_from_the_package():
    assert demo.read_json("razem.core", "statutory_values.json")
