"""The state machines of meetings (run by the office) and of NGO events (reviewed by the office, withdrawn by their
organization), declared once with ``razem.core.workflow``: the services take these transitions, and the pages ask
``available`` / ``permits`` which buttons to show."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core import history
from razem.core.workflow import ACTOR, NOW, REQUIRED, Step, Transition, Workflow
from razem.events import notifications
from razem.events.models import Meeting
from razem.events.validation import validate_meeting

Status = Meeting.Status
MANAGE = "events.manage_meeting"
REVIEW = "events.review_meeting"
WITHDRAW = "events.withdraw_event_meeting"


# Meetings of the office and the bodies ---------------------------------------------------------------------------


def _publishable(meeting: Meeting, step: Step) -> None:
    if meeting.has_ended:
        raise ValidationError(_("This meeting has already ended; change its date before publishing it."))
    validate_meeting(meeting)


def _started(meeting: Meeting, step: Step) -> None:
    if not meeting.has_started:
        raise ValidationError(_("A meeting can be marked as finished once it has started."))


def _new_sequence(meeting: Meeting, step: Step) -> None:
    """Calendars replace their copy of the event only when its SEQUENCE grows (RFC 5545)."""
    meeting.sequence += 1


def _tell_cancelled(meeting: Meeting, step: Step) -> None:
    notifications.tell_cancelled(meeting, reason=step.reason)


MEETING = Workflow(
    prefix="events.meeting",
    transitions=[
        Transition(
            "publish",
            sources=(Status.DRAFT,),
            target=Status.PUBLISHED,
            label=gettext_lazy("Published"),
            permission=MANAGE,
            wrong_state=gettext_lazy("Only a draft can be published; this meeting is: %(status)s."),
            guard=_publishable,
            stamps={"published_at": NOW},
            audit="published",
            public=True,
        ),
        Transition(
            "cancel",
            sources=(Status.DRAFT, Status.PUBLISHED),
            target=Status.CANCELLED,
            label=gettext_lazy("Cancelled"),
            permission=MANAGE,
            reason=REQUIRED,
            reason_missing=gettext_lazy("Say why the meeting is cancelled; everyone registered will read it."),
            wrong_state=gettext_lazy("This meeting cannot be cancelled: it is %(status)s."),
            effect=_new_sequence,
            notify=_tell_cancelled,
            audit="cancelled",
            public=True,
        ),
        Transition(
            "finish",
            sources=(Status.PUBLISHED,),
            target=Status.FINISHED,
            label=gettext_lazy("Finished"),
            permission=MANAGE,
            wrong_state=gettext_lazy("Only a published meeting can be marked as finished."),
            guard=_started,
            ready=lambda meeting: meeting.has_started,
            audit="finished",
        ),
    ],
    reason_field="status_reason",
)


# NGO events ------------------------------------------------------------------------------------------------------


def _clear_reason(event: Meeting, step: Step) -> None:
    event.status_reason = ""


def _tell_approved(event: Meeting, step: Step) -> None:
    notifications.tell_organization_reviewed(event, approved=True)


def _tell_rejected(event: Meeting, step: Step) -> None:
    notifications.tell_organization_reviewed(event, approved=False, reason=step.reason)


NOT_AWAITING = gettext_lazy("This event is not awaiting approval; it is: %(status)s.")
NO_LONGER = gettext_lazy("This event can no longer be withdrawn.")
WITHDRAWN = gettext_lazy("Withdrawn")

NGO_EVENT = Workflow(
    prefix="events.ngo_event",
    transitions=[
        Transition(
            "approve",
            sources=(Status.SUBMITTED,),
            target=Status.PUBLISHED,
            label=gettext_lazy("Approved"),
            permission=REVIEW,
            wrong_state=NOT_AWAITING,
            effect=_clear_reason,
            stamps={"reviewed_by": ACTOR, "published_at": NOW},
            notify=_tell_approved,
            audit="approved",
        ),
        Transition(
            "reject",
            sources=(Status.SUBMITTED,),
            target=Status.REJECTED,
            label=gettext_lazy("Rejected"),
            permission=REVIEW,
            reason=REQUIRED,
            reason_missing=gettext_lazy("Say why the event is rejected; the organization will read it."),
            wrong_state=NOT_AWAITING,
            stamps={"reviewed_by": ACTOR},
            notify=_tell_rejected,
            audit="rejected",
        ),
        # Taken back before it is in the calendar: kept as a draft for the record, never shown.
        Transition(
            "withdraw",
            sources=(Status.SUBMITTED, Status.REJECTED),
            target=Status.DRAFT,
            label=WITHDRAWN,
            permission=WITHDRAW,
            denied=NO_LONGER,
            wrong_state=NO_LONGER,
            audit="withdrawn",
        ),
        # Taken off the calendar before it starts (the permission checks the start): shown as cancelled, with why.
        Transition(
            "cancel",
            sources=(Status.PUBLISHED,),
            target=Status.CANCELLED,
            label=WITHDRAWN,
            permission=WITHDRAW,
            denied=NO_LONGER,
            reason=REQUIRED,
            reason_missing=gettext_lazy("Say why the event is cancelled; the calendar will show it."),
            wrong_state=NO_LONGER,
            effect=_new_sequence,
            audit="withdrawn",
        ),
    ],
    reason_field="status_reason",
)

# What the organization does outside the transitions, in the event's history.
history.describe("events.ngo_event.submitted", gettext_lazy("Submitted for approval"))
history.describe("events.ngo_event.updated", gettext_lazy("Corrected by the organization"))
