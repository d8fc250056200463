"""Deadlines of the law and of the office's practice, counted from the statutory values (``core.StatutoryValue``).

``deadline("council_opinion_days", received_on)`` gives the date and its legal reference. A value whose unit is
``days`` counts calendar days; ``working_days`` counts days that are neither Saturday, Sunday nor a Polish public
holiday (ustawa o dniach wolnych od pracy, with 24 December from 2025), as the `holidays` package keeps them.
No day count of the law or of the office's practice is a literal in code: each is a code in
``core/data/statutory_values.json``, valid from a date, and changed in the admin when the law changes.
"""

import dataclasses
import datetime
import functools

import holidays

from razem.core.reference import statutory_record

CALENDAR_DAYS = "days"
WORKING_DAYS = "working_days"


@functools.lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("PL", years=year))


def is_public_holiday(day: datetime.date) -> bool:
    return day in _holidays(day.year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and not is_public_holiday(day)


def add_working_days(start: datetime.date, count: int) -> datetime.date:
    """The ``count``-th working day after ``start`` (``start`` itself is not counted, as in art. 57 § 1 KPA)."""
    day = start
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


@dataclasses.dataclass(frozen=True)
class Deadline:
    code: str
    date: datetime.date
    days: int
    counting: str
    legal_ref: str


def days_of(code: str, on: datetime.date | None = None) -> int:
    """The number of days a rule gives (for a window such as "due within a week"), valid on ``on``."""
    return int(statutory_record(code, on).value)


def deadline(code: str, start: datetime.date, *, on: datetime.date | None = None) -> Deadline:
    """The deadline a rule sets, counted from ``start`` (the day of delivery, publication ...): the rule valid
    on ``on`` (``start`` by default) gives the number and whether it counts calendar or working days."""
    record = statutory_record(code, on or start)
    days = int(record.value)
    if record.unit == WORKING_DAYS:
        date = add_working_days(start, days)
    elif record.unit == CALENDAR_DAYS:
        date = start + datetime.timedelta(days=days)
    else:
        raise ValueError(f"{code} is counted in {record.unit!r}, not in days")
    return Deadline(code=code, date=date, days=days, counting=record.unit, legal_ref=record.legal_ref)
