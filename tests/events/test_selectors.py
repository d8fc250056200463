"""Reads of the meetings module: the public calendar and its filters, the month grid, attendance, the rhythm of
networking meetings."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import make_person

from razem.core.models import District, PublicBenefitArea
from razem.events import selectors
from razem.events.models import Meeting, Registration
from razem.events.selectors import CalendarFilters
from tests.factories import make_organization

WARSAW = ZoneInfo("Europe/Warsaw")


def at(year, month, day, hour=17, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=WARSAW)


def titles(meetings) -> list[str]:
    return [m.title for m in meetings]


@pytest.fixture
def calendar_setup(make_meeting, body, verified_org):
    """Meetings of every kind, organizer and state; the first three are on the calendar."""
    city_areas = PublicBenefitArea.objects.filter(code="1")
    elsewhere = District.objects.get(number=1)
    make_meeting(title="Forum miejskie", kind=Meeting.Kind.FORUM, areas=city_areas)
    make_meeting(title="Posiedzenie KRDPP", kind=Meeting.Kind.SITTING, organizer_kind=Meeting.Organizer.BODY, body=body)
    make_meeting(
        title="Piknik na Plantach",
        kind=Meeting.Kind.OTHER,
        organizer_kind=Meeting.Organizer.ORGANIZATION,
        organization=verified_org,
        venue=None,
        room=None,
        address="Planty",
        district=elsewhere,
        registration_enabled=False,
    )
    make_meeting(title="Odwołane forum", kind=Meeting.Kind.FORUM, status=Meeting.Status.CANCELLED)
    # Never on the calendar:
    make_meeting(title="Szkic", status=Meeting.Status.DRAFT)
    for status in (Meeting.Status.SUBMITTED, Meeting.Status.REJECTED):
        make_meeting(
            title=f"Wydarzenie {status}",
            status=status,
            organizer_kind=Meeting.Organizer.ORGANIZATION,
            organization=verified_org,
        )
    make_meeting(title="Tylko zaproszeni", visibility=Meeting.Visibility.INVITED)
    make_meeting(
        title="Tylko członkowie",
        visibility=Meeting.Visibility.MEMBERS,
        organizer_kind=Meeting.Organizer.BODY,
        body=body,
    )


def test_the_calendar_shows_published_and_cancelled_public_meetings_only(calendar_setup):
    shown = titles(selectors.calendar_meetings(filters=CalendarFilters()))
    assert sorted(shown) == sorted(["Forum miejskie", "Posiedzenie KRDPP", "Piknik na Plantach", "Odwołane forum"])


def test_finished_meetings_stay_on_the_calendar(make_meeting):
    make_meeting(title="Zakończone", status=Meeting.Status.FINISHED)
    assert titles(selectors.calendar_meetings(filters=CalendarFilters())) == ["Zakończone"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (lambda org: CalendarFilters(kind=Meeting.Kind.FORUM), ["Forum miejskie", "Odwołane forum"]),
        (lambda org: CalendarFilters(district=District.objects.get(number=1)), ["Piknik na Plantach"]),
        (lambda org: CalendarFilters(area=PublicBenefitArea.objects.get(code="1")), ["Forum miejskie"]),
        (lambda org: CalendarFilters(organizer="body"), ["Posiedzenie KRDPP"]),
        (lambda org: CalendarFilters(organizer="organization"), ["Piknik na Plantach"]),
        (lambda org: CalendarFilters(organization_id=org.pk), ["Piknik na Plantach"]),
        (lambda org: CalendarFilters(query="plant"), ["Piknik na Plantach"]),
        (lambda org: CalendarFilters(kind=Meeting.Kind.FORUM, organizer="body"), []),
    ],
    ids=["kind", "district", "area", "body organizer", "organization organizer", "organization", "query", "none"],
)
def test_calendar_filters(calendar_setup, verified_org, filters, expected):
    assert sorted(titles(selectors.calendar_meetings(filters=filters(verified_org)))) == sorted(expected)


def test_the_calendar_keeps_to_the_period_asked_for(make_meeting):
    make_meeting(title="Listopad", starts_at=at(2026, 11, 20))
    make_meeting(title="Grudzień", starts_at=at(2026, 12, 3))
    start, end = selectors.month_bounds(2026, 11)
    assert titles(selectors.calendar_meetings(filters=CalendarFilters(), start=start, end=end)) == ["Listopad"]


def test_a_meeting_with_two_areas_appears_once(make_meeting):
    make_meeting(title="Dwa obszary", areas=PublicBenefitArea.objects.all()[:2])
    assert titles(selectors.calendar_meetings(filters=CalendarFilters())) == ["Dwa obszary"]


# The month grid -------------------------------------------------------------------------------------------------


def test_the_month_grid_starts_on_monday_and_flags_days_of_other_months(make_meeting):
    weeks = selectors.month_weeks(2026, 11, [])

    first_week = weeks[0]
    assert first_week[0]["date"] == datetime.date(2026, 10, 26)  # a Monday; 1 November 2026 is a Sunday
    assert [d["in_month"] for d in first_week] == [False] * 6 + [True]
    assert all(len(week) == 7 for week in weeks)
    assert all(day["date"].weekday() == 0 for day in (week[0] for week in weeks))
    assert weeks[-1][0]["date"] == datetime.date(2026, 11, 30)
    assert [d["in_month"] for d in weeks[-1]] == [True] + [False] * 6


def test_a_meeting_over_several_days_is_shown_on_each_of_them(make_meeting):
    retreat = make_meeting(title="Wyjazd szkoleniowy", starts_at=at(2026, 11, 6, 10), ends_at=at(2026, 11, 8, 16))
    evening = make_meeting(title="Wieczór", starts_at=at(2026, 11, 9, 20), ends_at=at(2026, 11, 10, 0))

    weeks = selectors.month_weeks(2026, 11, [retreat, evening])

    days = {d["date"]: d["meetings"] for week in weeks for d in week}
    assert [day.day for day, items in sorted(days.items()) if retreat in items] == [6, 7, 8]
    assert [day.day for day, items in sorted(days.items()) if evening in items] == [9]  # ends at midnight


def test_a_late_evening_meeting_is_on_its_local_day(make_meeting):
    meeting = make_meeting(title="Późno", starts_at=at(2026, 7, 1, 23, 30), ends_at=at(2026, 7, 1, 23, 59))
    weeks = selectors.month_weeks(2026, 7, [meeting])
    days = {d["date"]: d["meetings"] for week in weeks for d in week}
    assert days[datetime.date(2026, 7, 1)] == [meeting]
    assert days[datetime.date(2026, 6, 30)] == []


# Attendance -----------------------------------------------------------------------------------------------------


def test_attendance_counts_seats_arrivals_and_organizations(meeting, verified_org, reference_data):
    other_org = make_organization("Fundacja Inna", krs="0000100009")
    rows = [
        ("a", Registration.Status.CONFIRMED, verified_org, True),
        ("b", Registration.Status.CONFIRMED, verified_org, True),
        ("c", Registration.Status.CONFIRMED, other_org, False),
        ("d", Registration.Status.CONFIRMED, None, True),
        ("e", Registration.Status.WAITING, None, False),
        ("f", Registration.Status.CANCELLED, other_org, False),
    ]
    for name, status, organization, arrived in rows:
        Registration.objects.create(
            meeting=meeting,
            person=make_person(f"{name}@example.org"),
            status=status,
            organization=organization,
            checked_in_at=meeting.starts_at if arrived else None,
        )

    figures = selectors.attendance(meeting=meeting)

    assert (figures.confirmed, figures.waiting, figures.cancelled, figures.attended) == (4, 1, 1, 3)
    assert (figures.organizations_registered, figures.organizations_attended) == (2, 1)
    assert figures.percent == 75


def test_attendance_of_a_meeting_nobody_registered_for_is_zero_percent(meeting):
    assert selectors.attendance(meeting=meeting).percent == 0


# The rhythm of informal networking meetings (one a quarter) ----------------------------------------------------


def networking(make_meeting, when, **fields):
    return make_meeting(title=f"Sieciowanie {when:%Y-%m-%d}", kind=Meeting.Kind.NETWORKING, starts_at=when, **fields)


def test_the_rhythm_counts_meetings_per_quarter_drafts_apart_and_cancelled_left_out(make_meeting, verified_org):
    networking(make_meeting, at(2026, 2, 10), status=Meeting.Status.FINISHED)
    networking(make_meeting, at(2026, 3, 31, 23, 30))  # still Q1 in Kraków, already 1 April nowhere
    networking(make_meeting, at(2026, 5, 12), status=Meeting.Status.DRAFT)
    networking(make_meeting, at(2026, 8, 20), status=Meeting.Status.CANCELLED)
    networking(make_meeting, at(2026, 9, 1), organizer_kind=Meeting.Organizer.ORGANIZATION, organization=verified_org)
    make_meeting(title="Forum, nie sieciowanie", kind=Meeting.Kind.FORUM, starts_at=at(2026, 8, 1))

    quarters = selectors.networking_rhythm(year=2026, today=datetime.date(2026, 5, 20))

    assert [(q.year, q.number) for q in quarters] == [(2026, 1), (2026, 2), (2026, 3), (2026, 4)]
    assert [(q.held, q.drafts) for q in quarters] == [(2, 0), (0, 1), (0, 0), (0, 0)]
    assert [q.is_current for q in quarters] == [False, True, False, False]
    assert [q.is_next for q in quarters] == [False, False, True, False]
    assert [q.warn for q in quarters] == [False, True, True, False]  # a draft alone does not count


def test_in_december_the_first_quarter_of_next_year_is_shown_and_warned_about(make_meeting):
    networking(make_meeting, at(2026, 11, 5))

    quarters = selectors.networking_rhythm(year=2026, today=datetime.date(2026, 12, 10))

    assert [(q.year, q.number) for q in quarters][-2:] == [(2026, 4), (2027, 1)]
    q4, next_q1 = quarters[-2], quarters[-1]
    assert (q4.held, q4.is_current, q4.warn) == (1, True, False)
    assert (next_q1.held, next_q1.is_next, next_q1.warn) == (0, True, True)

    networking(make_meeting, at(2027, 1, 20))
    next_q1 = selectors.networking_rhythm(year=2026, today=datetime.date(2026, 12, 10))[-1]
    assert (next_q1.held, next_q1.warn) == (1, False)


def test_a_past_year_has_no_warnings(make_meeting):
    quarters = selectors.networking_rhythm(year=2025, today=datetime.date(2026, 5, 20))
    assert len(quarters) == 4
    assert not any(q.warn for q in quarters)
