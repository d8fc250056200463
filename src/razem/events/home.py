"""The meetings on the home page (``registry.home_sections``): the person's meetings of today and tomorrow
("for_you"), the next public meetings and the person's upcoming registrations ("next"). Each a fixed number of
queries; only what the public calendar shows (``Meeting.objects.on_calendar``) and the person's own registrations."""

import datetime
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from razem.events.models import Meeting, Registration
from razem.events.selectors import CALENDAR_RELATED

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
        .select_related("meeting", "meeting__venue", "meeting__room")
        .order_by("meeting__starts_at", "id")
    )


def _is_soon(registration: Registration, last_day: datetime.date) -> bool:
    meeting = registration.meeting
    return meeting.status != Meeting.Status.CANCELLED and timezone.localtime(meeting.starts_at).date() <= last_day


def _first_registrations(request: Any) -> list[Registration]:
    """The person's first ``MY_REGISTRATIONS + 1`` upcoming registrations: read once for the two sections that
    list them ("soon" and "mine"), kept on the request."""
    if "_razem_home_registrations" not in request.__dict__:
        request._razem_home_registrations = list(
            _upcoming_registrations(request.user, timezone.now())[: MY_REGISTRATIONS + 1]
        )
    return request._razem_home_registrations  # type: ignore[no-any-return]


def soon(request: Any) -> dict[str, Any] | None:
    """For you: the meetings of today and tomorrow you registered for (no query of its own: the first upcoming
    registrations "mine" lists hold them, as they come first; a second query only when cancelled meetings among
    them may hide more)."""
    today = timezone.localdate()
    last_day = today + datetime.timedelta(days=SOON_DAYS)
    first = _first_registrations(request)
    registrations = [registration for registration in first if _is_soon(registration, last_day)]
    maybe_more = len(first) > MY_REGISTRATIONS and timezone.localtime(first[-1].meeting.starts_at).date() <= last_day
    if len(registrations) < MY_REGISTRATIONS and maybe_more:
        registrations = list(
            _upcoming_registrations(request.user, timezone.now())
            .filter(meeting__starts_at__date__lte=last_day)
            .exclude(meeting__status=Meeting.Status.CANCELLED)[:MY_REGISTRATIONS]
        )
    registrations = registrations[:MY_REGISTRATIONS]
    if not registrations:
        return None
    for registration in registrations:
        day = timezone.localtime(registration.meeting.starts_at).date()
        registration.is_today = day <= today  # type: ignore[attr-defined]
    return {"registrations": registrations}


def _with_seats(meetings: list[Meeting]) -> None:
    """``confirmed_count``, ``confirmed_guest_count`` and ``waiting_count`` on each meeting, as
    ``selectors.with_seat_counts`` gives them (``Seats.of_listed`` reads them): one grouped query, only for the
    published meetings with a seat limit (the only ones whose seats the list shows), none when there are none."""
    counted = [m.pk for m in meetings if m.capacity is not None and m.status == Meeting.Status.PUBLISHED]
    counts: dict[tuple[int, str, bool], int] = {}
    if counted:
        rows = (
            Registration.objects.filter(
                meeting_id__in=counted, status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING]
            )
            .order_by()
            .values_list("meeting_id", "status", "is_guest")
            .annotate(n=Count("id"))
        )
        counts = {(pk, status, guest): n for pk, status, guest, n in rows}
    confirmed, waiting = Registration.Status.CONFIRMED, Registration.Status.WAITING
    for m in meetings:
        guests = counts.get((m.pk, confirmed, True), 0)
        m.confirmed_guest_count = guests  # type: ignore[attr-defined]
        m.confirmed_count = guests + counts.get((m.pk, confirmed, False), 0)  # type: ignore[attr-defined]
        m.waiting_count = counts.get((m.pk, waiting, True), 0) + counts.get((m.pk, waiting, False), 0)  # type: ignore[attr-defined]


def next_meetings(request: Any) -> dict[str, Any] | None:
    """The next public meetings of the calendar, not cancelled (one query, and one for the seats of those with a
    seat limit)."""
    meetings = list(
        Meeting.objects.on_calendar()
        .filter(ends_at__gt=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related(*CALENDAR_RELATED)
        .order_by("starts_at", "id")[:NEXT_MEETINGS]
    )
    if not meetings:
        return None
    _with_seats(meetings)
    return {"meetings": meetings}


def my_registrations(request: Any) -> dict[str, Any] | None:
    """The person's upcoming registrations (one query, shared with "soon"), when signed in and registered."""
    if not request.user.is_authenticated:
        return None
    registrations = _first_registrations(request)
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
