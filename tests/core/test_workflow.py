"""The kernel's state machines (razem.core.workflow), tried on a kernel model: an outbox e-mail that the office may
give up on (with a reason) or mark as sent. A refused transition changes nothing and says why."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from razem.core.history import history_of
from razem.core.models import LogEntry, Notification, OutboxEmail
from razem.core.notifications import notify_many
from razem.core.workflow import NOW, REQUIRED, Transition, Workflow

pytestmark = pytest.mark.django_db

S = OutboxEmail.Status


def _tell_recipient(email, step):  # noqa: ANN001, ANN202 - a transition hook
    notify_many(kind="welcome", audience=[email.recipient], url="/", send_email=False)


OUTBOX = Workflow(
    prefix="core.outboxemail",
    transitions=[
        Transition(
            "give_up",
            sources=(S.PENDING, S.FAILED),
            target=S.GAVE_UP,
            label="Given up",
            permission="core.view_outboxemail",
            denied="Only the office gives up on an e-mail.",
            reason=REQUIRED,
            reason_missing="Say why.",
            wrong_state="This e-mail is %(status)s; it cannot become %(new)s. Next possible: %(allowed)s.",
            public=True,
        ),
        Transition(
            "mark_sent",
            sources=(S.PENDING, S.FAILED),
            target=S.SENT,
            label="Sent",
            stamps={"sent_at": NOW},
            notify=_tell_recipient,
        ),
    ],
    reason_field="last_error",
)


@pytest.fixture
def email(resident):
    return OutboxEmail.objects.create(recipient=resident, to=resident.email, subject="S", body_text="B")


def test_a_transition_changes_the_state_records_who_why_and_when_and_audits_from_and_to(email, officer):
    given_up = OUTBOX.take(email, "give_up", actor=officer, reason="  The address bounces.  ")

    email.refresh_from_db()
    assert email.status == given_up.status == S.GAVE_UP
    assert email.last_error == "The address bounces."
    entry = LogEntry.objects.get(action="core.outboxemail.give_up")
    assert entry.actor == officer
    assert entry.data == {"from": "pending", "to": "gave_up", "reason": "The address bounces."}


def test_from_the_wrong_state_it_is_refused_with_the_states_named_and_nothing_changes(email, officer):
    OutboxEmail.objects.filter(pk=email.pk).update(status=S.SENT)

    with pytest.raises(ValidationError) as refused:
        OUTBOX.take(email, "give_up", actor=officer, reason="late")

    # The states are named by their labels, in the language of the page (Polish by default).
    assert refused.value.messages == [
        "This e-mail is wysłane; it cannot become nieudane, bez dalszych prób. "
        "Next possible: brak – jej ścieżka dobiegła końca."
    ]
    email.refresh_from_db()
    assert email.status == S.SENT and email.last_error == ""
    assert not LogEntry.objects.filter(action__startswith="core.outboxemail").exists()


def test_without_the_permission_or_without_a_required_reason_it_is_refused(email, resident, officer):
    with pytest.raises(ValidationError) as denied:
        OUTBOX.take(email, "give_up", actor=resident, reason="mine")
    with pytest.raises(ValidationError) as no_reason:
        OUTBOX.take(email, "give_up", actor=officer, reason="   ")

    assert denied.value.messages == ["Only the office gives up on an e-mail."]
    assert no_reason.value.message_dict == {"reason": ["Say why."]}
    email.refresh_from_db()
    assert email.status == S.PENDING


def test_stamps_and_notifications_follow_the_commit(email, officer):
    sent = OUTBOX.take(email, "mark_sent", actor=officer)

    assert sent.sent_at is not None
    # Scheduled with notify_many: delivered by the task after the commit, in the recipient's language.
    assert Notification.objects.filter(recipient=email.recipient, kind="welcome").count() == 1


@pytest.mark.uncommitted
def test_nothing_is_told_before_the_commit(email, officer):
    OUTBOX.take(email, "mark_sent", actor=officer)

    assert not Notification.objects.filter(recipient=email.recipient).exists()


def test_the_buttons_shown_are_the_transitions_the_person_may_take_now(email, officer, resident):
    assert [t.name for t in OUTBOX.available(email, officer)] == ["give_up", "mark_sent"]
    assert [t.name for t in OUTBOX.available(email, resident)] == ["mark_sent"]
    assert OUTBOX.to(S.PENDING, S.SENT).name == "mark_sent"
    assert OUTBOX.to(S.SENT, S.PENDING) is None


def test_the_history_reads_the_audit_log_through_the_display_registry(email, officer):
    OUTBOX.take(email, "give_up", actor=officer, reason="Bounces.")

    public = history_of(email, public=True)
    office = history_of(email, public=False)

    assert [(row["label"], row["reason"], row["who"]) for row in public] == [("Given up", "Bounces.", "")]
    assert office[0]["who"].startswith("Urszula Nowak")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_racing_transitions_of_the_same_object_end_with_one(officer):
    from razem.accounts.models import User

    recipient = User.objects.create_user(email="race@example.org", full_name="Race")
    email = OutboxEmail.objects.create(recipient=recipient, to=recipient.email, subject="S", body_text="B")
    start = threading.Barrier(2, timeout=30)

    def race(name: str):  # noqa: ANN202
        try:
            start.wait()
            return OUTBOX.take(email, name, actor=officer, reason="race")
        except ValidationError as exc:
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(race, ["give_up", "mark_sent"]))

    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1 and refused[0].code == "wrong_state"
    email.refresh_from_db()
    assert email.status in {S.GAVE_UP, S.SENT}
    assert LogEntry.objects.filter(action__startswith="core.outboxemail.").count() == 1


def test_one_action_may_leave_different_states_for_different_targets(email, officer):
    failed = OutboxEmail.objects.create(recipient=email.recipient, to="x@example.org", subject="S", body_text="B")
    OutboxEmail.objects.filter(pk=failed.pk).update(status=S.FAILED)
    two_ways = Workflow(
        prefix="core.outboxemail",
        transitions=[
            Transition("settle", sources=(S.PENDING,), target=S.SENT, audit="settled_sent"),
            Transition("settle_failed", sources=(S.FAILED,), target=S.GAVE_UP, audit="settled_given_up"),
        ],
    )

    assert two_ways.take(email, ("settle", "settle_failed"), actor=officer).status == S.SENT
    assert two_ways.take(failed, ("settle", "settle_failed"), actor=officer).status == S.GAVE_UP
    with pytest.raises(ValidationError):
        two_ways.take(email, ("settle", "settle_failed"), actor=officer)  # sent now: neither leaves it
