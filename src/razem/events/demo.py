"""A year of meetings like the Kraków office's, for the demo: the calendar of the current year around today.

``load()`` makes about 150 demo NGO people (deterministic names, each the administrator of a verified demo
organization), the dialogue bodies (``razem.bodies.demo``), then the meetings:

- the January meeting of the Pełnomocnik with NGOs (150 confirmed registrations on behalf of organizations,
  120 checked in, minutes as a PDF made with WeasyPrint, materials as text);
- informal networking meetings every quarter: those already held are finished with attendance, the next one is
  published with registration open and the one after it is a draft. In late November that leaves the next
  quarter (Q1 of next year) with a draft only, so the rhythm dashboard shows its warning on purpose;
- civic dialogue forums (premises policy, social economy), the 4 June civic picnic, consultation meetings of next
  year's cooperation programme (October), trainings, sittings of KRDPP and of the Forum (members only) and of KDOs;
- upcoming: a full training with a waiting list, a forum with registration questions, a cancelled workshop, an
  online webinar, a hybrid meeting, an invited-only meeting with reserved seats;
- NGO events: nine approved, two awaiting approval, one rejected;
- the demo accounts' registrations: the resident confirmed for the forum with questions, waiting for the full
  training and checked in at a past meeting; the NGO representative on behalf of his association.

Meetings with a fixed date (the January meeting, the quarters, forums...) are placed in the current year and are
finished when that date has passed, published when it is still ahead; the showcase meetings are placed a few
days or weeks from now. Bulk registrations are written with ``bulk_create`` (no e-mails); the demo accounts'
upcoming registrations go through the registration service (three confirmation e-mails on the console).
The meetings are loaded once (the audit log says when), as the generated organizations are.
"""

import datetime
import random
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypedDict

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats, timezone, translation

from razem.accounts.models import User
from razem.bodies import demo as bodies_demo
from razem.bodies.models import Body
from razem.core import audit
from razem.core.models import LogEntry, PublicBenefitArea, Room, Venue
from razem.events import demo_texts as texts
from razem.events.models import Meeting, MeetingDocument, MeetingInvitation, MeetingQuestion, Registration
from razem.events.services import registrations as registration_service
from razem.events.services.meetings import validate_meeting
from razem.organizations.demo import featured_organizations, load_people
from razem.organizations.models import Membership, Organization

LOADED = "events.demo.loaded"
SEED = 2026
ONLINE_URL = "https://spotkania.example.org/razem/"

M = Meeting
K = Meeting.Kind
S = Meeting.Status

DIETS = ["standardowa", "wegetariańska", "wegańska", "bezglutenowa"]
ACCESSIBILITY_ANSWERS = [
    "Poruszam się na wózku – proszę o miejsce przy wejściu.",
    "Słabo widzę; materiały w większej czcionce byłyby pomocne.",
    "Przyjdę z psem asystującym.",
    "Korzystam z pętli indukcyjnej.",
]


class _SittingOptions(TypedDict, total=False):
    """Keyword arguments shared by several sittings, passed on to ``_Year.meeting``."""

    registration: bool
    organizer_kind: str
    visibility: str


class _SittingPlaceOptions(_SittingOptions):
    """The same, with the place where the sittings are held."""

    where: dict[str, Any]


class _Year:
    """Builds the meetings; ``rng`` keeps the choice of people and answers the same on every first load."""

    def __init__(self, users: Mapping[str, User], people: Sequence[tuple[User, int | None]], bodies: dict) -> None:
        self.rng = random.Random(SEED)  # noqa: S311 - made-up demo data
        self.users, self.people, self.bodies = users, list(people), bodies
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.year = self.today.year
        self.zone = timezone.get_current_timezone()
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
        return datetime.datetime(year or self.year, month, day, hour, minute, tzinfo=self.zone)

    def in_days(self, days: int, hour: int, minute: int = 0) -> datetime.datetime:
        day = self.today + datetime.timedelta(days=days)
        return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.zone)

    # Places ----------------------------------------------------------------------------------------------------

    def place(self, address: str, room: str | None = None) -> dict[str, Any]:
        venue = self.venues.get(address)
        if venue is None:
            return {"address": address}
        return {
            "venue": venue,
            "room": self.rooms.get((address, room)) if room else None,
            "district_id": venue.district_id,
        }

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

    def register(
        self,
        meeting: Meeting,
        *,
        confirmed: int,
        waiting: int = 0,
        present: int = 0,
        guests: int = 0,
        people: Sequence[tuple[User, int | None]] | None = None,
        answers: Callable[[], dict] | None = None,
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

    def when(self, value: datetime.datetime) -> str:
        with translation.override("pl"):
            return formats.date_format(timezone.localtime(value), "j E Y, H:i")

    # The year --------------------------------------------------------------------------------------------------

    def build(self) -> dict[str, Meeting]:
        named: dict[str, Meeting] = {}
        named["january"] = self.january()
        named.update(self.networking())
        named.update(self.forums_and_trainings())
        named.update(self.sittings())
        named.update(self.upcoming())
        named.update(self.ngo_events())
        Registration.objects.bulk_create(self.registrations, batch_size=500)
        self.accounts(named)
        return named

    def january(self) -> Meeting:
        starts = self.on(1, 22, 17)
        if starts + datetime.timedelta(hours=3) > self.now:  # early January: last year's meeting
            starts = self.on(1, 22, 17, year=self.year - 1)
        meeting = self.meeting(
            "Spotkanie noworoczne Pełnomocnika Prezydenta Miasta Krakowa ds. Organizacji Pozarządowych z organizacjami",
            K.CIVIC,
            starts,
            3,
            where=self.place("ul. Zabłocie 20–22"),
            capacity=160,
            summary=texts.JANUARY_SUMMARY,
            description=texts.JANUARY_DESCRIPTION,
            agenda=texts.JANUARY_AGENDA,
            areas=("33", "13"),
            status=S.FINISHED,
        )
        accounts = [
            (self.users[e], self.acting_org(e))
            for e in ("przedstawiciel@razem.demo", "prezeska@razem.demo")
            if e in self.users
        ]
        people = accounts + [p for p in self.people if p[1] is not None]
        # The demo accounts come first, so they are among the 120 present.
        self.register(meeting, confirmed=150, present=120, people=people[:150], present_first=len(accounts))
        from weasyprint import HTML  # imported here: it takes a second to load

        html = texts.MINUTES_HTML.format(
            title=meeting.title,
            when=self.when(meeting.starts_at),
            place=meeting.place_label,
            registered=150,
            present=120,
        )
        self.document(
            meeting,
            kind=MeetingDocument.Kind.MINUTES,
            title="Protokół ze spotkania",
            name="protokol-spotkanie-noworoczne.pdf",
            content=HTML(string=html).write_pdf(),
        )
        self.document(
            meeting,
            kind=MeetingDocument.Kind.ATTACHMENT,
            title="Podsumowanie roku i plan spotkań",
            name="materialy-spotkanie-noworoczne.txt",
            content=texts.JANUARY_MATERIALS.encode(),
        )
        return meeting

    def networking(self) -> dict[str, Meeting]:
        """One informal networking meeting a quarter: held ones finished, the next published, the one after a draft."""
        plan = [
            (self.on(3, 12, 18), "os. Centrum C 10", "Sala P1", 40, "I"),
            (self.on(5, 21, 18), "ul. Zabłocie 20, budynek A, I piętro", "Sala spotkań", 30, "II"),
            (self.on(9, 17, 18), "ul. Zabłocie 20–22", "Sala 9 (open space, Zabłocie 22, parter)", 60, "III"),
            (self.on(12, 10, 18), "ul. Reymonta 20", "Sala duża 1w038", 60, "IV"),
            (self.on(3, 11, 18, year=self.year + 1), "os. Centrum C 10", "Sala P1", 40, "I"),
        ]
        made: dict[str, Meeting] = {}
        ahead = 0
        for starts, address, room, seats, quarter in plan:
            if starts > self.now:
                ahead += 1
                if ahead > 2:
                    break
            status = S.DRAFT if ahead == 2 else None
            meeting = self.meeting(
                f"Spotkanie sieciujące organizacji – {quarter} kwartał {starts.year}",
                K.NETWORKING,
                starts,
                2.5,
                where=self.place(address, room),
                capacity=seats,
                status=status,
                areas=("33", "13"),
                summary="Nieformalne spotkanie organizacji: poznajmy się, wymieńmy kontaktami i pomysłami.",
                description="Spotkanie bez prezentacji i bez porządku obrad: kawa, herbata, coś słodkiego i rozmowy "
                "przy stolikach (kultura, sport, seniorzy, młodzież, ekologia, pomoc społeczna). Przyjdź sam "
                "lub z kimś z zespołu; przynieś ulotki i wizytówki. Zapisy pomagają nam zamówić poczęstunek.",
            )
            if meeting.status != S.DRAFT:
                self.attendance(meeting, seats, share=0.85 if meeting.status == S.FINISHED else 0.45)
            made[f"networking-{starts.year}-{quarter}"] = meeting
        return made

    def forums_and_trainings(self) -> dict[str, Meeting]:
        made = {}
        made["training-offer"] = m = self.meeting(
            "Szkolenie: jak przygotować ofertę w otwartym konkursie ofert",
            K.TRAINING,
            self.on(2, 26, 16),
            3,
            where=self.place("ul. Reymonta 20", "Sala warsztatowa 1w040"),
            capacity=20,
            areas=("33",),
            summary="Formularz oferty krok po kroku: rezultaty, kosztorys, wkład własny, najczęstsze błędy formalne.",
            description="Szkolenie dla organizacji, które pierwszy raz składają ofertę w konkursie Miasta. "
            "Prowadzi Wydział Polityki Społecznej i Zdrowia. Weź ze sobą laptop.",
        )
        self.attendance(m, 20, share=1.0)
        made["forum-premises"] = m = self.meeting(
            "Forum Dialogu Obywatelskiego: polityka lokalowa miasta wobec organizacji",
            K.FORUM,
            self.on(4, 16, 17),
            2.5,
            where=self.place("ul. Reymonta 20", "Sala duża 1w038"),
            capacity=70,
            areas=("33", "13"),
            summary="Jak organizacje wynajmują lokale Gminy i co zmienić w polityce lokalowej.",
            description="Forum otwiera prace nad rekomendacjami do polityki lokalowej. Przedstawiciele Zarządu "
            "Budynków Komunalnych opowiedzą o trybach najmu, a Krakowskie Forum Lokalowe zbierze Wasze postulaty.",
            agenda="Zasady najmu lokali użytkowych – ZBK\nDoświadczenia organizacji\nDyskusja i postulaty",
        )
        self.attendance(m, 70, share=0.83)
        if m.status == S.FINISHED:
            self.document(
                m,
                kind=MeetingDocument.Kind.MINUTES,
                title="Notatka z forum",
                name="notatka-forum-polityka-lokalowa.txt",
                content=texts.FORUM_PREMISES_NOTE.encode(),
            )
        made["picnic"] = self.meeting(
            "Dzień Wolności i Praw Obywatelskich – piknik organizacji na Zabłociu",
            K.CIVIC,
            self.on(6, 4, 15),
            4,
            where=self.place("ul. Zabłocie 20–22"),
            registration=False,
            areas=("22", "13"),
            summary="Piknik krakowskich organizacji w rocznicę wyborów 4 czerwca 1989 r. Wstęp wolny.",
            description=texts.PICNIC_DESCRIPTION,
        )
        made["training-accessibility"] = m = self.meeting(
            "Szkolenie: dostępne wydarzenia organizacji (PJM, pętla indukcyjna, tekst łatwy do czytania)",
            K.TRAINING,
            self.on(6, 9, 10),
            4,
            where=self.place("ul. Zabłocie 20, budynek A, I piętro", "Sala spotkań"),
            capacity=25,
            areas=("7", "33"),
            summary="Jak zaplanować spotkanie, na które może przyjść każdy.",
        )
        self.attendance(m, 25, share=0.9)
        made["forum-social-economy"] = m = self.meeting(
            "Forum Dialogu Obywatelskiego: ekonomia społeczna w Krakowie",
            K.FORUM,
            self.on(9, 24, 17),
            3,
            where=self.place("ul. Zabłocie 20–22", "Sala 9 (open space, Zabłocie 22, parter)"),
            capacity=80,
            reserved_seats=10,
            areas=("8", "2"),
            summary="Spółdzielnie socjalne, zamówienia z klauzulami społecznymi i rekomendacje dla miasta.",
            description="Drugie forum roku. 10 miejsc zarezerwowaliśmy dla zaproszonych gości z Rady Miasta "
            "i Ośrodka Wsparcia Ekonomii Społecznej.",
        )
        self.attendance(m, 70, share=0.86, guests=6)
        next_year = self.year + 1
        for key, starts, address, room in (
            ("consultation-1", self.on(10, 7, 17), "ul. Dekerta 24", "Sala konferencyjna"),
            ("consultation-2", self.on(10, 14, 17), "os. Centrum C 10", "Sala P1"),
        ):
            made[key] = m = self.meeting(
                f"Konsultacje projektu Programu współpracy z organizacjami pozarządowymi na {next_year} rok – "
                f"spotkanie {'w Podgórzu' if key.endswith('1') else 'w Nowej Hucie'}",
                K.CONSULTATION,
                starts,
                2,
                where=self.place(address, room),
                capacity=40,
                areas=("33",),
                summary=f"Omówimy projekt programu współpracy na {next_year} rok i zbierzemy Wasze uwagi.",
                description="Spotkanie konsultacyjne z art. 5a ustawy o działalności pożytku publicznego. "
                "Uwagi można też zgłaszać formularzem do końca października.",
            )
            self.attendance(m, 40, share=0.7)
            if key.endswith("1"):
                self.document(
                    m,
                    kind=MeetingDocument.Kind.ATTACHMENT,
                    title="Projekt programu współpracy",
                    name=f"projekt-programu-wspolpracy-{next_year}.txt",
                    content=texts.PROGRAMME_DRAFT.format(year=next_year).encode(),
                )
        return made

    def sittings(self) -> dict[str, Meeting]:
        made = {}
        krdpp, forum = self.bodies["krdpp"], self.bodies["forum-lokalowe"]
        members: _SittingPlaceOptions = {
            "where": self.place("ul. Dekerta 24", "Sala konferencyjna"),
            "registration": False,
            "organizer_kind": M.Organizer.BODY,
            "visibility": M.Visibility.MEMBERS,
        }
        for number, (month, day) in enumerate(((2, 10), (5, 12), (9, 15)), start=1):
            made[f"krdpp-{number}"] = m = self.meeting(
                f"Posiedzenie Krakowskiej Rady Działalności Pożytku Publicznego nr {number}/{self.year}",
                K.SITTING,
                self.on(month, day, 16),
                2,
                body=krdpp,
                **members,
                summary="Posiedzenie Rady: opinie do projektów uchwał i sprawy bieżące.",
            )
            if number == 3 and m.status == S.FINISHED:
                self.document(
                    m,
                    kind=MeetingDocument.Kind.MINUTES,
                    title="Protokół z posiedzenia",
                    name=f"protokol-krdpp-{number}-{self.year}.txt",
                    content=texts.KRDPP_MINUTES.encode(),
                )
        made["krdpp-upcoming"] = self.meeting(
            f"Posiedzenie Krakowskiej Rady Działalności Pożytku Publicznego nr 4/{self.in_days(8, 16).year}",
            K.SITTING,
            self.in_days(8, 16),
            2,
            body=krdpp,
            **members,
            summary="Opinia Rady o projekcie Programu współpracy na przyszły rok; plan pracy Rady.",
            agenda="Otwarcie i przyjęcie porządku obrad\nOpinia o projekcie Programu współpracy\n"
            "Plan pracy Rady na przyszły rok\nWolne wnioski",
        )
        forum_place: _SittingPlaceOptions = {
            **members,
            "where": self.place("ul. Reymonta 20", "Sala warsztatowa 1w040"),
        }
        made["forum-lokalowe-past"] = m = self.meeting(
            "Posiedzenie Krakowskiego Forum Lokalowego: struktura rekomendacji",
            K.SITTING,
            self.on(6, 23, 17),
            2,
            body=forum,
            **forum_place,
        )
        if m.status == S.FINISHED:
            self.document(
                m,
                kind=MeetingDocument.Kind.MINUTES,
                title="Notatka z posiedzenia",
                name="notatka-forum-lokalowe.txt",
                content=texts.FORUM_LOKALOWE_MINUTES.encode(),
                audience=MeetingDocument.Audience.PARTICIPANTS,
            )
        made["forum-lokalowe-upcoming"] = self.meeting(
            "Posiedzenie Krakowskiego Forum Lokalowego: projekt rekomendacji do polityki lokalowej",
            K.SITTING,
            self.in_days(15, 17),
            2,
            body=forum,
            **forum_place,
        )
        public_sitting: _SittingOptions = {"registration": False, "organizer_kind": M.Organizer.BODY}
        for key, slug, title, starts, address, room in (
            (
                "kdo-culture",
                "kdo-kultury",
                "Posiedzenie KDO ds. Kultury: opinia o konkursach na kulturę",
                self.on(3, 24, 17),
                "ul. Reymonta 20",
                "Sala warsztatowa 1w040",
            ),
            (
                "kdo-youth",
                "kdo-mlodziezy",
                "Otwarte posiedzenie KDO ds. Młodzieży: wakacje w mieście",
                self.on(6, 17, 17),
                "ul. Zabłocie 20–22",
                "Sala warsztatowa",
            ),
            (
                "kdo-disability",
                "kdo-niepelnosprawnosci",
                "Posiedzenie KDO ds. Osób z Niepełnosprawnościami: dostępność transportu miejskiego",
                self.on(10, 20, 16),
                "os. Centrum C 10",
                "Sala P4",
            ),
        ):
            made[key] = self.meeting(
                title,
                K.SITTING,
                starts,
                2,
                body=self.bodies[slug],
                where=self.place(address, room),
                **public_sitting,
                summary="Posiedzenie otwarte: mogą przyjść wszyscy zainteresowani.",
            )
        return made

    def upcoming(self) -> dict[str, Meeting]:
        made = {}
        made["full"] = m = self.meeting(
            "Szkolenie: rozliczenie dotacji i sprawozdanie z realizacji zadania publicznego",
            K.TRAINING,
            self.in_days(12, 10),
            4,
            where=self.place("ul. Dekerta 24", "Sala konferencyjna"),
            capacity=30,
            areas=("33",),
            summary="Sprawozdanie częściowe i końcowe, dokumenty finansowe, korekty – na przykładach.",
            description="Miejsca skończyły się w dwa dni. Zapisz się na listę rezerwową: gdy ktoś zrezygnuje, "
            "pierwsza osoba z listy dostanie miejsce i wiadomość e-mail.",
        )
        self.register(m, confirmed=30, waiting=5)
        made["questions"] = m = self.meeting(
            "Forum Dialogu Obywatelskiego: seniorzy i organizacje w dzielnicach",
            K.FORUM,
            self.in_days(9, 17),
            2.5,
            where=self.place("os. Centrum C 10", "Sala P1"),
            capacity=40,
            areas=("10", "13"),
            summary="Jak organizacje i rady dzielnic mogą razem docierać do seniorów. Zapewniamy poczęstunek.",
            description="Forum dla organizacji senioralnych, klubów seniora i rad dzielnic. Podczas forum będzie "
            "poczęstunek: w formularzu zapisu zapytamy o dietę i o to, jak możemy ułatwić Ci udział.",
        )
        questions = [
            MeetingQuestion(meeting=m, position=1, kind=MeetingQuestion.Kind.TEXT,
                            label="Czy potrzebujesz udogodnień, aby wziąć udział w spotkaniu?",
                            help_text="Np. miejsce dla wózka, pętla indukcyjna, materiały w dużym druku."),
            MeetingQuestion(meeting=m, position=2, kind=MeetingQuestion.Kind.CHOICE, label="Dieta",
                            options="\n".join(DIETS), required=True),
            MeetingQuestion(meeting=m, position=3, kind=MeetingQuestion.Kind.YES_NO,
                            label="Czy potrzebujesz tłumacza PJM?"),
        ]  # fmt: skip
        MeetingQuestion.objects.bulk_create(questions)
        needs, diet, pjm = (str(q.pk) for q in questions)

        def answers() -> dict[str, Any]:
            given: dict[str, Any] = {diet: self.rng.choices(DIETS, weights=[60, 25, 8, 7])[0], pjm: False}
            if self.rng.random() < 0.15:
                given[needs] = self.rng.choice(ACCESSIBILITY_ANSWERS)
            if self.rng.random() < 0.05:
                given[pjm] = True
            return given

        self.register(m, confirmed=22, answers=answers)
        made["cancelled"] = m = self.meeting(
            "Warsztaty: fundraising i crowdfunding dla małych organizacji",
            K.TRAINING,
            self.in_days(5, 16),
            3,
            where=self.place("ul. Reymonta 20", "Sala warsztatowa 1w040"),
            capacity=20,
            status=S.CANCELLED,
            status_reason="Prowadząca zachorowała. Nowy termin podamy w styczniu; wszystkie zapisane osoby "
            "dostaną wiadomość i będą miały pierwszeństwo zapisu.",
        )
        self.register(m, confirmed=12)
        made["online"] = m = self.meeting(
            "Webinarium: zmiany w ustawie o działalności pożytku publicznego – co oznaczają dla organizacji",
            K.TRAINING,
            self.in_days(16, 12),
            1.5,
            place_kind=M.Place.ONLINE,
            online_url=ONLINE_URL + "webinarium",
            areas=("33",),
            summary="Przegląd zmian w ustawie i w rozporządzeniu o wzorach ofert. Spotkanie online.",
            description="Link do spotkania zobaczysz po zapisaniu się. Nagranie udostępnimy zapisanym osobom.",
        )
        self.register(m, confirmed=41)
        made["hybrid"] = m = self.meeting(
            f"Spotkanie informacyjne: otwarte konkursy ofert na {self.year + 1} rok",
            K.CIVIC,
            self.in_days(20, 17),
            2,
            where=self.place("ul. Dekerta 24", "Sala konferencyjna"),
            place_kind=M.Place.HYBRID,
            online_url=ONLINE_URL + "konkursy",
            capacity=40,
            reserved_seats=5,
            areas=("33",),
            summary="Harmonogram konkursów na przyszły rok; można przyjść albo dołączyć online.",
        )
        self.register(m, confirmed=18)
        made["invited"] = m = self.meeting(
            "Spotkanie robocze Pełnomocnika z przewodniczącymi ciał dialogu obywatelskiego",
            K.OTHER,
            self.in_days(14, 15),
            2,
            where=self.place("ul. Reymonta 20", "Sala warsztatowa 1w040"),
            visibility=M.Visibility.INVITED,
            capacity=20,
            reserved_seats=6,
            summary="Plan pracy ciał dialogu na przyszły rok. Spotkanie dla osób zaproszonych.",
            description="6 miejsc zarezerwowaliśmy dla radnych Komisji Dialogu Obywatelskiego Rady Miasta.",
        )
        chairs = self.chairs()
        invited = chairs + [(self.users[e], self.acting_org(e)) for e in ("prezeska@razem.demo",) if e in self.users]
        MeetingInvitation.objects.bulk_create(
            [MeetingInvitation(meeting=m, person=p, invited_by=self.officer) for p, _org in invited]
        )
        self.register(m, confirmed=min(5, len(chairs)), guests=5, people=chairs)  # invited guests: every seat
        return made

    def chairs(self) -> list[tuple[User, int | None]]:
        """The chairs of the bodies (the first demo person seated in each, see bodies.demo.SEATS)."""
        index, found = 0, []
        for seats in bodies_demo.SEATS.values():
            if index < len(self.people):
                found.append(self.people[index])
            index += seats
        return found

    def acting_org(self, email: str) -> int | None:
        return (
            Membership.objects.active()
            .filter(user__email=email)
            .order_by("pk")
            .values_list("organization_id", flat=True)
            .first()
        )

    def ngo_events(self) -> dict[str, Meeting]:
        pod_wawelem, nowa_huta, orleta, wyciaze, zakwas = self.featured[:5]
        generated = list(
            Organization.objects.filter(status=Organization.Status.VERIFIED)
            .exclude(pk__in=[o.pk for o in self.featured])
            .order_by("name", "pk")[:40]
        )
        others = self.rng.sample(generated, 3) if len(generated) >= 3 else []
        plan: list[tuple[str, Organization, str, datetime.datetime, float, dict[str, Any], str, str]] = [
            ("ngo-walk-kazimierz", pod_wawelem, "Spacer: Kazimierz, którego nie znacie", self.in_days(10, 11), 2.5,
             {"address": "Zbiórka: pl. Nowy, przy Okrąglaku", "district_id": self.district(1)}, S.PUBLISHED,
             "Bezpłatny spacer z przewodniczką po mniej znanych podwórkach i bożnicach Kazimierza."),
            ("ngo-concert", pod_wawelem, "Koncert kolęd i pastorałek na podwórku przy Stradomskiej",
             self.in_days(24, 18), 1.5, {"address": "ul. Stradomska 12, podwórko", "district_id": self.district(1)},
             S.PUBLISHED, "Śpiewamy z sąsiadami; gorąca herbata dla wszystkich. Wstęp wolny."),
            ("ngo-walk-past", pod_wawelem, "Spacer śladami krakowskich kamienic", self.in_days(-40, 11), 2,
             {"address": "Zbiórka: Rynek Główny, przy Adasiu", "district_id": self.district(1)}, S.PUBLISHED,
             "Historia kamienic Starego Miasta opowiedziana przez mieszkańców."),
            ("ngo-seniors", pod_wawelem, "Warsztaty dla seniorów: smartfon bez tajemnic", self.in_days(30, 10), 3,
             self.place("ul. Reymonta 20", "Coworking"), S.SUBMITTED,
             "Cztery godziny praktyki: zdjęcia, wideorozmowy z wnukami, bezpieczna bankowość."),
            ("ngo-walk-nowa-huta", nowa_huta, "Spacer: Nowa Huta – miasto idealne?", self.in_days(13, 11), 3,
             {"address": "Zbiórka: pl. Centralny im. R. Reagana", "district_id": self.district(18)}, S.PUBLISHED,
             "Architektura socrealizmu, schrony i ogrody – spacer z członkami Stowarzyszenia."),
            ("ngo-picnic-past", nowa_huta, "Sąsiedzki piknik w parku Ratuszowym", self.in_days(-62, 12), 5,
             {"address": "Park Ratuszowy, os. Centrum C", "district_id": self.district(18)}, S.PUBLISHED,
             "Gry dla dzieci, wystawa starych fotografii Nowej Huty i kiermasz sąsiedzki."),
            ("ngo-volleyball", orleta, "Turniej siatkówki dla szkół podstawowych z Bieżanowa i Prokocimia",
             self.in_days(11, 9), 6, {"address": "Hala sportowa, ul. Teligi 24", "district_id": self.district(12)},
             S.PUBLISHED, "Drużyny mieszane klas 5–8. Zgłoszenia drużyn przez nauczycieli WF."),
            ("ngo-pierogi", wyciaze, "Warsztaty: pierogi i tradycyjne potrawy Wyciąża", self.in_days(18, 15), 3,
             {"address": "ul. Wyciąska 5", "district_id": self.district(18)}, S.PUBLISHED,
             "Lepimy pierogi według przepisów gospodyń z Wyciąża. Fartuchy zapewniamy."),
            ("ngo-open-day", zakwas, "Dzień otwarty piekarni społecznej", self.in_days(7, 10), 5,
             {"address": "ul. Zabłocie 9", "district_id": self.district(13)}, S.PUBLISHED,
             "Zobacz, jak pracujemy; porozmawiaj z nami o zatrudnieniu wspieranym."),
        ]  # fmt: skip
        if len(others) == 3:
            plan += [
                ("ngo-books", others[0], "Zbiórka książek dla świetlic środowiskowych", self.in_days(6, 10), 8,
                 self.place("os. Centrum C 10", "Sala P4"), S.PUBLISHED,
                 "Przynieś książki dla dzieci i młodzieży w dobrym stanie; trafią do 12 świetlic w Krakowie."),
                ("ngo-run", others[1], "Bieg charytatywny dookoła Zalewu Nowohuckiego", self.in_days(35, 10), 3,
                 {"address": "Zalew Nowohucki, al. Jana Pawła II", "district_id": self.district(18)}, S.SUBMITTED,
                 "Bieg na 5 km i marsz nordic walking; wpisowe przekażemy na rehabilitację dzieci."),
                ("ngo-rejected", others[2], "Kurs przygotowawczy do matury z matematyki", self.in_days(21, 16), 2,
                 {"address": "ul. Dietla 50", "district_id": self.district(1)}, S.REJECTED,
                 "Intensywny kurs maturalny w małych grupach, 20 spotkań."),
            ]  # fmt: skip
        made = {}
        for key, org, title, starts, hours, where, status, summary in plan:
            representative = self.representative(org)
            fields: dict[str, Any] = {
                "organizer_kind": M.Organizer.ORGANIZATION,
                "organization": org,
                "created_by": representative,
                "contact_email": org.email,
                "external_url": org.website,
                "registration": False,
            }
            if status in {S.PUBLISHED, S.REJECTED}:
                fields["reviewed_by"] = self.officer
            if status == S.REJECTED:
                fields["status_reason"] = (
                    "Kalendarz Razem promuje bezpłatne wydarzenia pożytku publicznego; płatny kurs prowadzony "
                    "odpłatnie dla zysku nie spełnia zasad kalendarza. Jeśli prowadzicie bezpłatne zajęcia dla "
                    "młodzieży, zgłoście je jeszcze raz."
                )
            if starts + datetime.timedelta(hours=hours) <= self.now:
                status = S.PUBLISHED  # an NGO's past event stays published in the calendar
            kind = K.TRAINING if title.startswith("Warsztaty") else K.CIVIC if "piknik" in title else K.OTHER
            made[key] = self.meeting(title, kind, starts, hours, status=status, where=where, summary=summary, **fields)
        return made

    def district(self, number: int) -> int | None:
        from razem.core.models import District

        return District.objects.filter(number=number).values_list("pk", flat=True).first()

    def representative(self, organization: Organization) -> User | None:
        membership = (
            organization.memberships.active()
            .filter(role__in=[Membership.Role.ADMIN, Membership.Role.REPRESENTATIVE])
            .select_related("user")
            .order_by("pk")
            .first()
        )
        return membership.user if membership else self.officer

    def accounts(self, named: dict[str, Meeting]) -> None:
        """The demo accounts' own registrations: through the service for upcoming meetings (a confirmation each)."""
        resident = self.users.get("mieszkanka@razem.demo")
        representative = self.users.get("przedstawiciel@razem.demo")
        if resident is not None:
            held = [
                m for m in self.meetings
                if m.status == S.FINISHED and m.visibility == M.Visibility.PUBLIC and m.registration_enabled
                and m.organizer_kind == M.Organizer.CITY and m.pk != named["january"].pk
            ]  # fmt: skip
            past = max(held, key=lambda m: m.starts_at) if held else named["january"]
            arrived = past.starts_at + datetime.timedelta(minutes=5)
            Registration.objects.create(
                meeting=past,
                person=resident,
                status=Registration.Status.CONFIRMED,
                created_at=past.starts_at - datetime.timedelta(days=6),
                confirmed_at=past.starts_at - datetime.timedelta(days=6),
                checked_in_at=arrived,
                checked_in_by=self.officer,
            )
            questions = {str(q.pk): q for q in named["questions"].questions.all()}
            answers = {
                k: ("wegetariańska" if q.kind == MeetingQuestion.Kind.CHOICE else False)
                for k, q in questions.items()
                if q.kind != MeetingQuestion.Kind.TEXT
            }
            registration_service.register(actor=resident, meeting=named["questions"], answers=answers)
            registration_service.register(actor=resident, meeting=named["full"])
        if representative is not None:
            acting_for = self.acting_org(representative.email)
            organization = Organization.objects.filter(pk=acting_for).first() if acting_for is not None else None
            registration_service.register(actor=representative, meeting=named["hybrid"], organization=organization)


def summary() -> dict[str, int]:
    return {
        "meetings": Meeting.objects.count(),
        "registrations": Registration.objects.count(),
        "documents": MeetingDocument.objects.count(),
        "bodies": Body.objects.count(),
    }


@transaction.atomic
def load(*, users: Mapping[str, User]) -> dict[str, int]:
    """The demo people, bodies and a year of meetings; the meetings only on the first run (see the module doc)."""
    people = load_people()
    bodies = bodies_demo.load(users=users, people=people)
    if LogEntry.objects.filter(action=LOADED).exists():
        return summary()
    year = _Year(users, people, bodies)
    year.build()
    result = summary()
    audit.record(actor=None, action=LOADED, data=result)
    return result
