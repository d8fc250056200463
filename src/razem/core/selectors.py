"""Reads of the kernel: each list is filtered by what the person may see and costs a fixed number of queries."""

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from razem.core.models import LogEntry, Notification


def notification_list_for(*, user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_notification_count(*, user: Any) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user).unread().count()


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def logentry_list(
    *,
    person: str = "",
    object_type: str = "",
    object_id: str = "",
    action: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[LogEntry]:
    """The audit log for city staff, newest first. ``person`` matches the recorded name or e-mail."""
    entries = LogEntry.objects.select_related("actor").order_by("-created_at", "-id")
    if person:
        entries = entries.filter(Q(actor_label__icontains=person) | Q(actor__email__iexact=person))
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    if action:
        entries = entries.filter(action__startswith=action)
    if date_from:
        entries = entries.filter(created_at__gte=_day_start(date_from))
    if date_to:
        entries = entries.filter(created_at__lt=_day_start(date_to + datetime.timedelta(days=1)))
    return entries


def logentry_object_types() -> list[tuple[str, str]]:
    """Every model a log entry can point at, as (label, verbose name); no query."""
    from django.apps import apps

    return sorted(
        (
            (m._meta.label_lower, str(m._meta.verbose_name).capitalize())
            for m in apps.get_models()
            if m.__module__.startswith("razem.")
        ),
        key=lambda item: item[1],
    )
