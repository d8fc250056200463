"""Dated phases, declared once: an election's calendar, a meeting's registration window, a call for offers, a
consultation. One declaration gives the current phase, the order validation of the dates, the rows of the public
calendar (``includes/schedule.html``), the window predicates of ``rules`` and the refusal that names the window.

A :class:`Schedule` is an ordered list of :class:`Phase` objects between date fields of the object: the phase
``nominations`` runs from ``nominations_open`` to ``nominations_close``. A phase's start or end may be empty
(``None`` field or a field left empty on the object), and an end may fall back on another field
(``registration_closes_at`` or else ``starts_at``). ``before`` names the phase before the first date, and
``state`` may override the phase entirely (a draft, a cancelled election, registration not run in Razem).
"""

import dataclasses
import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.functional import Promise


def when(value: datetime.datetime | datetime.date | None) -> str:
    """A moment as people read it: "5 grudnia 2026 17:00" (local time), or a date alone."""
    if value is None:
        return "…"
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return formats.date_format(value, "DATE_FORMAT")


@dataclasses.dataclass(frozen=True)
class Phase:
    """A step between two date fields; ``start_default`` and ``end_default`` are read when the field is empty.

    ``shown_from`` moves the start shown on the public calendar (support for candidates is shown from the opening
    of nominations, though as a phase it follows them); ``hide_when_empty`` leaves the row out when it lasts no
    time; ``closed`` is the refusal outside the phase, with ``%(start)s`` and ``%(end)s``."""

    key: str
    start: str | None
    end: str | None
    label: str | Promise = ""
    start_default: str | None = None
    end_default: str | None = None
    shown_from: str | None = None
    hide_when_empty: bool = False
    closed: str | Promise = ""
    on_calendar: bool = True
    also_current: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Order:
    """``earlier`` must come before ``later`` (or on the same moment unless ``strict``); else ``message`` goes on
    the field ``later``. Fields empty on the object are not compared."""

    earlier: str
    later: str
    message: str | Promise
    strict: bool = False
    error_field: str | None = None


class Schedule:
    def __init__(
        self,
        *,
        phases: Sequence[Phase],
        before: str,
        order: Iterable[Order] = (),
        state: Callable[[Any], str | None] | None = None,
    ) -> None:
        self.phases = list(phases)
        self.by_key = {p.key: p for p in self.phases}
        self.before = before
        self.order = list(order)
        self.state = state

    # Dates ----------------------------------------------------------------------------------------------------

    @staticmethod
    def _value(obj: Any, field: str | None) -> Any:
        return getattr(obj, field) if field else None

    def start_of(self, obj: Any, key: str) -> Any:
        phase = self.by_key[key]
        return self._value(obj, phase.start) or self._value(obj, phase.start_default)

    def end_of(self, obj: Any, key: str) -> Any:
        phase = self.by_key[key]
        return self._value(obj, phase.end) or self._value(obj, phase.end_default)

    @staticmethod
    def _as_moment(value: Any) -> Any:
        if isinstance(value, datetime.datetime) or value is None:
            return value
        # A date ends at the end of that day, local time.
        return timezone.make_aware(datetime.datetime.combine(value, datetime.time.max))

    # The current phase ----------------------------------------------------------------------------------------

    def current(self, obj: Any, now: datetime.datetime | None = None) -> str:
        """The phase the object is in at ``now``: the state override, ``before``, or the last phase started (a phase
        with no start date on the object has started)."""
        if self.state is not None:
            overridden = self.state(obj)
            if overridden:
                return overridden
        now = now or timezone.now()
        current = self.before
        for phase in self.phases:
            start = self._as_moment(self.start_of(obj, phase.key))
            if start is not None and now < start:
                break
            current = phase.key
        return current

    def is_in(self, obj: Any, *keys: str, now: datetime.datetime | None = None) -> bool:
        return obj is not None and self.current(obj, now) in keys

    def window(self, obj: Any, *keys: str) -> tuple[Any, Any]:
        """The start of the first and the end of the last of ``keys``."""
        return self.start_of(obj, keys[0]), self.end_of(obj, keys[-1])

    def closed_message(self, obj: Any, *keys: str) -> str:
        """The refusal outside the window of ``keys`` (from the start of the first to the end of the last), naming
        its dates, in the words of the last of them that has a ``closed`` text: support for candidates, given
        during nominations and the support phase, is refused with the support phase's words."""
        message = next(self.by_key[key].closed for key in reversed(keys) if self.by_key[key].closed)
        start, end = self.window(obj, *keys)
        return str(message) % {"start": when(start), "end": when(end)}

    def predicate(self, *keys: str, name: str | None = None) -> rules.Predicate:
        """A rules predicate: the object (the permission's target) is in one of the phases ``keys`` now."""

        def check(user: Any, obj: Any) -> bool:
            return self.is_in(obj, *keys)

        return rules.Predicate(check, name=name or f"in_phase_{'_or_'.join(keys)}")

    # Validation -----------------------------------------------------------------------------------------------

    def validate(self, obj: Any) -> None:
        """Every date after the one before it: ``ValidationError`` with a message per field."""
        errors: dict[str, str] = {}
        for rule in self.order:
            earlier, later = self._value(obj, rule.earlier), self._value(obj, rule.later)
            if earlier is None or later is None:
                continue
            if isinstance(earlier, datetime.datetime) != isinstance(later, datetime.datetime):
                earlier, later = self._as_date(earlier), self._as_date(later)
            if later < earlier or (rule.strict and later == earlier):
                errors.setdefault(rule.error_field or rule.later, str(rule.message))
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _as_date(value: Any) -> datetime.date:
        return timezone.localtime(value).date() if isinstance(value, datetime.datetime) else value

    # The public calendar --------------------------------------------------------------------------------------

    def calendar(self, obj: Any, now: datetime.datetime | None = None) -> list[dict[str, Any]]:
        """Rows for ``includes/schedule.html``: label, start, end (and whether each is a date rather than a moment),
        whether it is the current phase."""
        current = self.current(obj, now)
        rows = []
        for phase in self.phases:
            if not phase.on_calendar:
                continue
            start = self._value(obj, phase.shown_from) if phase.shown_from else self.start_of(obj, phase.key)
            end = self.end_of(obj, phase.key)
            if phase.hide_when_empty and start == end:
                continue
            rows.append(
                {
                    "phase": phase.key,
                    "label": phase.label,
                    "start": start,
                    "end": end,
                    "start_is_date": start is not None and not isinstance(start, datetime.datetime),
                    "end_is_date": end is not None and not isinstance(end, datetime.datetime),
                    "now": current == phase.key or current in phase.also_current,
                }
            )
        return rows
