"""The builder of the demo year: time, places, meetings, bulk registrations and documents.

Meetings are described in ``data/*.json`` (``Year.from_spec``): ``title``, ``kind``, when (``on``: [month, day,
hour] of this year, or ``in_days``: [days from today, hour]), ``hours``, ``place`` ([address, room] of a venue, or
{"address", "district"}), ``status`` (else finished once ended, published while ahead), ``areas``, ``registration``
(false: no registration), ``body`` (a slug), ``capacity``, ``reserved_seats``, ``visibility``, ``place_kind``,
``online_url`` (after ``ONLINE_URL``), ``summary``, ``description`` (or ``description_file``), ``agenda`` (lines),
``status_reason``; then ``attendance`` or ``register`` (the keyword arguments of those methods) and ``document``
({kind, title, name, file, audience, held_only}). JSON strings are filled with ``str.format``, the text files
(``$name``) with ``string.Template``.
"""

import datetime
import string
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.utils import formats, timezone, translation

from razem.accounts.models import User
from razem.bodies.models import Body
from razem.core import demo as toolkit
from razem.core.models import District, PublicBenefitArea, Room, Venue
from razem.events.models import Meeting, MeetingDocument, Registration
from razem.events.services.meetings import validate_meeting
from razem.organizations.demo_people import featured_organizations
from razem.organizations.models import Membership, Organization

SEED = 2026
ONLINE_URL = "https://spotkania.example.org/razem/"
PACKAGE = __package__ or "razem.events.demo"

M = Meeting
S = Meeting.Status
type Person = tuple[User, int | None]

# The fields a spec gives as they are.
PLAIN_FIELDS = ("capacity", "reserved_seats", "visibility", "place_kind", "organizer_kind")


def text(name: str) -> str:
    """A text of ``data/`` used in a field: the file without its final newline."""
    return toolkit.read_text(PACKAGE, name).removesuffix("\n")


def document_text(name: str, **fill: Any) -> str:
    """A document of ``data/`` as it is, its ``$name`` placeholders filled."""
    return string.Template(toolkit.read_text(PACKAGE, name)).substitute(fill)


def data(name: str) -> Any:
    return toolkit.read_json(PACKAGE, name)


class Year:
    """Builds the meetings; ``rng`` keeps the choice of people and answers the same on every first load."""

    def __init__(self, users: Mapping[str, User], people: Sequence[Person], bodies: Mapping[str, Body]) -> None:
        self.rng = toolkit.rng(SEED)
        self.users, self.people, self.bodies = users, list(people), bodies
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.year = self.today.year
        self.officer = users.get("urzednik@razem.demo")
        self.venues = {v.address: v for v in Venue.objects.all()}
        self.rooms = {(r.venue.address, r.name): r for r in Room.objects.select_related("venue")}
        self.areas = {a.code: a for a in PublicBenefitArea.objects.valid_on(self.today)}
        self.featured = featured_organizations()
        self.registrations: list[Registration] = []
        self.meetings: list[Meeting] = []
        self.documents = 0

    # Time ------------------------------------------------------------------------------------------------------

    def on(self, month: int, day: int, hour: int, minute: int = 0, *, year: int | None = None) -> datetime.datetime:
        return toolkit.at(datetime.date(year or self.year, month, day), hour, minute)

    def in_days(self, days: int, hour: int, minute: int = 0) -> datetime.datetime:
        return toolkit.at(self.today + datetime.timedelta(days=days), hour, minute)

    def when(self, value: datetime.datetime) -> str:
        with translation.override("pl"):
            return formats.date_format(timezone.localtime(value), "j E Y, H:i")

    # Places and people -----------------------------------------------------------------------------------------

    def place(self, address: str, room: str | None = None) -> dict[str, Any]:
        venue = self.venues.get(address)
        if venue is None:
            return {"address": address}
        return {
            "venue": venue,
            "room": self.rooms.get((address, room)) if room else None,
            "district_id": venue.district_id,
        }

    def where(self, place: Sequence[str] | Mapping[str, Any] | None) -> dict[str, Any]:
        """A spec's place: [address, room] of a venue, or an address outside the venues in a district."""
        if place is None:
            return {}
        if isinstance(place, Mapping):
            return {"address": place["address"], "district_id": self.district(place["district"])}
        return self.place(*place)

    def district(self, number: int) -> int | None:
        return District.objects.filter(number=number).values_list("pk", flat=True).first()

    def acting_org(self, email: str) -> int | None:
        return (
            Membership.objects.active()
            .filter(user__email=email)
            .order_by("pk")
            .values_list("organization_id", flat=True)
            .first()
        )

    def representative(self, organization: Organization) -> User | None:
        membership = organization.memberships.acting().select_related("user").order_by("pk").first()
        return membership.user if membership else self.officer

    # Meetings --------------------------------------------------------------------------------------------------

    def meeting(
        self,
        title: str,
        kind: str,
        starts: datetime.datetime,
        hours: float,
        *,
        status: str | None = None,
        areas: Sequence[str] = (),
        where: dict[str, Any] | None = None,
        registration: bool = True,
        **fields: Any,
    ) -> Meeting:
        """A meeting; finished when it has ended and published when it is ahead, unless ``status`` says otherwise."""
        ends = starts + datetime.timedelta(hours=hours)
        status = status or (S.FINISHED if ends <= self.now else S.PUBLISHED)
        announced = min(starts - datetime.timedelta(days=30), self.now - datetime.timedelta(days=2))
        defaults: dict[str, Any] = {
            "organizer_kind": M.Organizer.CITY,
            "visibility": M.Visibility.PUBLIC,
            "contact_email": "ngo@krakow.example.org",
            "created_by": self.officer,
            "created_at": announced,
            "published_at": None if status in {S.DRAFT, S.SUBMITTED, S.REJECTED} else announced,
        }
        if registration:
            defaults.update(
                registration_enabled=True,
                registration_opens_at=announced,
                registration_closes_at=starts - datetime.timedelta(hours=2),
            )
        meeting = Meeting(
            title=title,
            kind=kind,
            starts_at=starts,
            ends_at=ends,
            status=status,
            **{**defaults, **(where or {}), **fields},
        )
        validate_meeting(meeting)
        meeting.save()
        if areas:
            meeting.areas.set([self.areas[c] for c in areas if c in self.areas])
        self.meetings.append(meeting)
        return meeting

    def starts(self, spec: Mapping[str, Any]) -> datetime.datetime:
        if "in_days" in spec:
            return self.in_days(*spec["in_days"])
        return self.on(*spec["on"])

    def from_spec(
        self,
        spec: Mapping[str, Any],
        fill: Mapping[str, Any] | None = None,
        *,
        starts: datetime.datetime | None = None,
        **fields: Any,
    ) -> Meeting:
        """The meeting a data file describes (see the module doc), its registrations and its document; ``starts``
        and ``fields`` override the file."""
        fill = fill or {}
        given: dict[str, Any] = {key: spec[key] for key in PLAIN_FIELDS if key in spec}
        for key in ("summary", "description", "status_reason"):
            if key in spec:
                given[key] = spec[key].format(**fill)
        if "description_file" in spec:
            given["description"] = text(spec["description_file"])
        if "agenda" in spec:
            given["agenda"] = "\n".join(spec["agenda"])
        if "online_url" in spec:
            given["online_url"] = ONLINE_URL + spec["online_url"]
        if "body" in spec:
            given["body"] = self.bodies[spec["body"]]
        status = fields.pop("status", None) or spec.get("status")
        meeting = self.meeting(
            spec["title"].format(**fill),
            M.Kind(spec["kind"]),
            starts or self.starts(spec),
            spec["hours"],
            status=S(status) if status else None,
            areas=spec.get("areas", ()),
            where=self.where(spec.get("place")),
            registration=spec.get("registration", True),
            **{**given, **fields},
        )
        if "attendance" in spec:
            self.attendance(meeting, **spec["attendance"])
        if "register" in spec:
            self.register(meeting, **spec["register"])
        if "document" in spec:
            self.document_from(meeting, spec["document"], fill)
        return meeting

    # Registrations ---------------------------------------------------------------------------------------------

    def register(
        self,
        meeting: Meeting,
        *,
        confirmed: int,
        waiting: int = 0,
        present: int = 0,
        guests: int = 0,
        people: Sequence[Person] | None = None,
        answers: Callable[[], dict[str, Any]] | None = None,
        on_behalf: bool = True,
        present_first: int = 0,
    ) -> list[Registration]:
        """Bulk registrations of demo people (no e-mails): ``present`` of the confirmed ones checked in, chosen at
        random except the first ``present_first``."""
        pool = list(people) if people is not None else self.rng.sample(self.people, confirmed + waiting)
        confirmed = min(confirmed, len(pool))
        present = min(present, confirmed) if meeting.has_started else 0
        chosen = set(range(min(present_first, present)))
        chosen.update(self.rng.sample(range(len(chosen), confirmed), present - len(chosen)))
        opened = meeting.registration_opens_at or meeting.starts_at - datetime.timedelta(days=20)
        span = max((min(meeting.starts_at, self.now) - opened).total_seconds(), 3600)
        made = []
        for index, (person, organization_id) in enumerate(pool[: confirmed + waiting]):
            at = opened + datetime.timedelta(seconds=span * (index + 1) / (len(pool) + 2))
            is_confirmed = index < confirmed
            arrived = index in chosen
            made.append(
                Registration(
                    meeting=meeting,
                    person=person,
                    organization_id=organization_id if on_behalf else None,
                    status=Registration.Status.CONFIRMED if is_confirmed else Registration.Status.WAITING,
                    is_guest=index < guests,
                    answers=answers() if answers else {},
                    created_at=at,
                    confirmed_at=at if is_confirmed else None,
                    checked_in_at=meeting.starts_at + datetime.timedelta(minutes=self.rng.randint(-20, 25))
                    if arrived
                    else None,
                    checked_in_by=self.officer if arrived else None,
                )
            )
        self.registrations.extend(made)
        return made

    def attendance(self, meeting: Meeting, seats: int, share: float = 0.8, **kwargs: Any) -> None:
        """Registrations of a meeting: about ``share`` of the seats taken, and most of them present if it was held."""
        confirmed = max(1, round(seats * share))
        present = round(confirmed * self.rng.uniform(0.75, 0.88)) if meeting.status == S.FINISHED else 0
        self.register(meeting, confirmed=confirmed, present=present, **kwargs)

    # Documents -------------------------------------------------------------------------------------------------

    def document(
        self,
        meeting: Meeting,
        *,
        kind: str,
        title: str,
        name: str,
        content: bytes,
        audience: str = MeetingDocument.Audience.PUBLIC,
    ) -> None:
        document = MeetingDocument(
            meeting=meeting,
            kind=kind,
            audience=audience,
            title=title,
            size=len(content),
            content_type="application/pdf" if name.endswith(".pdf") else "text/plain",
            uploaded_by=self.officer,
            created_at=min(meeting.ends_at + datetime.timedelta(days=3), self.now),
        )
        document.file.save(name, ContentFile(content), save=False)
        document.save()
        self.documents += 1

    def document_from(self, meeting: Meeting, spec: Mapping[str, Any], fill: Mapping[str, Any]) -> None:
        """A text document a data file describes; ``held_only``: only once the meeting was held."""
        if spec.get("held_only") and meeting.status != S.FINISHED:
            return
        self.document(
            meeting,
            kind=MeetingDocument.Kind(spec["kind"]),
            title=spec["title"],
            name=spec["name"].format(**fill),
            content=document_text(spec["file"], **fill).encode(),
            audience=MeetingDocument.Audience(spec.get("audience", MeetingDocument.Audience.PUBLIC)),
        )
