"""iCalendar (RFC 5545) feeds, one envelope for every module: a published calendar with its name, time zone and
refresh interval, holding the events a module builds (meetings, deadlines of calls for offers, ...)."""

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings

CONTENT_TYPE = "text/calendar; charset=utf-8"


def uid(kind: str, pk: object) -> str:
    """A stable UID for an object's event: ``meeting-12@razem.example``."""
    host = urlsplit(settings.RAZEM_BASE_URL).hostname or "razem"
    return f"{kind}-{pk}@{host}"


def publish(events: Iterable[icalendar.Event], *, name: str, product: str) -> bytes:
    """A calendar named ``name`` (``X-WR-CALNAME``) holding ``events``, with the VTIMEZONEs they need, as bytes."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//Razem//{product}//PL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()  # type: ignore[no-any-return]
