"""Notifications to an audience (notify_many): sent by a task after the commit, each in its recipient's language,
never from inside the transaction that decided them, and not at all when it rolls back."""

import pytest
from conftest import make_person
from django.db import transaction

from razem.core.models import Notification
from razem.core.notifications import Attachment, notify_many

pytestmark = pytest.mark.django_db


def personal(recipient, context):  # noqa: ANN001, ANN201 - a module-level hook, named by the task
    return {"greeting": f"for {recipient.full_name}"}


def attachments(recipient, context):  # noqa: ANN001, ANN201
    return [Attachment("a.txt", "text/plain", recipient.email.encode())]


def test_each_person_of_the_audience_is_told_once_in_their_language_except_the_one_who_acted(mailoutbox):
    polish = make_person("pl@example.org")
    english = make_person("en@example.org")
    english.preferred_language = "en"
    english.save()
    actor = make_person("actor@example.org")

    with transaction.atomic():
        notify_many(kind="welcome", audience=[polish, english.pk, actor, polish], url="/konto/", exclude=actor,
                    attachments=attachments, personal=personal)  # fmt: skip
        assert not Notification.objects.exists()  # nothing before the commit

    titles = dict(Notification.objects.values_list("recipient__email", "title"))
    assert set(titles) == {"pl@example.org", "en@example.org"}
    assert titles["pl@example.org"] != titles["en@example.org"]
    assert sorted(m.to[0] for m in mailoutbox) == ["en@example.org", "pl@example.org"]
    assert {m.attachments[0][1] for m in mailoutbox} == {"pl@example.org", "en@example.org"}  # text/plain, decoded


def test_a_rolled_back_change_tells_nobody():
    person = make_person("p@example.org")

    with pytest.raises(RuntimeError), transaction.atomic():
        notify_many(kind="welcome", audience=[person])
        raise RuntimeError("the service failed after deciding")

    assert not Notification.objects.exists()


def test_hooks_must_be_module_level_so_the_task_can_name_them():
    with pytest.raises(ValueError, match="module-level"):
        notify_many(kind="welcome", audience=[1], personal=lambda r, c: {})


def test_a_loader_of_past_records_may_have_them_delivered_at_once():
    from razem.core.notifications import delivered_now

    person = make_person("past@example.org")

    with transaction.atomic(), delivered_now():
        notify_many(kind="welcome", audience=[person], send_email=False)
        assert Notification.objects.filter(recipient=person).count() == 1  # before any commit
