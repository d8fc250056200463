"""The dated phases of a call for offers, declared once (``razem.core.schedule``).

``SCHEDULE`` holds the call's own steps: offers are accepted from the publication in Razem (``published_at``) until
the deadline (``submission_deadline``, judged to the second), then the offers are evaluated until the date of the
choice (``choice_date``). A draft, a cancelled and a decided call are in that state whatever the date.

``NOMINATIONS`` holds the recruitment of NGO members of the competition commission (Kraków's practice: the same
announcement recruits them): from the publication until ``nominations_close``, or until the deadline for offers when
the call sets no earlier close.

The order rules (``validate``) are those the office's form and the services check: the task ends on or after it
starts, the choice comes after the deadline, nominations close no later than the deadline (and after the
publication). :func:`calendar` gives the rows of the public page's calendar (``includes/schedule.html``).
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from razem.core.schedule import Order, Phase, Schedule


def _state(call: Any) -> str | None:
    if call.status in {call.Status.DRAFT, call.Status.CANCELLED, call.Status.DECIDED}:
        return str(call.status)
    return None


SCHEDULE = Schedule(
    phases=[
        Phase(
            "open",
            start="published_at",
            end="submission_deadline",
            label=_("Accepting offers"),
            closed=_("Offers are accepted from %(start)s until %(end)s."),
        ),
        Phase(
            "closed",
            start="submission_deadline",
            end="choice_date",
            label=_("Evaluation and choice of offers"),
        ),
    ],
    before="draft",
    order=[
        Order("realization_start", "realization_end", _("The task cannot end before it starts.")),
        Order(
            "submission_deadline",
            "choice_date",
            _("Offers can be chosen only after the deadline for offers."),
            strict=True,
        ),
        Order(
            "nominations_close",
            "submission_deadline",
            _("Nominations to the commission must close no later than the deadline for offers."),
            error_field="nominations_close",
        ),
        Order(
            "published_at",
            "nominations_close",
            _("Nominations to the commission cannot close before the call is published."),
            strict=True,
        ),
    ],
    state=_state,
)


def _nominations_state(call: Any) -> str | None:
    if call.status != call.Status.ANNOUNCED:
        return "closed"
    if not call.recruits_commission:
        return "closed"
    return None


NOMINATIONS = Schedule(
    phases=[
        Phase(
            "nominations",
            start="published_at",
            end="nominations_close",
            end_default="submission_deadline",
            label=_("Nominations of NGO members of the competition commission"),
            closed=_("Nominations to the commission are open from %(start)s until %(end)s."),
        ),
        Phase("closed", start="nominations_close", end=None, start_default="submission_deadline", on_calendar=False),
    ],
    before="closed",
    state=_nominations_state,
)


def validate(call: Any) -> None:
    """The order of the call's dates (``ValidationError`` with a message per field)."""
    SCHEDULE.validate(call)


def nominations_close_at(call: Any) -> datetime.datetime:
    """When nominations to the commission close: ``nominations_close``, or the deadline for offers."""
    return call.nominations_close or call.submission_deadline  # type: ignore[no-any-return]


def recruits_now(call: Any, now: datetime.datetime | None = None) -> bool:
    return NOMINATIONS.is_in(call, "nominations", now=now)


def calendar(call: Any, now: datetime.datetime | None = None) -> list[dict[str, Any]]:
    """The rows of the call's public calendar: the nominations (when the call recruits), the offers, the choice."""
    rows = SCHEDULE.calendar(call, now)
    if call.recruits_commission:
        nominations = NOMINATIONS.calendar(call, now)
        rows = nominations + rows
    return rows


def time_left(deadline: datetime.datetime, now: datetime.datetime | None = None) -> dict[str, Any]:
    """How long is left until ``deadline``, as the list and the page say it: whole days when a day or more
    ("5 days left"), hours on the last day, or "past the deadline"."""
    now = now or timezone.now()
    if now > deadline:
        return {"past": True, "days": 0, "hours": 0}
    delta = deadline - now
    days = delta.days
    hours = delta.seconds // 3600
    return {"past": False, "days": days, "hours": hours, "today": days == 0}


def deadline_problem(deadline: datetime.datetime, last_publication: datetime.date) -> ValidationError | None:
    """The refusal of a deadline less than ``offer_submission_days`` after the last publication (art. 13 ust. 1),
    naming the earliest allowed deadline and the legal reference; None when the deadline is far enough."""
    from razem.core.deadlines import deadline as statutory_deadline
    from razem.core.schedule import when

    earliest = statutory_deadline("offer_submission_days", last_publication)
    if timezone.localtime(deadline).date() >= earliest.date:
        return None
    return ValidationError(
        {
            "submission_deadline": ValidationError(
                ngettext(
                    "The deadline for offers must be at least %(days)s day after the last publication of the call "
                    "(%(published)s; %(ref)s): set it on %(earliest)s or later.",
                    "The deadline for offers must be at least %(days)s days after the last publication of the call "
                    "(%(published)s; %(ref)s): set it on %(earliest)s or later.",
                    earliest.days,
                ),
                code="too_early",
                params={
                    "days": earliest.days,
                    "published": when(last_publication),
                    "ref": earliest.legal_ref,
                    "earliest": when(earliest.date),
                },
            )
        }
    )
