"""Notifications and the e-mail outbox: the recipient's language, sending after commit, retries."""

import datetime
import io
import re

import pytest
from conftest import make_person
from django.core.management import call_command
from django.utils import timezone, translation

from razem.core import pagecache
from razem.core.models import LogEntry, Notification, OutboxEmail
from razem.core.notifications import notify, queue_email
from razem.core.tasks import deliver
from tests.core.helpers import in_polish, text_of

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def broken_smtp(settings):
    """A real SMTP transport pointed at a closed port: every attempt fails quickly."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1, "use_tls": False, "use_ssl": False},
        }
    }
    return settings


@pytest.fixture
def english_speaker(db):
    person = make_person("john.smith@example.org", full_name="John Smith")
    person.preferred_language = "en"
    person.save()
    return person


def test_a_notification_is_written_in_the_recipients_language_not_the_senders(english_speaker, resident):
    with translation.override("pl"):
        english = notify(recipient=english_speaker, kind="welcome", url="/konto/", send_email=False)
    with translation.override("en"):
        polish = notify(recipient=resident, kind="welcome", url="/konto/", send_email=False)

    assert english.title == "Welcome to Razem"
    assert english.body.startswith("Hello John, your e-mail address is confirmed")
    assert "Maria" in polish.body
    assert polish.title == in_polish("Welcome to %(site_name)s") % {"site_name": "Razem"}
    assert polish.title != english.title
    assert not polish.body.startswith("Hello")


@pytest.mark.uncommitted  # looks at the outbox before the worker sends
def test_a_notification_also_queues_an_email_in_the_recipients_language(english_speaker):
    notification = notify(recipient=english_speaker, kind="welcome", url="/konto/")

    email = OutboxEmail.objects.get()
    assert email.to == "john.smith@example.org"
    assert email.recipient == english_speaker
    assert email.subject == "[Razem] Welcome to Razem"
    assert email.language == "en"
    assert email.kind == "welcome"
    assert email.status == OutboxEmail.Status.PENDING
    assert notification.body in email.body_text
    assert "http://127.0.0.1:8000/konto/" in email.body_text
    assert 'href="http://127.0.0.1:8000/konto/"' in email.body_html


def test_a_polish_speaker_gets_a_polish_email(resident):
    notify(recipient=resident, kind="welcome")

    assert OutboxEmail.objects.get().language == "pl"


def test_the_email_is_sent_only_after_the_transaction_commits(
    english_speaker, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(recipient=english_speaker, kind="welcome", url="/konto/")
        assert mailoutbox == []
        assert OutboxEmail.objects.get().status == OutboxEmail.Status.PENDING

    # One for the e-mail (the page cache also renews the tables written, after the commit).
    assert len([c for c in callbacks if not isinstance(c, pagecache._Renewal)]) == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["john.smith@example.org"]
    assert message.subject == "[Razem] Welcome to Razem"
    assert "text/html" in [mimetype for _, mimetype in message.alternatives]
    email = OutboxEmail.objects.get()
    assert email.status == OutboxEmail.Status.SENT
    assert email.sent_at is not None
    assert email.attempts == 1
    assert email.last_error == ""


def test_an_inactive_person_gets_the_notification_but_no_email(resident):
    resident.is_active = False
    resident.save()

    notify(recipient=resident, kind="welcome")

    assert Notification.objects.filter(recipient=resident).count() == 1
    assert not OutboxEmail.objects.exists()


def test_a_failing_transport_is_recorded_and_scheduled_for_another_try(
    resident, broken_smtp, mailoutbox, django_capture_on_commit_callbacks
):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=resident, kind="welcome")

    email = OutboxEmail.objects.get()
    assert email.status == OutboxEmail.Status.FAILED
    assert email.attempts == 1
    assert email.sent_at is None
    assert email.last_error.startswith(("ConnectionRefusedError", "TimeoutError")), email.last_error
    assert email.next_attempt_at is not None
    assert email.next_attempt_at >= before + datetime.timedelta(minutes=1)
    assert mailoutbox == []


@pytest.mark.uncommitted  # looks at the outbox before the worker sends
def test_after_the_last_allowed_attempt_the_outbox_gives_up(resident, broken_smtp):
    broken_smtp.RAZEM_OUTBOX_MAX_ATTEMPTS = 3
    email = queue_email(to=resident.email, subject="Hello", body_text="Hi", recipient=resident)

    statuses = []
    for _ in range(3):
        statuses.append(deliver(email.pk))

    email.refresh_from_db()
    assert statuses == ["failed", "failed", "gave_up"]
    assert email.status == OutboxEmail.Status.GAVE_UP
    assert email.attempts == 3
    assert email.next_attempt_at is None
    assert email.last_error
    assert deliver(email.pk) == "gave_up"
    email.refresh_from_db()
    assert email.attempts == 3


def test_the_retry_delay_grows_after_each_failure(resident, broken_smtp):
    email = queue_email(to=resident.email, subject="Hello", body_text="Hi", recipient=resident)

    delays = []
    for _ in range(3):
        started = timezone.now()
        deliver(email.pk)
        email.refresh_from_db()
        delays.append(email.next_attempt_at - started)

    assert delays[0] < delays[1] < delays[2]
    assert delays[0] >= datetime.timedelta(minutes=1)


@pytest.mark.uncommitted  # looks at the outbox before the worker sends
def test_razem_outbox_retry_sends_the_due_emails_once_the_transport_works(
    resident, other_resident, broken_smtp, mailoutbox
):
    due = queue_email(to=resident.email, subject="Due", body_text="Hi", recipient=resident)
    not_yet = queue_email(to=other_resident.email, subject="Not yet", body_text="Hi", recipient=other_resident)
    deliver(due.pk)
    deliver(not_yet.pk)
    OutboxEmail.objects.filter(pk=due.pk).update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    broken_smtp.MAILERS = {"default": {"BACKEND": LOCMEM}}

    out = io.StringIO()
    call_command("outbox", retry=True, stdout=out)

    due.refresh_from_db()
    not_yet.refresh_from_db()
    assert due.status == OutboxEmail.Status.SENT
    assert due.attempts == 2
    assert due.last_error == ""
    assert not_yet.status == OutboxEmail.Status.FAILED
    assert not_yet.attempts == 1
    assert [m.subject for m in mailoutbox] == ["[Razem] Due"]
    assert "Attempted: 1" in out.getvalue()
    assert "sent: 1" in out.getvalue()
    assert "failed: 1" in out.getvalue()


def test_razem_outbox_retry_also_sends_emails_that_never_left(resident, mailoutbox):
    queue_email(to=resident.email, subject="Stuck", body_text="Hi", recipient=resident)

    call_command("outbox", retry=True, stdout=io.StringIO())

    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT
    assert [m.subject for m in mailoutbox] == ["[Razem] Stuck"]


def test_a_sent_email_is_never_sent_twice(resident, mailoutbox):
    email = queue_email(to=resident.email, subject="Once", body_text="Hi", recipient=resident)

    deliver(email.pk)
    deliver(email.pk)
    call_command("outbox", retry=True, stdout=io.StringIO())

    assert len(mailoutbox) == 1


# In the pages.


def unread_badge(response) -> str | None:
    """The number on the badge next to "Notifications" in the header, or None without a badge."""
    match = re.search(r'<span class="badge[^"]*">(\d+)<span class="visually-hidden">', response.content.decode())
    return match.group(1) if match else None


def _notifications_for(person, count: int) -> list[Notification]:
    return [Notification.objects.create(recipient=person, kind="test", title=f"Notice {n}") for n in range(count)]


def test_the_header_shows_how_many_notifications_are_unread(resident_client, resident, other_resident):
    _notifications_for(resident, 3)
    _notifications_for(other_resident, 2)
    Notification.objects.filter(title="Notice 0", recipient=resident).update(read_at=timezone.now())

    response = resident_client.get("/")

    assert unread_badge(response) == "2"


def test_the_header_shows_no_badge_when_everything_is_read(resident_client, resident):
    response = resident_client.get("/")

    assert unread_badge(response) is None


def test_the_recipient_can_mark_a_notification_as_read(resident_client, resident):
    notification, other = _notifications_for(resident, 2)

    response = resident_client.post(f"/powiadomienia/{notification.pk}/przeczytane/")

    assert response.status_code == 302
    assert response["Location"] == "/powiadomienia/"
    notification.refresh_from_db()
    other.refresh_from_db()
    assert notification.read_at is not None
    assert other.read_at is None
    assert unread_badge(resident_client.get("/")) == "1"


def test_marking_as_read_returns_to_the_page_it_was_done_on(resident_client, resident):
    (notification,) = _notifications_for(resident, 1)

    response = resident_client.post(f"/powiadomienia/{notification.pk}/przeczytane/", {"next": "/konto/"})
    elsewhere = resident_client.post(
        f"/powiadomienia/{notification.pk}/przeczytane/", {"next": "https://evil.example/phish"}
    )

    assert response["Location"] == "/konto/"
    assert elsewhere["Location"] == "/powiadomienia/"


def test_marking_as_read_from_htmx_returns_just_the_updated_item(resident_client, resident):
    (notification,) = _notifications_for(resident, 1)

    response = resident_client.post(f"/powiadomienia/{notification.pk}/przeczytane/", headers={"HX-Request": "true"})

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<li")
    assert f'id="notification-{notification.pk}"' in html
    assert "notification-unread" not in html
    assert "<html" not in html
    assert "Notice 0" in html
    assert in_polish("read") in text_of(response)
    assert "przeczytane/" not in html  # no "mark as read" button any more


def test_someone_elses_notification_cannot_be_marked_read(resident_client, other_resident):
    (notification,) = _notifications_for(other_resident, 1)

    response = resident_client.post(f"/powiadomienia/{notification.pk}/przeczytane/")

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_marking_as_read_needs_a_post(resident_client, resident):
    (notification,) = _notifications_for(resident, 1)

    response = resident_client.get(f"/powiadomienia/{notification.pk}/przeczytane/")

    assert response.status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_clears_the_badge_and_says_how_many(resident_client, resident, other_resident):
    _notifications_for(resident, 3)
    (others,) = _notifications_for(other_resident, 1)

    response = resident_client.post("/powiadomienia/wszystkie-przeczytane/", follow=True)

    assert response.redirect_chain == [("/powiadomienia/", 302)]
    assert "Oznaczono 3 powiadomienia jako przeczytane." in text_of(response)
    assert unread_badge(response) is None
    assert not Notification.objects.filter(recipient=resident, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert others.read_at is None
    assert LogEntry.objects.filter(action="core.notification.all_read", actor=resident).exists()


def test_the_notification_list_shows_only_ones_own_notifications(resident_client, resident, other_resident):
    Notification.objects.create(recipient=resident, kind="test", title="For Maria")
    Notification.objects.create(recipient=other_resident, kind="test", title="For Jan")

    response = resident_client.get("/powiadomienia/")

    assert response.status_code == 200
    assert "For Maria" in response.content.decode()
    assert "For Jan" not in response.content.decode()


def test_a_visitor_is_sent_to_sign_in_before_seeing_notifications(client, db):
    response = client.get("/powiadomienia/")

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logowanie/?next=/powiadomienia/")


def test_the_office_sees_failed_emails_with_their_error_in_the_outbox(officer_client, resident, broken_smtp):
    failed = queue_email(to=resident.email, subject="Will fail", body_text="Hi", recipient=resident)
    deliver(failed.pk)
    OutboxEmail.objects.create(to="jan@example.org", subject="Went out", body_text="Hi", status="sent")

    everything = officer_client.get("/panel/poczta/")
    only_failed = officer_client.get("/panel/poczta/", {"status": "failed"})

    assert "Went out" in text_of(everything)
    page = text_of(only_failed)
    assert "[Razem] Will fail" in page
    assert "Went out" not in page
    assert in_polish("Failed, will retry") in page
    failed.refresh_from_db()
    assert failed.last_error[:40] in page


def test_an_email_with_a_one_time_link_keeps_no_copy_of_the_link_once_sent(
    db, django_capture_on_commit_callbacks, mailoutbox
):
    from razem.core.models import OutboxEmail
    from razem.core.notifications import queue_email

    with django_capture_on_commit_callbacks(execute=True):
        queue_email(
            to="nowa@example.org",
            subject="Zaproszenie",
            body_text="https://razem.example/zaproszenie/SECRET123/",
            kind="organizations/invitation",
        )

    assert "SECRET123" in mailoutbox[0].body
    stored = OutboxEmail.objects.get()
    assert stored.status == "sent"
    assert "SECRET123" not in stored.body_text + stored.body_html
