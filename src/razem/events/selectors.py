"""Reads of the meetings module: the public calendar, the staff lists, a person's registrations, figures."""

import calendar as pycalendar
import dataclasses
import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from razem.core.models import District, PublicBenefitArea
from razem.events.models import Meeting, MeetingDocument, Registration

CALENDAR_RELATED = ("venue", "venue__district", "room", "district", "organization", "body")
# A default of the calendar feed (no rule of law or of the office's practice): how far back a subscribed calendar
# still receives meetings, so that a late cancellation or move reaches it.
FEED_LOOKBACK = datetime.timedelta(days=90)


@dataclasses.dataclass(frozen=True)
class CalendarFilters:
    kind: str = ""
    district: District | None = None
    area: PublicBenefitArea | None = None
    organizer: str = ""  # "city", "body" or "organization"
    organization_id: int | None = None
    body_id: int | None = None
    query: str = ""

    def is_empty(self) -> bool:
        return self == CalendarFilters()


def _filtered(meetings: QuerySet[Meeting], f: CalendarFilters) -> QuerySet[Meeting]:
    if f.kind:
        meetings = meetings.filter(kind=f.kind)
    if f.district is not None:
        meetings = meetings.filter(district=f.district)
    if f.area is not None:
        meetings = meetings.filter(areas=f.area)
    if f.organizer:
        meetings = meetings.filter(organizer_kind=f.organizer)
    if f.organization_id:
        meetings = meetings.filter(organization_id=f.organization_id)
    if f.body_id:
        meetings = meetings.filter(body_id=f.body_id)
    if f.query:
        meetings = meetings.filter(Q(title__icontains=f.query) | Q(summary__icontains=f.query))
    return meetings


def calendar_meetings(
    *,
    filters: CalendarFilters,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> QuerySet[Meeting]:
    """Public meetings and approved NGO events (cancelled ones stay, marked), oldest first, in [start, end)."""
    meetings = Meeting.objects.on_calendar()
    if start is not None:
        meetings = meetings.filter(ends_at__gt=start)
    if end is not None:
        meetings = meetings.filter(starts_at__lt=end)
    return (
        _filtered(meetings, filters)
        .select_related(*CALENDAR_RELATED)
        .prefetch_related("areas")
        .distinct()
        .order_by("starts_at", "id")
    )


def upcoming_meetings(*, filters: CalendarFilters, now: datetime.datetime | None = None) -> QuerySet[Meeting]:
    return calendar_meetings(filters=filters, start=now or timezone.now())


def feed_meetings(*, filters: CalendarFilters, now: datetime.datetime | None = None) -> QuerySet[Meeting]:
    """What a subscribed calendar receives: from ``FEED_LOOKBACK`` back on, so recent changes still reach it."""
    return calendar_meetings(filters=filters, start=(now or timezone.now()) - FEED_LOOKBACK)


def month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, month, 1, tzinfo=zone)
    end = datetime.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=zone)
    return start, end


def month_weeks(year: int, month: int, meetings: list[Meeting]) -> list[list[dict[str, Any]]]:
    """The month as weeks (Monday first) of days, each with the meetings on it; days of other months are None."""
    by_day: dict[datetime.date, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        day = timezone.localtime(meeting.starts_at).date()
        last = timezone.localtime(meeting.ends_at - datetime.timedelta(seconds=1)).date()
        while day <= last:
            by_day[day].append(meeting)
            day += datetime.timedelta(days=1)
    today = timezone.localdate()
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                {"date": day, "in_month": day.month == month, "is_today": day == today, "meetings": by_day.get(day, [])}
                for day in week
            ]
        )
    return weeks


def meeting_detail() -> QuerySet[Meeting]:
    return Meeting.objects.select_related(*CALENDAR_RELATED).prefetch_related("areas", "questions")


def documents_for(*, meeting: Meeting, user: Any) -> list[MeetingDocument]:
    return [d for d in meeting.documents.all() if user.has_perm("events.view_document", d)]


def organization_events(*, organization: Any, now: datetime.datetime | None = None) -> QuerySet[Meeting]:
    """The organization's own events and the meetings it organizes, upcoming, as its profile lists them."""
    return (
        Meeting.objects.on_calendar()
        .filter(organization=organization, ends_at__gt=now or timezone.now())
        .select_related(*CALENDAR_RELATED)
        .order_by("starts_at", "id")
    )


def organization_submissions(*, organization: Any) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(organizer_kind=Meeting.Organizer.ORGANIZATION, organization=organization)
        .exclude(status=Meeting.Status.DRAFT)
        .select_related("venue", "district")
        .order_by("-starts_at", "-id")
    )


def registrations_of(*, user: Any) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(person=user)
        .select_related("meeting", "meeting__venue", "meeting__room", "meeting__body", "organization")
        .order_by("-meeting__starts_at", "-id")
    )


# Staff -------------------------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class StaffFilters:
    status: str = ""
    kind: str = ""
    when: str = "upcoming"  # "upcoming", "past" or "all"
    query: str = ""


def meetings_for_staff() -> QuerySet[Meeting]:
    """Every meeting of the office and the bodies (NGO events have their own queue), with registration counts."""
    return (
        Meeting.objects.organized_by_the_city()
        .select_related("venue", "room", "body")
        .annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
            waiting_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
            attended_count=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
        )
    )


def filter_meetings_for_staff(
    meetings: QuerySet[Meeting], *, filters: StaffFilters, now: datetime.datetime | None = None
) -> QuerySet[Meeting]:
    now = now or timezone.now()
    if filters.status:
        meetings = meetings.filter(status=filters.status)
    if filters.kind:
        meetings = meetings.filter(kind=filters.kind)
    if filters.query:
        meetings = meetings.filter(title__icontains=filters.query)
    if filters.when == "upcoming":
        meetings = meetings.filter(ends_at__gt=now)
    elif filters.when == "past":
        meetings = meetings.filter(ends_at__lte=now)
    return meetings


def ngo_events_to_review() -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(organizer_kind=Meeting.Organizer.ORGANIZATION, status=Meeting.Status.SUBMITTED)
        .select_related("organization", "venue", "district", "created_by")
        .order_by("starts_at", "id")
    )


def ngo_events_reviewed(*, limit: int = 20) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(
            organizer_kind=Meeting.Organizer.ORGANIZATION,
            status__in=[Meeting.Status.PUBLISHED, Meeting.Status.REJECTED],
            reviewed_by__isnull=False,
        )
        .select_related("organization", "reviewed_by")
        .order_by("-updated_at", "-id")[:limit]
    )


def search_registrations(
    registrations: QuerySet[Registration], *, query: str = "", status: str = ""
) -> QuerySet[Registration]:
    """Narrowed by status and by a name, e-mail, organization or code."""
    if status:
        registrations = registrations.filter(status=status)
    if query:
        code = "".join(ch for ch in query.upper() if ch.isalnum())
        registrations = registrations.filter(
            Q(person__full_name__icontains=query)
            | Q(person__email__icontains=query)
            | Q(organization__name__icontains=query)
            | Q(code=code)
        )
    return registrations


def registrations_for_staff(*, meeting: Meeting, query: str = "", status: str = "") -> QuerySet[Registration]:
    registrations = meeting.registrations.select_related("person", "organization", "checked_in_by")
    return search_registrations(registrations, query=query, status=status).order_by("status", "created_at", "id")


@dataclasses.dataclass(frozen=True)
class Attendance:
    confirmed: int
    waiting: int
    cancelled: int
    attended: int
    organizations_registered: int
    organizations_attended: int

    @property
    def percent(self) -> int:
        return round(100 * self.attended / self.confirmed) if self.confirmed else 0


def attendance(*, meeting: Meeting) -> Attendance:
    """Registered, attended, organizations represented: one query."""
    figures = meeting.registrations.aggregate(
        confirmed=Count("id", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("id", filter=Q(status=Registration.Status.WAITING)),
        cancelled=Count("id", filter=Q(status=Registration.Status.CANCELLED)),
        attended=Count("id", filter=Q(checked_in_at__isnull=False)),
        organizations_registered=Count("organization", distinct=True, filter=Q(status=Registration.Status.CONFIRMED)),
        organizations_attended=Count("organization", distinct=True, filter=Q(checked_in_at__isnull=False)),
    )
    return Attendance(**figures)


@dataclasses.dataclass(frozen=True)
class Quarter:
    year: int
    number: int
    held: int  # published or finished, not cancelled
    drafts: int
    meetings: list[Meeting]
    is_current: bool
    is_next: bool

    @property
    def warn(self) -> bool:
        return (self.is_current or self.is_next) and self.held == 0


def _quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def networking_rhythm(*, year: int, today: datetime.date | None = None) -> list[Quarter]:
    """The four quarters of the year with their informal networking meetings; the quarter after the current one is
    added when it falls in the next year, so that a warning about it is never missed in December."""
    today = today or timezone.localdate()
    current = _quarter_of(today)
    following = (current[0] + current[1] // 4, current[1] % 4 + 1)
    keys = [(year, q) for q in range(1, 5)]
    if following not in keys and current in keys:
        keys.append(following)
    zone = timezone.get_current_timezone()
    start = datetime.datetime(keys[0][0], 1, 1, tzinfo=zone)
    last_year, last_q = keys[-1]
    end = datetime.datetime(last_year + (last_q == 4), (last_q * 3) % 12 + 1, 1, tzinfo=zone)
    meetings = list(
        Meeting.objects.filter(kind=Meeting.Kind.NETWORKING, starts_at__gte=start, starts_at__lt=end)
        .exclude(organizer_kind=Meeting.Organizer.ORGANIZATION)
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.REJECTED])
        .select_related("venue")
        .order_by("starts_at")
    )
    grouped: dict[tuple[int, int], list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        grouped[_quarter_of(timezone.localtime(meeting.starts_at).date())].append(meeting)
    quarters = []
    for key in keys:
        items = grouped.get(key, [])
        quarters.append(
            Quarter(
                year=key[0],
                number=key[1],
                held=sum(1 for m in items if m.status != Meeting.Status.DRAFT),
                drafts=sum(1 for m in items if m.status == Meeting.Status.DRAFT),
                meetings=items,
                is_current=key == current,
                is_next=key == following,
            )
        )
    return quarters


# Public pages ------------------------------------------------------------------------------------------------------


def _count_of(status: str, *, guests: bool = False) -> Any:
    from django.db.models import IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    registrations = Registration.objects.filter(meeting=OuterRef("pk"), status=status)
    if guests:
        registrations = registrations.filter(is_guest=True)
    counted = registrations.order_by().values("meeting").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_seat_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Each meeting with ``confirmed_count``, ``confirmed_guest_count`` and ``waiting_count`` (subqueries: no GROUP
    BY, the list stays one query, and pagination's window count still counts meetings); ``Seats.of_listed`` reads
    them."""
    return meetings.annotate(
        confirmed_count=_count_of(Registration.Status.CONFIRMED),
        confirmed_guest_count=_count_of(Registration.Status.CONFIRMED, guests=True),
        waiting_count=_count_of(Registration.Status.WAITING),
    )


def seat_counts(*, meeting: Meeting) -> tuple[int, int]:
    """Confirmed registrations and people waiting for one meeting: one query."""
    figures = seats(meeting=meeting)
    return figures.confirmed, figures.waiting


@dataclasses.dataclass(frozen=True)
class Seats:
    """The seats of one meeting as ``services.registrations`` gives them out: invited guests (registrations with
    ``is_guest``) take the reserved seats first and then any seat; everyone else only the seats outside the reserved
    ones (``Meeting.general_seats``). ``None`` for "no limit"."""

    capacity: int | None
    reserved: int
    confirmed: int
    confirmed_guests: int
    waiting: int

    @property
    def free(self) -> int | None:
        """Seats nobody has taken: what an invited guest may take, the reserved ones included."""
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)

    @property
    def free_to_everyone(self) -> int | None:
        """Seats a person who is not invited may take: free seats outside the reserved ones, counted as
        ``services.registrations`` does (guests beyond the reserved seats fill the general ones: the total caps it)."""
        if self.capacity is None:
            return None
        general_free = self.capacity - self.reserved - (self.confirmed - self.confirmed_guests)
        return max(min(general_free, self.free or 0), 0)

    def free_for(self, *, guest: bool) -> int | None:
        return self.free if guest else self.free_to_everyone

    @classmethod
    def of_listed(cls, meeting: Meeting) -> "Seats":
        """The seats of a meeting of a list annotated by ``with_seat_counts`` (no query)."""
        return cls(
            capacity=meeting.capacity,
            reserved=meeting.reserved_seats if meeting.capacity is not None else 0,
            confirmed=meeting.confirmed_count,  # type: ignore[attr-defined]
            confirmed_guests=meeting.confirmed_guest_count,  # type: ignore[attr-defined]
            waiting=meeting.waiting_count,  # type: ignore[attr-defined]
        )


def seats(*, meeting: Meeting) -> Seats:
    """The seats of one meeting, taken and free: one query."""
    figures = meeting.registrations.aggregate(
        confirmed=Count("id", filter=Q(status=Registration.Status.CONFIRMED)),
        guests=Count("id", filter=Q(status=Registration.Status.CONFIRMED, is_guest=True)),
        waiting=Count("id", filter=Q(status=Registration.Status.WAITING)),
    )
    return Seats(
        capacity=meeting.capacity,
        reserved=meeting.reserved_seats if meeting.capacity is not None else 0,
        confirmed=figures["confirmed"],
        confirmed_guests=figures["guests"],
        waiting=figures["waiting"],
    )
