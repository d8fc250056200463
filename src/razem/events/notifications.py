"""Who hears about a meeting, and what each person gets: the audiences of ``notify_many`` and its per-recipient
functions. ``personal`` and ``attachments`` run in the notification task after the commit (never under the
meeting's lock), so the calendar file is built there, from the meeting as saved."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from razem.accounts.models import User
from razem.core.notifications import Attachment, notify_many
from razem.events import ics
from razem.events.models import Meeting, MeetingDocument, Registration
from razem.organizations.selectors import people_acting_for

ICS_NAME = "spotkanie.ics"


def registered_people(meeting: Meeting) -> QuerySet[Registration, int]:
    """The people with a live registration (confirmed or waiting), by id."""
    return Registration.objects.active().filter(meeting=meeting).values_list("person_id", flat=True)


def personal(recipient: User, context: dict[str, Any]) -> dict[str, Any]:
    """The recipient's own registration for the meeting of the context."""
    meeting = context.get("meeting")
    registrations = Registration.objects.filter(meeting=meeting, person=recipient).order_by("-created_at", "-id")
    return {"registration": registrations.active().first() or registrations.first()}


def attachments(recipient: User, context: dict[str, Any]) -> list[Attachment]:
    """The meeting as a calendar file (it replaces the copy in the person's calendar: same UID, higher SEQUENCE).

    ``ics_confirmed_only``: only for a confirmed seat (a move: the waiting list has nothing to update), with the
    online link, which only confirmed participants may read."""
    meeting = context.get("meeting")
    if meeting is None:
        return []
    if context.get("ics_confirmed_only"):
        registration = context.get("registration")
        if registration is None or registration.status != Registration.Status.CONFIRMED:
            return []
        return [Attachment(ICS_NAME, ics.CONTENT_TYPE, ics.meeting_calendar(meeting, with_online_link=True))]
    return [Attachment(ICS_NAME, ics.CONTENT_TYPE, ics.meeting_calendar(meeting))]


# What each change tells (scheduled after the commit) -----------------------------------------------------------


def tell_moved(meeting: Meeting, *, old_starts_at: Any, moved: list[str]) -> None:
    notify_many(
        kind="events/meeting_moved",
        audience=registered_people(meeting),
        context={
            "meeting": meeting,
            "old_starts_at": old_starts_at,
            "time_changed": "starts_at" in moved or "ends_at" in moved,
            "place_changed": any(f not in {"starts_at", "ends_at"} for f in moved),
            "ics_confirmed_only": True,
        },
        url=meeting.get_absolute_url(),
        personal=personal,
        attachments=attachments,
    )


def tell_cancelled(meeting: Meeting, *, reason: str) -> None:
    notify_many(
        kind="events/meeting_cancelled",
        audience=registered_people(meeting),
        context={"meeting": meeting, "reason": reason},
        url=meeting.get_absolute_url(),
        personal=personal,
        attachments=attachments,
    )


def tell_invited(meeting: Meeting, people: list[User]) -> None:
    notify_many(kind="events/invited", audience=people, context={"meeting": meeting}, url=meeting.get_absolute_url())


def tell_minutes(meeting: Meeting, document: MeetingDocument) -> None:
    notify_many(
        kind="events/minutes_published",
        audience=Registration.objects.confirmed().filter(meeting=meeting).values_list("person_id", flat=True),
        context={"meeting": meeting, "document": document},
        url=meeting.get_absolute_url(),
        send_email=False,
    )


def tell_staff_submitted(event: Meeting) -> None:
    """An NGO event awaits approval: the office hears of it in the app."""
    notify_many(
        kind="events/ngo_event_submitted",
        audience=User.objects.city_staff().values_list("pk", flat=True),
        context={"event": event},
        url=reverse("events_staff:review", kwargs={"pk": event.pk}),
        send_email=False,
    )


def tell_organization_reviewed(event: Meeting, *, approved: bool, reason: str = "") -> None:
    """The organization's people hear the office's decision on its event."""
    url = event.get_absolute_url() if approved else reverse("events:submission_edit", kwargs={"pk": event.pk})
    notify_many(
        kind="events/ngo_event_approved" if approved else "events/ngo_event_rejected",
        audience=people_acting_for([event.organization_id]).values_list("pk", flat=True),
        context={"event": event, "reason": reason},
        url=url,
    )
