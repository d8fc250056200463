"""Deadlines of calls for offers as iCalendar (RFC 5545): one call's deadline (``call_calendar``) and a feed of the
deadlines of the calls open now (``deadlines_calendar``).

A deadline is a moment, so each event has a ``DTSTART`` and no ``DTEND`` (RFC 5545 §3.6.1: it takes no time).
``SEQUENCE`` is ``Call.sequence``, bumped by every correction and by the cancellation, so that a calendar that
imported the deadline replaces it; a cancelled call's event has ``STATUS:CANCELLED``. The single entry carries an
alarm the day before."""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.core import ics
from razem.grants.models import Call

CONTENT_TYPE = ics.CONTENT_TYPE


def _uid(call: Call) -> str:
    return ics.uid("call", f"{call.pk}-deadline")


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
    return ics.publish(
        (deadline_event(call, alarm=alarm) for call in calls), name=name, product="Terminy konkursow ofert"
    )


def call_calendar(call: Call) -> bytes:
    return calendar([call], name=call.title, alarm=True)


def deadlines_calendar(calls: Iterable[Call]) -> bytes:
    return calendar(calls, name=settings.RAZEM_SITE_NAME + " – " + _("deadlines of calls for offers"))
