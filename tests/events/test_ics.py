"""Meetings as iCalendar: what a calendar application reads from the feed and from the file in an e-mail."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from razem.events import ics
from razem.events.models import Meeting

WARSAW = ZoneInfo("Europe/Warsaw")

pytestmark = pytest.mark.usefixtures("english")


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def events(data: bytes) -> list[icalendar.Event]:
    return parse(data).walk("VEVENT")


@pytest.mark.parametrize(
    ("local", "utc_hour"),
    [
        (datetime.datetime(2026, 7, 15, 17, 0, tzinfo=WARSAW), 15),
        (datetime.datetime(2026, 12, 9, 17, 0, tzinfo=WARSAW), 16),
    ],
    ids=["summer", "winter"],
)
def test_a_meeting_at_five_pm_in_krakow_is_at_five_pm_europe_warsaw(make_meeting, local, utc_hour):
    starts_at = local
    meeting = make_meeting(starts_at=starts_at)
    assert starts_at.astimezone(datetime.UTC).hour == utc_hour  # stored in UTC

    [event] = events(ics.calendar([meeting], name="Razem"))

    start = event.decoded("DTSTART")
    assert str(event["DTSTART"].params["TZID"]) == "Europe/Warsaw"
    assert (start.hour, start.minute) == (17, 0)
    assert start.utcoffset() == starts_at.utcoffset()
    assert event.decoded("DTEND").hour == 19


def test_the_calendar_carries_the_warsaw_time_zone(make_meeting):
    data = ics.calendar([make_meeting(starts_at=datetime.datetime(2026, 7, 15, 17, tzinfo=WARSAW))], name="Razem")

    zones = parse(data).walk("VTIMEZONE")

    assert [str(z["TZID"]) for z in zones] == ["Europe/Warsaw"]
    assert b"X-WR-TIMEZONE:Europe/Warsaw" in data


def test_every_meeting_is_one_event_with_its_title_and_place(make_meeting):
    first = make_meeting(title="Forum dialogu obywatelskiego")
    second = make_meeting(title="Spotkanie sieciujące", starts_at=timezone.now() + datetime.timedelta(days=20))

    found = events(ics.calendar([first, second], name="Kalendarz Razem"))

    assert [str(e["SUMMARY"]) for e in found] == ["Forum dialogu obywatelskiego", "Spotkanie sieciujące"]
    assert "Sala 1w038, Centrum Obywatelskie" in str(found[0]["LOCATION"])
    assert str(found[0]["STATUS"]) == "CONFIRMED"
    assert str(parse(ics.calendar([], name="Kalendarz Razem"))["X-WR-CALNAME"]) == "Kalendarz Razem"


def test_a_cancelled_meeting_is_marked_cancelled(make_meeting):
    meeting = make_meeting(status=Meeting.Status.CANCELLED, sequence=2)

    [event] = events(ics.meeting_calendar(meeting))

    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "CANCELLED: Forum dialogu obywatelskiego"
    assert int(event["SEQUENCE"]) == 2


def test_the_uid_stays_the_same_when_the_meeting_changes_and_the_sequence_grows(make_meeting):
    meeting = make_meeting()
    [before] = events(ics.meeting_calendar(meeting))

    meeting.starts_at += datetime.timedelta(days=1)
    meeting.ends_at += datetime.timedelta(days=1)
    meeting.sequence += 1
    meeting.save()
    [after] = events(ics.meeting_calendar(meeting))

    assert str(before["UID"]) == str(after["UID"]) == f"meeting-{meeting.pk}@127.0.0.1"
    assert (int(before["SEQUENCE"]), int(after["SEQUENCE"])) == (0, 1)


def test_the_online_link_is_given_only_when_asked_for(make_meeting):
    meeting = make_meeting(place_kind=Meeting.Place.HYBRID, online_url="https://meet.example.org/tajny-pokoj")

    [public] = events(ics.calendar([meeting], name="Razem"))
    [personal] = events(ics.calendar([meeting], name="Razem", with_online_link=True))

    assert b"tajny-pokoj" not in ics.calendar([meeting], name="Razem")
    assert "https://meet.example.org/tajny-pokoj" in str(personal["DESCRIPTION"])
    assert "tajny-pokoj" not in str(public["DESCRIPTION"])
    assert "Centrum Obywatelskie" in str(public["LOCATION"])


def test_an_online_meeting_is_located_online(make_meeting):
    meeting = make_meeting(
        place_kind=Meeting.Place.ONLINE, venue=None, room=None, online_url="https://meet.example.org/x"
    )
    [event] = events(ics.meeting_calendar(meeting))
    assert str(event["LOCATION"]) == "Online"
