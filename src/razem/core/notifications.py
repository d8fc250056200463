"""Services for notifications and e-mail: in-app notices and an outbox sent by the worker."""

import base64
import contextlib
import contextvars
import dataclasses
import datetime
import importlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise

from razem.core import audit
from razem.core.models import Notification, OutboxEmail


@dataclasses.dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    content: bytes


def _language_of(user: Any) -> str:
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


def queue_email(
    *,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    recipient: Any = None,
    kind: str = "",
    language: str = "",
    attachments: list[Attachment] | None = None,
) -> OutboxEmail:
    """Put an e-mail in the outbox; the worker sends it once the transaction commits."""
    from razem.core.tasks import send_outbox_email

    prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
    email = OutboxEmail.objects.create(
        recipient=recipient,
        to=to,
        subject=(subject if subject.startswith(prefix) else prefix + subject)[:300],
        body_text=body_text,
        body_html=body_html,
        kind=kind,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        attachments=[
            {"name": a.name, "type": a.content_type, "content": base64.b64encode(a.content).decode("ascii")}
            for a in attachments or []
        ],
    )
    transaction.on_commit(lambda: send_outbox_email.enqueue(email.pk))
    return email


@transaction.atomic
def notify(
    *,
    recipient: Any,
    kind: str,
    context: dict[str, Any] | None = None,
    url: str = "",
    send_email: bool = True,
    attachments: list[Attachment] | None = None,
) -> Notification:
    """Notify one person, in their language, in the app and (by default) by e-mail.

    ``kind`` names the templates ``notifications/<kind>/title.txt`` and ``body.txt``.
    """
    ctx = {
        "recipient": recipient,
        "url": url,
        "base_url": settings.RAZEM_BASE_URL,
        "site_name": settings.RAZEM_SITE_NAME,
        "office": settings.RAZEM_OFFICE,
        **(context or {}),
    }
    language = _language_of(recipient)
    with translation.override(language):
        title = " ".join(render_to_string(f"notifications/{kind}/title.txt", ctx).split())
        body = render_to_string(f"notifications/{kind}/body.txt", ctx).strip()
        notification = Notification.objects.create(
            recipient=recipient, kind=kind, title=title[:300], body=body, url=url
        )
        if send_email and recipient.is_active and recipient.email:
            email_ctx = {**ctx, "title": title, "body": body}
            queue_email(
                to=recipient.email,
                subject=title,
                body_text=render_to_string("notifications/email.txt", email_ctx),
                body_html=render_to_string("notifications/email.html", email_ctx),
                recipient=recipient,
                kind=kind,
                language=language,
                attachments=attachments,
            )
    audit.record(actor=None, action="core.notification.created", obj=notification, data={"kind": kind})
    return notification


@transaction.atomic
def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit.record(actor=actor, action="core.notification.read", obj=notification)
    return notification


@transaction.atomic
def notification_mark_all_read(*, actor: Any) -> int:
    count = Notification.objects.filter(recipient=actor).unread().update(read_at=timezone.now())
    if count:
        audit.record(actor=actor, action="core.notification.all_read", obj=actor, data={"count": count})
    return count


# Many recipients ---------------------------------------------------------------------------------------------------


def notify_many(
    *,
    kind: str,
    audience: Iterable[Any],
    context: dict[str, Any] | None = None,
    url: str = "",
    send_email: bool = True,
    personal: Callable[[Any, dict[str, Any]], dict[str, Any]] | None = None,
    attachments: Callable[[Any, dict[str, Any]], list[Attachment]] | None = None,
    exclude: Any = None,
) -> None:
    """Notify everyone in ``audience`` (people or their ids, a queryset included), each in their language.

    Nothing is rendered or sent here: after the commit a task (``core.tasks.deliver_notifications``) does it, so a
    service never builds messages while it holds a lock, and a rolled-back change tells nobody. ``context`` holds
    model instances and plain values; ``personal(recipient, context)`` adds what differs per person (their
    registration, say) and ``attachments(recipient, context)`` builds files (an ``.ics``); both must be
    module-level functions, named by the task. ``exclude`` (a person) is left out, e.g. the one who acted."""
    from razem.core.tasks import deliver_notifications

    ids = sorted({getattr(person, "pk", person) for person in audience} - {getattr(exclude, "pk", exclude)} - {None})
    if not ids:
        return
    payload = {
        "kind": kind,
        "recipient_ids": ids,
        "context": pack(context or {}),
        "url": url,
        "send_email": send_email,
        "personal": _dotted(personal),
        "attachments": _dotted(attachments),
    }
    if _deliver_now.get():
        deliver(payload)
    else:
        transaction.on_commit(lambda: deliver_notifications.enqueue(payload))


def deliver(payload: dict[str, Any]) -> int:
    """Deliver one ``notify_many`` call: one notification per person still active, in their language."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    context = unpack(payload["context"])
    personal = resolve(payload["personal"])
    attachments = resolve(payload["attachments"])
    sent = 0
    for person in User.objects.filter(pk__in=payload["recipient_ids"], is_active=True).order_by("pk").iterator(500):
        own = {**context, **(personal(person, context) if personal else {})}
        notify(
            recipient=person,
            kind=payload["kind"],
            context=own,
            url=payload["url"],
            send_email=payload["send_email"],
            attachments=attachments(person, own) if attachments else None,
        )
        sent += 1
    return sent


_deliver_now: contextvars.ContextVar[bool] = contextvars.ContextVar("razem_deliver_now", default=False)


@contextlib.contextmanager
def delivered_now() -> Iterator[None]:
    """Within the block ``notify_many`` delivers at once instead of after the commit: for loaders of records that
    tell of the past (the demo), never for a service, which must not tell before its change is committed."""
    token = _deliver_now.set(True)
    try:
        yield
    finally:
        _deliver_now.reset(token)


def _dotted(function: Callable[..., Any] | None) -> str:
    if function is None:
        return ""
    if "<" in function.__qualname__:
        raise ValueError(f"{function!r} must be a module-level function: the task imports it by name")
    return f"{function.__module__}:{function.__qualname__}"


def resolve(dotted: str) -> Callable[..., Any] | None:
    if not dotted:
        return None
    module, _, name = dotted.partition(":")
    return getattr(importlib.import_module(module), name)


def pack(value: Any) -> Any:
    """A context as JSON for a task: model instances by label and key, dates as ISO text."""
    if isinstance(value, models.Model):
        return {"__model__": value._meta.label_lower, "pk": value.pk}
    if isinstance(value, datetime.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {str(k): pack(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [pack(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"{type(value).__name__} cannot go into a notification's context")


def unpack(value: Any) -> Any:
    if isinstance(value, dict):
        if "__model__" in value:
            from django.apps import apps

            model = apps.get_model(value["__model__"])
            return model._default_manager.filter(pk=value["pk"]).first()
        if "__datetime__" in value:
            return datetime.datetime.fromisoformat(value["__datetime__"])
        if "__date__" in value:
            return datetime.date.fromisoformat(value["__date__"])
        return {k: unpack(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unpack(v) for v in value]
    return value


def retry_delay(attempts: int) -> datetime.timedelta:
    """Back off 1, 4, 9, 16 ... minutes after each failure."""
    return datetime.timedelta(minutes=attempts * attempts)
