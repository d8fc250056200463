"""The history of an object, read from the audit log through a display registry: which action codes are shown, with
what words, and to whom (the public, or the office only). Workflows register their transitions here themselves;
an app may add other codes with :func:`describe`. ``includes/history.html`` renders what :func:`history_of` returns.
"""

import dataclasses
from typing import Any

from django.db import models
from django.utils.functional import Promise

from razem.core.models import LogEntry


@dataclasses.dataclass(frozen=True)
class Display:
    action: str
    label: str | Promise
    public: bool = False
    show_reason: bool = True


_displays: dict[str, Display] = {}


def describe(action: str, label: str | Promise, *, public: bool = False, show_reason: bool = True) -> None:
    _displays[action] = Display(action, label, public, show_reason)


def display_of(action: str) -> Display | None:
    return _displays.get(action)


def history_of(obj: models.Model, *, public: bool) -> list[dict[str, Any]]:
    """The described entries about ``obj``, oldest first; ``public`` keeps only those the public may read (and then
    without who did it: the office acts as the office)."""
    shown = {code for code, d in _displays.items() if d.public or not public}
    entries = LogEntry.objects.for_object(obj).filter(action__in=shown).order_by("created_at", "id")
    rows = []
    for entry in entries:
        display = _displays[entry.action]
        rows.append(
            {
                "when": entry.created_at,
                "label": display.label,
                "who": "" if public else entry.actor_label,
                "reason": (entry.data or {}).get("reason", "") if display.show_reason else "",
            }
        )
    return rows
