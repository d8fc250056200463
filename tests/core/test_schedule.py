"""Dated phases declared once (razem.core.schedule): the current phase, the order of the dates, the calendar rows,
the window predicate and the refusal that names the window."""

import dataclasses
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.core.schedule import Order, Phase, Schedule


def at(day: int, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, tzinfo=timezone.get_current_timezone())


@dataclasses.dataclass
class Call:
    opens: datetime.datetime | None
    closes: datetime.datetime | None
    starts: datetime.datetime
    results_on: datetime.date | None = None
    cancelled: bool = False


SCHEDULE = Schedule(
    phases=[
        Phase("open", start="opens", end="closes", end_default="starts", label="Submission",
              closed="Offers are taken from %(start)s to %(end)s."),
        Phase("closed", start="closes", start_default="starts", end="results_on", label="Evaluation",
              hide_when_empty=True, also_current=("cancelled",)),
    ],
    before="not_yet",
    order=[
        Order("opens", "closes", "It must close after it opens.", strict=True),
        Order("closes", "starts", "It must close before the task starts."),
    ],
    state=lambda call: "cancelled" if call.cancelled else None,
)  # fmt: skip


def test_the_current_phase_follows_the_dates_and_an_empty_end_falls_back():
    call = Call(opens=at(2), closes=None, starts=at(20))

    assert SCHEDULE.current(call, at(1)) == "not_yet"
    assert SCHEDULE.current(call, at(2)) == "open"
    assert SCHEDULE.current(call, at(19, 23)) == "open"
    assert SCHEDULE.current(call, at(20)) == "closed"  # closes empty: submission ends when the task starts


def test_an_empty_start_means_open_at_once_and_the_state_overrides_the_dates():
    assert SCHEDULE.current(Call(opens=None, closes=at(10), starts=at(20)), at(1)) == "open"
    assert SCHEDULE.current(Call(opens=at(2), closes=at(10), starts=at(20), cancelled=True), at(5)) == "cancelled"


def test_the_order_of_the_dates_is_validated_with_a_message_on_the_later_field():
    with pytest.raises(ValidationError) as invalid:
        SCHEDULE.validate(Call(opens=at(10), closes=at(10), starts=at(5)))

    assert invalid.value.message_dict == {
        "closes": ["It must close after it opens."],
        "starts": ["It must close before the task starts."],
    }
    SCHEDULE.validate(Call(opens=at(2), closes=at(10), starts=at(10)))  # the same moment is allowed when not strict


def test_the_window_predicate_and_its_refusal_come_from_the_same_declaration():
    call = Call(opens=timezone.now() + datetime.timedelta(days=1), closes=None,
                starts=timezone.now() + datetime.timedelta(days=9))  # fmt: skip
    is_open = SCHEDULE.predicate("open")

    assert not is_open.test(None, call)
    call.opens = timezone.now() - datetime.timedelta(days=1)
    assert is_open.test(None, call)
    assert SCHEDULE.closed_message(Call(opens=at(2), closes=at(10), starts=at(20)), "open").startswith(
        "Offers are taken from 2 marca 2026"
    )


def test_the_calendar_rows_mark_the_current_phase_and_say_whether_an_end_is_a_date():
    call = Call(opens=at(2), closes=at(10), starts=at(20), results_on=datetime.date(2026, 4, 1))

    rows = SCHEDULE.calendar(call, now=at(12))

    assert [(r["phase"], r["now"], r["end_is_date"]) for r in rows] == [("open", False, False), ("closed", True, True)]
