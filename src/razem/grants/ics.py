"""Deadlines of calls for offers as iCalendar (RFC 5545): one call's deadline (``call_calendar``) and a feed of the
deadlines of the calls open now (``deadlines_calendar``).

A deadline is a moment, so each event has a ``DTSTART`` and no ``DTEND`` (RFC 5545 §3.6.1: it takes no time).
``SEQUENCE`` is ``Call.sequence``, bumped by every correction and by the cancellation, so that a calendar that
imported the deadline replaces it; a cancelled call's event has ``STATUS:CANCELLED``. The single entry carries an
alarm the day before."""

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.grants.models import Call

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _uid(call: Call) -> str:
    host = urlsplit(settings.RAZEM_BASE_URL).hostname or "razem"
    return f"call-{call.pk}-deadline@{host}"


def deadline_event(call: Call, *, alarm: bool = False) -> icalendar.Event:
    url = settings.RAZEM_BASE_URL + call.get_absolute_url()
    event = icalendar.Event()
    event.add("uid", _uid(call))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", call.updated_at)
    event.add("sequence", call.sequence)
    event.add("dtstart", call.submission_deadline.astimezone(ZoneInfo(settings.TIME_ZONE)))
    title = _("Deadline for offers: %(title)s") % {"title": call.title}
    if call.status == Call.Status.CANCELLED:
        title = _("CANCELLED: %(title)s") % {"title": title}
    event.add("summary", title)
    parts = [
        f"{call.number}: {call.title}",
        _("Open competition of offers, %(department)s.") % {"department": call.department},
        url,
    ]
    event.add("description", "\n\n".join(parts))
    event.add("url", url)
    event.add("categories", [_("Open competition of offers")])
    event.add("status", "CANCELLED" if call.status == Call.Status.CANCELLED else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    if alarm and call.status != Call.Status.CANCELLED:
        reminder = icalendar.Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("description", title)
        reminder.add("trigger", -datetime.timedelta(days=1))
        event.add_component(reminder)
    return event


def calendar(calls: Iterable[Call], *, name: str, alarm: bool = False) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Razem//Terminy konkursow ofert//PL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for call in calls:
        cal.add_component(deadline_event(call, alarm=alarm))
    cal.add_missing_timezones()
    return cal.to_ical()  # type: ignore[no-any-return]


def call_calendar(call: Call) -> bytes:
    return calendar([call], name=call.title, alarm=True)


def deadlines_calendar(calls: Iterable[Call]) -> bytes:
    return calendar(calls, name=settings.RAZEM_SITE_NAME + " – " + _("deadlines of calls for offers"))
