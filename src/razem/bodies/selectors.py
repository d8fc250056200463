"""Reads about dialogue bodies: lists, members now and in the past, quorum, acts, deadlines.

A sitting is a meeting of the body: ``events`` builds on ``bodies`` (its ``Meeting.body`` points here, with the
reverse relation ``body.meetings``), so these reads reach the meetings through that relation and judge them with
permission strings (``events.view_meeting``), never by importing ``razem.events``.
"""

import dataclasses
import datetime
from typing import Any, Protocol

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from razem.accounts.models import User
from razem.bodies.models import (
    Act,
    Body,
    BodyMembership,
    MembershipApplication,
    OpinionRequest,
    Post,
    SittingAttendance,
    Term,
)
from razem.bodies.predicates import CHAIR_POSITIONS, current_body_ids
from razem.core.predicates import is_city_staff
from razem.core.reference import statutory_value

POSITION_ORDER = ["chair", "vice_chair", "secretary", "member", "deputy"]


def body_list_for(*, user: Any, kind: str = "", day: datetime.date | None = None) -> QuerySet[Body]:
    """Bodies the person may see (private ones to their members and staff), with the count of current members."""
    day = day or timezone.localdate()
    bodies = Body.objects.filter(is_active=True)
    if not is_city_staff(user):
        bodies = bodies.filter(~Q(visibility=Body.Visibility.PRIVATE) | Q(pk__in=current_body_ids(user)))
    if kind:
        bodies = bodies.filter(kind=kind)
    current = Q(memberships__start_date__lte=day) & (
        Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=day)
    )
    return (
        bodies.select_related("parent")
        .annotate(member_count=Count("memberships", filter=current & ~Q(memberships__position="deputy"), distinct=True))
        .order_by("kind", "name")
    )


def body_detail() -> QuerySet[Body]:
    return Body.objects.select_related("parent").prefetch_related("areas", "children")


def _ordered(memberships: list[BodyMembership]) -> list[BodyMembership]:
    return sorted(
        memberships,
        key=lambda m: (
            POSITION_ORDER.index(m.position) if m.position in POSITION_ORDER else 99,
            m.person.full_name,
        ),
    )


def current_members(*, body: Body, day: datetime.date | None = None) -> list[BodyMembership]:
    members = list(
        BodyMembership.objects.current(day)
        .filter(body=body)
        .select_related("person", "organization", "term", "deputy_of__person")
    )
    return _ordered(members)


@dataclasses.dataclass
class TermHistory:
    term: Term | None
    members: list[BodyMembership]


def member_history(*, body: Body, day: datetime.date | None = None) -> list[TermHistory]:
    """Past members (their membership has ended), grouped by term, newest term first."""
    day = day or timezone.localdate()
    past = (
        BodyMembership.objects.filter(body=body, end_date__lt=day)
        .select_related("person", "organization", "term")
        .order_by("-start_date")
    )
    groups: dict[int | None, TermHistory] = {}
    for membership in past:
        key = membership.term_id
        if key not in groups:
            groups[key] = TermHistory(term=membership.term, members=[])
        groups[key].members.append(membership)
    history = list(groups.values())
    for item in history:
        item.members = _ordered(item.members)
    history.sort(key=lambda h: h.term.starts_on if h.term else datetime.date.min, reverse=True)
    return history


@dataclasses.dataclass(frozen=True)
class Quorum:
    members: int  # full members today (deputies not counted)
    required: int  # more than half of them
    present: int | None = None  # at a sitting: members present, deputies standing in for absent ones included

    @property
    def reached(self) -> bool | None:
        return None if self.present is None else self.present >= self.required


def _quorum_of(principals: set[int]) -> Quorum:
    """The quorum of a body whose full members are these people (more than half of them)."""
    members = len(principals)
    return Quorum(members=members, required=members // 2 + 1 if members else 0)


def quorum(*, body: Body, day: datetime.date | None = None) -> Quorum:
    members = BodyMembership.objects.current(day).filter(body=body).principals().values("person_id").distinct().count()
    return Quorum(members=members, required=members // 2 + 1 if members else 0)


def quorum_of_members(members: list[BodyMembership]) -> Quorum:
    """The quorum of a body from its current seats as ``current_members`` read them (no further query): the same
    figure as ``quorum``, deputies not counted."""
    return _quorum_of({m.person_id for m in members if m.position != BodyMembership.Position.DEPUTY})


class Sitting(Protocol):
    """What a quorum needs to know of a sitting (an ``events.Meeting`` of the body)."""

    pk: Any
    body_id: int | None
    body: Body | None
    starts_at: datetime.datetime
    registrations: Any  # the meeting's registrations (a related manager), with ``person_id`` and ``checked_in_at``


def sitting_quorum(*, meeting: Sitting) -> Quorum | None:
    """Quorum at a sitting: the members present (checked in at the meeting, or recorded present by the office after
    it), a deputy counting for an absent member."""
    return sitting_quorums(meetings=[meeting])[meeting.pk]


def sitting_quorums(*, meetings: list[Any]) -> dict[Any, Quorum | None]:
    """The quorum at each sitting (``sitting_quorum``), by the meeting's pk, in three queries however many sittings
    are listed: the seats of their bodies over the days they span, the check-ins and the office's records of
    presence. None for a meeting of no body."""
    found: dict[Any, Quorum | None] = {m.pk: None for m in meetings}
    sittings = [m for m in meetings if m.body_id is not None and m.body is not None]
    if not sittings:
        return found
    days = {m.pk: timezone.localtime(m.starts_at).date() for m in sittings}
    first, last = min(days.values()), max(days.values())
    seats = list(
        BodyMembership.objects.filter(body_id__in={m.body_id for m in sittings}, start_date__lte=last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .order_by()
        .values_list("body_id", "person_id", "position", "start_date", "end_date", "deputy_of__person_id")
    )
    ids = [m.pk for m in sittings]
    present_at: dict[Any, set[int]] = {pk: set() for pk in ids}
    registrations = sittings[0].registrations.model.objects  # events.Registration, not imported (see the top)
    checked_in = registrations.filter(meeting_id__in=ids, checked_in_at__isnull=False).order_by()
    for meeting_id, person_id in checked_in.values_list("meeting_id", "person_id"):
        present_at[meeting_id].add(person_id)
    recorded = SittingAttendance.objects.filter(  # recorded present by the office after the sitting
        sitting_id__in=ids, status=SittingAttendance.Status.PRESENT
    ).order_by()
    for sitting_id, person_id in recorded.values_list("sitting_id", "membership__person_id"):
        present_at[sitting_id].add(person_id)
    deputy = BodyMembership.Position.DEPUTY
    for meeting in sittings:
        day = days[meeting.pk]
        on_day = [s for s in seats if s[0] == meeting.body_id and s[3] <= day and (s[4] is None or s[4] >= day)]
        base = _quorum_of({s[1] for s in on_day if s[2] != deputy})
        present_people = present_at[meeting.pk]
        if not present_people:  # nobody was checked in: attendance was not recorded in Razem, not "nobody came"
            found[meeting.pk] = base
            continue
        present = {s[1] for s in on_day if s[2] != deputy and s[1] in present_people}
        for _body_id, person_id, position, _start, _end, stands_for in on_day:
            stands_in = position == deputy and person_id in present_people
            if stands_in and stands_for is not None and stands_for not in present_people:
                present.add(stands_for)
        found[meeting.pk] = Quorum(members=base.members, required=base.required, present=len(present))
    return found


def acts_of(*, body: Body, kind: str = "") -> QuerySet[Act]:
    # ``sitting__body``: whether the person may open the sitting's page depends on its body (``events.view_meeting``)
    acts = body.acts.select_related("term", "sitting__body", "request")
    return acts.filter(kind=kind) if kind else acts


def recent_acts(*, body: Body, limit: int) -> list[Act]:
    """The body's latest acts, with only what a list of them shows (``Act.label``, the title, the day adopted)."""
    return list(body.acts.only("id", "body_id", "kind", "number", "title", "adopted_on")[:limit])


def acts_of_sitting(*, sitting: Any) -> QuerySet[Act]:
    """The acts adopted at a sitting (``Act.sitting``), for the sitting's public page."""
    return Act.objects.filter(sitting=sitting).select_related("body", "term").order_by("kind", "number")


def sittings_of(*, body: Body, user: Any) -> list[Any]:
    """The body's announced sittings the person may see, the latest first: its meetings (``body.meetings``, the
    reverse relation of ``events.Meeting.body``, whose ``announced()`` leaves out drafts, NGO events awaiting
    approval and rejected ones)."""
    meetings = body.meetings.announced().order_by("-starts_at")  # type: ignore[attr-defined]
    return [m for m in meetings if user.has_perm("events.view_meeting", m)]


def member_people(*, body: Body, day: datetime.date | None = None) -> QuerySet[User]:
    """The active people sitting in the body on ``day`` (today): the audience of what its members must hear."""
    seated = BodyMembership.objects.current(day).filter(body=body).values("person_id")
    return User.objects.filter(pk__in=seated, is_active=True)


def chair_people(*, body: Body) -> QuerySet[User]:
    """The body's chair and vice-chairs today (active people): they decide on applications with the office."""
    chairs = BodyMembership.objects.current().filter(body=body, position__in=CHAIR_POSITIONS).values("person_id")
    return User.objects.filter(pk__in=chairs, is_active=True)


def open_requests(*, body: Body) -> QuerySet[OpinionRequest]:
    return body.opinion_requests.filter(status=OpinionRequest.Status.OPEN).order_by("due_on")


def requests_due_soon(*, within_days: int, today: datetime.date | None = None) -> QuerySet[OpinionRequest]:
    """Open requests for opinions due within ``within_days`` or already late: the staff panel warns of them
    (``days_of("opinion_warning_days")``) and the deadlines page lists them (``opinion_deadlines_page_days``)."""
    today = today or timezone.localdate()
    return (
        OpinionRequest.objects.filter(
            status=OpinionRequest.Status.OPEN, due_on__lte=today + datetime.timedelta(days=within_days)
        )
        .select_related("body")
        .order_by("due_on")
    )


def posts_of(*, body: Body) -> QuerySet[Post]:
    return body.posts.select_related("author")


def applications_of(*, body: Body | None = None, status: str = "") -> QuerySet[MembershipApplication]:
    applications = MembershipApplication.objects.select_related(
        "body", "organization", "representative", "deputy", "submitted_by", "decided_by"
    )
    if body is not None:
        applications = applications.filter(body=body)
    if status:
        applications = applications.filter(status=status)
    return applications


def organization_seats(*, organization: Any, day: datetime.date | None = None) -> list[BodyMembership]:
    """The organization's people in bodies today (for its profile)."""
    seats = (
        BodyMembership.objects.current(day)
        .filter(organization=organization, body__is_active=True)
        .exclude(body__visibility=Body.Visibility.PRIVATE)
        .select_related("body", "person")
    )
    return sorted(seats, key=lambda m: (m.body.name, POSITION_ORDER.index(m.position), m.person.full_name))


def bodies_for_person(*, user: Any) -> QuerySet[BodyMembership]:
    """The person's seats, current and past; past seats in private bodies are left out (they can no longer open
    those bodies' pages)."""
    today = timezone.localdate()
    return (
        BodyMembership.objects.filter(person=user)
        .exclude(Q(body__visibility=Body.Visibility.PRIVATE) & Q(end_date__lt=today))
        .select_related("body", "organization", "term", "person")
        .order_by("-start_date")
    )


def terms_of(*, body: Body) -> QuerySet[Term]:
    return body.terms.annotate(member_count=Count("memberships")).order_by("-starts_on")


def _count_of(queryset: QuerySet[Any]) -> Coalesce:
    """A correlated count per body (a subquery, so that several counts do not multiply each other's rows)."""
    counted = queryset.filter(body=OuterRef("pk")).order_by().values("body").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def bodies_for_staff(*, day: datetime.date | None = None) -> QuerySet[Body]:
    """Every body, active or not, for the office's list: current members (deputies not counted), open requests
    for opinions and applications awaiting a decision."""
    day = day or timezone.localdate()
    return (
        Body.objects.select_related("parent")
        .annotate(
            member_count=_count_of(BodyMembership.objects.current(day).principals()),
            open_request_count=_count_of(OpinionRequest.objects.filter(status=OpinionRequest.Status.OPEN)),
            pending_application_count=_count_of(
                MembershipApplication.objects.filter(status=MembershipApplication.Status.PENDING)
            ),
        )
        .order_by("-is_active", "kind", "name")
    )


def application_seats(*, application: MembershipApplication) -> list[BodyMembership]:
    """The seats an accepted application gave: its representative's and its deputy's in the body."""
    people = [p for p in (application.representative_id, application.deputy_id) if p]
    return _ordered(
        list(
            BodyMembership.objects.filter(
                body_id=application.body_id,
                organization_id=application.organization_id,
                person_id__in=people,
                appointment=BodyMembership.Appointment.APPLICATION,
            ).select_related("person", "organization", "term", "deputy_of__person")
        )
    )


def pending_application_count() -> int:
    return MembershipApplication.objects.filter(status=MembershipApplication.Status.PENDING).count()


# Attendance at sittings and dismissal for unexcused absences (art. 41g ust. 2 pkt 5) ---------------------------------

SITTING = "sitting"  # events.Meeting.Kind.SITTING, named by its value (bodies imports nothing from events)
HELD = ("published", "finished")  # a sitting that took place: not a draft, not cancelled
ABSENCES_CODE = "council_unexcused_absences"  # core.StatutoryValue: how many consecutive unexcused absences


@dataclasses.dataclass
class MemberAttendance:
    """One member at one sitting: checked in at the door, and what the office recorded after the sitting."""

    membership: BodyMembership
    checked_in_at: datetime.datetime | None
    record: SittingAttendance | None

    @property
    def status(self) -> str:
        """ "present", "excused", "unexcused", or "" when nothing is known (no record, not checked in)."""
        if self.record is not None:
            return self.record.status
        return SittingAttendance.Status.PRESENT if self.checked_in_at else ""


def sitting_attendance(*, sitting: Sitting) -> list[MemberAttendance]:
    """The members of the sitting's body on its day (deputies are left out: they attend in place of a member), each
    with their check-in and the office's record; a member recorded earlier whose seat has since changed stays."""
    if sitting.body_id is None:
        return []
    day = timezone.localtime(sitting.starts_at).date()
    records = {
        r.membership_id: r
        for r in SittingAttendance.objects.filter(sitting=sitting).select_related("recorded_by")  # type: ignore[misc]
    }
    seats = (
        BodyMembership.objects.filter(body_id=sitting.body_id)
        .filter(Q(pk__in=BodyMembership.objects.current(day).principals().values("pk")) | Q(pk__in=list(records)))
        .select_related("person", "organization", "term")
    )
    arrived = dict(sitting.registrations.filter(checked_in_at__isnull=False).values_list("person_id", "checked_in_at"))
    return [
        MemberAttendance(membership=m, checked_in_at=arrived.get(m.person_id), record=records.get(m.pk))
        for m in _ordered(list(seats))
    ]


def absences_threshold(day: datetime.date | None = None) -> int:
    """How many consecutive unexcused absences put a member on the list (3: art. 41g ust. 2 pkt 5)."""
    return int(statutory_value(ABSENCES_CODE, day))


@dataclasses.dataclass
class DismissalCandidate:
    membership: BodyMembership
    sittings: list[Any]  # the consecutive sittings the member missed without excuse, oldest first
    ongoing: bool  # no sitting attended or excused since

    @property
    def last_sitting(self) -> Any:
        return self.sittings[-1]


def _held_sittings(body: Body, since: datetime.date, now: datetime.datetime) -> list[Any]:
    start = datetime.datetime.combine(since, datetime.time.min, tzinfo=timezone.get_current_timezone())
    return list(
        body.meetings.filter(  # type: ignore[attr-defined]
            kind=SITTING, status__in=HELD, starts_at__gte=start, starts_at__lt=now
        ).order_by("starts_at", "id")
    )


def dismissal_candidates(*, body: Body, now: datetime.datetime | None = None) -> list[DismissalCandidate]:
    """Current members of the body with (at least) three consecutive unexcused absences: over the body's sittings
    held during their seat, in order; an attendance (a check-in or a record "present"), an excused absence or a
    sitting with nothing recorded for the member breaks the run. The latest such run is shown. Six queries
    whatever the number of members and sittings."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    threshold = absences_threshold(today)
    seats = list(
        BodyMembership.objects.current(today)
        .filter(body=body, end_reason="")  # a seat the office has already ended (its last day ahead) is dealt with
        .principals()
        .select_related("person", "organization", "term")
    )
    if not seats or threshold < 1:
        return []
    sittings = _held_sittings(body, min(m.start_date for m in seats), now)
    ids = [s.pk for s in sittings]
    statuses = {
        (sitting_id, membership_id): status
        for sitting_id, membership_id, status in SittingAttendance.objects.filter(
            sitting_id__in=ids, membership__in=seats
        ).values_list("sitting_id", "membership_id", "status")
    }
    arrived = set(
        body.meetings.filter(  # type: ignore[attr-defined]
            pk__in=ids, registrations__checked_in_at__isnull=False
        ).values_list("pk", "registrations__person_id")
    )
    found = []
    for seat in _ordered(seats):
        run: list[Any] = []
        latest: list[Any] = []
        for sitting in sittings:
            day = timezone.localtime(sitting.starts_at).date()
            if day < seat.start_date or (seat.end_date and day > seat.end_date):
                continue
            status = statuses.get((sitting.pk, seat.pk)) or (
                SittingAttendance.Status.PRESENT if (sitting.pk, seat.person_id) in arrived else ""
            )
            run = [*run, sitting] if status == SittingAttendance.Status.UNEXCUSED else []
            if len(run) >= threshold:
                latest = run
        if latest:
            found.append(DismissalCandidate(membership=seat, sittings=latest, ongoing=bool(run) and run is latest))
    return found


def dismissal_candidate(*, body: Body, membership: BodyMembership) -> DismissalCandidate | None:
    return next((c for c in dismissal_candidates(body=body) if c.membership.pk == membership.pk), None)
