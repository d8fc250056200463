"""The audit log: every write service calls :func:`record` inside its transaction."""

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.http import HttpRequest

from razem.core.models import LogEntry

# Keys whose values never reach the log, whatever service passes them.
SECRET_MARKERS = ("password", "secret", "token", "key", "otp", "code", "ballot", "vote_choice")


def scrub(data: Mapping[str, Any] | None) -> dict[str, Any]:
    """Drop secrets and make values JSON-friendly."""
    clean: dict[str, Any] = {}
    for name, value in (data or {}).items():
        if any(marker in name.lower() for marker in SECRET_MARKERS):
            continue
        if isinstance(value, Mapping):
            clean[name] = scrub(value)
        elif isinstance(value, str | int | float | bool) or value is None:
            clean[name] = value
        elif isinstance(value, list | tuple | set):
            clean[name] = [v if isinstance(v, str | int | float | bool) or v is None else str(v) for v in value]
        else:
            clean[name] = str(value)
    return clean


def actor_label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "system"
    return f"{actor.get_full_name() or ''} <{actor.email}>".strip()


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    data: Mapping[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> LogEntry:
    """Write one audit entry. ``action`` is a dotted code such as ``accounts.user.profile_changed``."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return LogEntry.objects.create(
        actor=user,
        actor_label=actor_label(user),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        data=scrub(data),
        ip_address=client_ip(request),
    )
