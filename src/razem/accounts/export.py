"""Personal data export (RODO art. 15 and 20): everything Razem holds about one person, as JSON.

Domain apps add their sections to ``razem.core.registry.personal_data`` in their ``AppConfig.ready()``.
"""

from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils import timezone

from razem.accounts.models import User
from razem.core import registry
from razem.core.models import LogEntry, Notification, OutboxEmail

Section = Callable[[User], Any]


def register(name: str, section: Section, covers: tuple[str, ...] = ()) -> None:
    registry.personal_data.register(registry.PersonalDataSection(name, section, covers))


def _profile(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "grammatical_gender": user.grammatical_gender,
        "phone": user.phone,
        "preferred_language": user.preferred_language,
        "role": user.role,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


def _emails(user: User) -> list[dict[str, Any]]:
    return [
        {"email": e.email, "verified": e.verified, "primary": e.primary}
        for e in EmailAddress.objects.filter(user=user).order_by("email")
    ]


def _second_factors(user: User) -> list[dict[str, Any]]:
    # Only that a factor exists and when it was used; never its secret.
    return [
        {
            "type": a.type,
            "created_at": a.created_at.isoformat(),
            "last_used_at": a.last_used_at and a.last_used_at.isoformat(),
        }
        for a in Authenticator.objects.filter(user=user).order_by("created_at")
    ]


def _notifications(user: User) -> list[dict[str, Any]]:
    return [
        {
            "title": n.title,
            "body": n.body,
            "url": n.url,
            "created_at": n.created_at.isoformat(),
            "read_at": n.read_at and n.read_at.isoformat(),
        }
        for n in Notification.objects.filter(recipient=user).order_by("created_at")
    ]


def _emails_sent(user: User) -> list[dict[str, Any]]:
    return [
        {
            "subject": e.subject,
            "status": e.status,
            "created_at": e.created_at.isoformat(),
            "sent_at": e.sent_at and e.sent_at.isoformat(),
        }
        for e in OutboxEmail.objects.filter(recipient=user).order_by("created_at")
    ]


def _activity(user: User) -> list[dict[str, Any]]:
    return [
        {
            "when": e.created_at.isoformat(),
            "action": e.action,
            "object": e.object_repr,
            "data": e.data,
            "ip_address": e.ip_address,
        }
        for e in LogEntry.objects.filter(actor=user).order_by("created_at")
    ]


register("profile", _profile)
register("email_addresses", _emails)
register("second_factors", _second_factors)
register("notifications", _notifications, covers=("core.Notification.recipient",))
register("emails_sent", _emails_sent)
register("activity_log", _activity)


def personal_data(user: User) -> dict[str, Any]:
    data: dict[str, Any] = {"generated_at": timezone.now().isoformat(), "format": "razem-personal-data/1"}
    for section in registry.personal_data:
        data[section.key] = section.export(user)
    return data
