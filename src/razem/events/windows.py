"""The registration window of a meeting, declared once (``razem.core.schedule``).

``not_yet`` before ``registration_opens_at`` (no date: open from publication), ``open`` until
``registration_closes_at`` or else the start of the meeting, then ``closed``; ``none`` when registration does not
run in Razem. The same declaration gives ``Meeting.registration_window_state()``, the order of the dates checked by
``validate_meeting``, the ``registration_is_open`` predicate and the rows of ``includes/schedule.html``.

This module imports no model, so that ``events.models`` can use it.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from razem.core.schedule import Order, Phase, Schedule

NONE, NOT_YET, OPEN, CLOSED = "none", "not_yet", "open", "closed"


def _state(meeting: Any) -> str | None:
    return None if meeting.registration_enabled else NONE


REGISTRATION = Schedule(
    phases=[
        Phase(
            OPEN,
            start="registration_opens_at",
            end="registration_closes_at",
            end_default="starts_at",
            label=pgettext_lazy("registration window", "Registration open"),
        ),
        Phase(
            CLOSED,
            start="registration_closes_at",
            start_default="starts_at",
            end=None,
            label=pgettext_lazy("registration window", "Registration closed"),
        ),
    ],
    before=NOT_YET,
    order=[
        Order(
            "registration_opens_at",
            "registration_closes_at",
            _("Registration must close after it opens."),
            strict=True,
        ),
        Order(
            "registration_closes_at",
            "ends_at",
            _("Registration cannot close after the meeting ends."),
            error_field="registration_closes_at",
        ),
        Order(
            "registration_opens_at",
            "starts_at",
            _("Registration must open before the meeting starts."),
            strict=True,
            error_field="registration_opens_at",
        ),
    ],
    state=_state,
)
