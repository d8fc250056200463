"""The audit log: every write service calls :func:`record` inside its transaction."""

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.http import HttpRequest

from razem.core.models import LogEntry

# Keys whose values never reach the log, whatever service passes them: a key is secret when one of its
# words (split on "_") is below, so "new_password1", "reset_token" and "totp_code" go, "postal_code" stays.
SECRET_WORDS = {"password", "password1", "password2", "passwd", "secret", "token", "key", "otp", "ballot", "choice"}
SECRET_CODE_PREFIXES = {"", "totp", "recovery", "verification", "login", "reset", "confirmation", "mfa", "auth"}


def is_secret(name: str) -> bool:
    words = name.lower().replace("-", "_").split("_")
    if any(word in SECRET_WORDS or word.startswith("password") for word in words):
        return True
    if words[-1] in {"code", "codes"}:
        return "_".join(words[:-1]) in SECRET_CODE_PREFIXES
    return False


def scrub(data: Mapping[str, Any] | None) -> dict[str, Any]:
    """Drop secrets and make values JSON-friendly."""
    clean: dict[str, Any] = {}
    for name, value in (data or {}).items():
        if is_secret(name):
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
        return ""  # shown as "System" in the reader's language
    return f"{actor.get_full_name() or ''} <{actor.email}>".strip()


def client_ip(request: HttpRequest | None) -> str | None:
    """The visitor's address, trusting X-Forwarded-For only as far as RAZEM_TRUSTED_PROXY_COUNT says."""
    if request is None:
        return None
    from allauth.core.internal.httpkit import get_client_ip

    try:
        return get_client_ip(request)
    except Exception:  # noqa: BLE001 - a malformed header must not stop a write
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
