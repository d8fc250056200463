"""Background tasks of the kernel, run by ``razem worker`` (django.tasks with the database backend)."""

import base64
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import default_task_backend, task
from django.utils import timezone

from razem.core.models import OutboxEmail
from razem.core.notifications import retry_delay

logger = logging.getLogger(__name__)
REDACTED = "[removed after sending: the message contained a one-time link]"


def deliver(email_id: int) -> str:
    """Send one outbox e-mail; record success, or the error and when to try again."""
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update().get(pk=email_id)
        if email.status in {OutboxEmail.Status.SENT, OutboxEmail.Status.GAVE_UP}:
            return email.status
        message = EmailMultiAlternatives(
            subject=email.subject, body=email.body_text, from_email=settings.DEFAULT_FROM_EMAIL, to=[email.to]
        )
        if email.body_html:
            message.attach_alternative(email.body_html, "text/html")
        for attachment in email.attachments or []:
            message.attach(attachment["name"], base64.b64decode(attachment["content"]), attachment["type"])
        email.attempts += 1
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - any transport error is recorded and retried
            logger.warning("E-mail %s to %s failed: %s", email.pk, email.to, exc)
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if email.attempts >= settings.RAZEM_OUTBOX_MAX_ATTEMPTS:
                email.status = OutboxEmail.Status.GAVE_UP
                email.next_attempt_at = None
            else:
                email.status = OutboxEmail.Status.FAILED
                email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
        else:
            email.status = OutboxEmail.Status.SENT
            email.sent_at = timezone.now()
            email.next_attempt_at = None
            email.last_error = ""
            if email.kind in settings.RAZEM_OUTBOX_REDACTED_KINDS:
                # The message carried a one-time link (invitation, confirmation, password reset): once
                # delivered, the outbox keeps only that it was sent, so a database dump cannot replay it.
                email.body_text = REDACTED
                email.body_html = ""
        email.save(
            update_fields=["attempts", "status", "sent_at", "next_attempt_at", "last_error", "body_text", "body_html"]
        )
    if email.status == OutboxEmail.Status.FAILED and default_task_backend.supports_defer:
        send_outbox_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
    return email.status


@task()
def send_outbox_email(email_id: int) -> str:
    return deliver(email_id)


@task()
def deliver_notifications(payload: dict) -> int:
    """The notifications of one ``notify_many`` call (``core.notifications.deliver``)."""
    from razem.core.notifications import deliver

    return deliver(payload)


def retry_due(now=None) -> int:  # type: ignore[no-untyped-def]
    """Send every failed e-mail whose next attempt is due (used by ``razem outbox``)."""
    now = now or timezone.now()
    due = list(
        OutboxEmail.objects.filter(
            status__in=[OutboxEmail.Status.FAILED, OutboxEmail.Status.PENDING], next_attempt_at__lte=now
        ).values_list("pk", flat=True)
    )
    pending = list(
        OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING, next_attempt_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    for pk in due + pending:
        deliver(pk)
    return len(due) + len(pending)
