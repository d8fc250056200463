"""Meetings as iCalendar (RFC 5545): feeds a calendar application subscribes to, and one event per e-mail."""

from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.core import ics
from razem.events.models import Meeting

CONTENT_TYPE = ics.CONTENT_TYPE


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _uid(meeting: Meeting) -> str:
    return ics.uid("meeting", meeting.pk)


def _description(meeting: Meeting, *, with_online_link: bool) -> str:
    parts = [meeting.summary, meeting.description]
    if meeting.agenda:
        parts.append(_("Agenda:") + "\n" + meeting.agenda)
    if with_online_link and meeting.online_url:
        parts.append(_("Online meeting: %(url)s") % {"url": meeting.online_url})
    parts.append(settings.RAZEM_BASE_URL + meeting.get_absolute_url())
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def meeting_event(meeting: Meeting, *, with_online_link: bool = False) -> icalendar.Event:
    zone = _zone()
    event = icalendar.Event()
    event.add("uid", _uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at)
    event.add("sequence", meeting.sequence)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    title = meeting.title
    if meeting.status == Meeting.Status.CANCELLED:
        title = _("CANCELLED: %(title)s") % {"title": title}
    event.add("summary", title)
    event.add("description", _description(meeting, with_online_link=with_online_link))
    location = meeting.place_label
    if meeting.place_kind == Meeting.Place.ONLINE:
        location = _("Online")
    elif meeting.place_kind == Meeting.Place.HYBRID:
        location = f"{location} ({_('also online')})" if location else _("Online")
    if location:
        event.add("location", location)
    event.add("url", settings.RAZEM_BASE_URL + meeting.get_absolute_url())
    event.add("categories", [str(meeting.get_kind_display())])
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    event.add("organizer", f"mailto:{meeting.contact_email or settings.RAZEM_OFFICE.get('email', 'razem@localhost')}")
    event["organizer"].params["cn"] = meeting.organizer_name
    return event


def calendar(meetings: Iterable[Meeting], *, name: str, with_online_link: bool = False) -> bytes:
    events = (meeting_event(meeting, with_online_link=with_online_link) for meeting in meetings)
    return ics.publish(events, name=name, product="Kalendarz spotkań")


def meeting_calendar(meeting: Meeting, *, with_online_link: bool = False) -> bytes:
    return calendar([meeting], name=meeting.title, with_online_link=with_online_link)
