"""The meetings on the home page (``registry.home_sections``): the person's meetings of today and tomorrow
("for_you"), the next public meetings and the person's upcoming registrations ("next"). Each a fixed number of
queries; only what the public calendar shows (``Meeting.objects.on_calendar``) and the person's own registrations."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from razem.events.models import Meeting, Registration
from razem.events.selectors import CalendarFilters, upcoming_meetings, with_seat_counts

# Defaults of the home page (no rule of law or of the office's practice): how many meetings it lists, and what
# "soon" means for a meeting the person registered for (today and tomorrow).
NEXT_MEETINGS = 4
MY_REGISTRATIONS = 3
SOON_DAYS = 1


def _upcoming_registrations(user: Any, now: datetime.datetime) -> QuerySet[Registration]:
    """The person's live registrations (a seat or a place on the waiting list) for meetings not yet over."""
    return (
        Registration.objects.filter(
            person=user,
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
            meeting__ends_at__gt=now,
        )
        .exclude(meeting__status=Meeting.Status.DRAFT)
        .select_related("meeting", "meeting__venue", "meeting__room", "organization")
        .order_by("meeting__starts_at", "id")
    )


def soon(request: Any) -> dict[str, Any] | None:
    """For you: the meetings of today and tomorrow you registered for (one query)."""
    now = timezone.now()
    last_day = timezone.localdate() + datetime.timedelta(days=SOON_DAYS)
    registrations = list(
        _upcoming_registrations(request.user, now)
        .filter(meeting__starts_at__date__lte=last_day)
        .exclude(meeting__status=Meeting.Status.CANCELLED)[:MY_REGISTRATIONS]
    )
    if not registrations:
        return None
    today = timezone.localdate()
    for registration in registrations:
        day = timezone.localtime(registration.meeting.starts_at).date()
        registration.is_today = day <= today  # type: ignore[attr-defined]
    return {"registrations": registrations}


def next_meetings(request: Any) -> dict[str, Any] | None:
    """The next public meetings of the calendar (two queries: the meetings with their seats, their areas)."""
    meetings = list(
        with_seat_counts(upcoming_meetings(filters=CalendarFilters()).exclude(status=Meeting.Status.CANCELLED))[
            :NEXT_MEETINGS
        ]
    )
    if not meetings:
        return None
    return {"meetings": meetings}


def my_registrations(request: Any) -> dict[str, Any] | None:
    """The person's upcoming registrations (one query), when signed in and registered."""
    if not request.user.is_authenticated:
        return None
    registrations = list(_upcoming_registrations(request.user, timezone.now())[: MY_REGISTRATIONS + 1])
    if not registrations:
        return None
    return {"registrations": registrations[:MY_REGISTRATIONS], "more": len(registrations) > MY_REGISTRATIONS}


def register(registry: Any) -> None:
    registry.home_sections.register(registry.HomeSection("events_soon", "events/home/_soon.html", soon, 20, "for_you"))
    registry.home_sections.register(
        registry.HomeSection("events_next", "events/home/_next.html", next_meetings, 10, "next")
    )
    registry.home_sections.register(
        registry.HomeSection("events_mine", "events/home/_mine.html", my_registrations, 20, "next")
    )
