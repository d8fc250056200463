"""The upcoming meetings that show what the calendar can do (``data/showcase.json``), a few days or weeks from now:
a full training with a waiting list, a forum with registration questions, a cancelled workshop, an online webinar,
a hybrid meeting and a meeting for invited people with reserved seats; and a draft of each visibility, which only
the office (and, for a body's sitting, nobody else until it is published) sees."""

from typing import Any

from razem.bodies.demo import SEATS
from razem.events.demo.year import Person, Year, data
from razem.events.models import Meeting, MeetingInvitation, MeetingQuestion

M = Meeting
S = Meeting.Status
CIVIC_CENTRE = ["ul. Reymonta 20", "Sala warsztatowa 1w040"]


def build(year: Year) -> dict[str, Meeting]:
    spec = data("showcase.json")
    fill = {"next_year": year.year + 1}
    made = {"full": year.from_spec(spec["full"], fill)}
    made["questions"] = with_questions(year, spec)
    for key in ("cancelled", "online", "hybrid"):
        made[key] = year.from_spec(spec[key], fill)
    made["invited"] = meeting = year.from_spec(spec["invited"], fill)
    chairs = the_chairs(year)
    invited = chairs + [(year.users[e], year.acting_org(e)) for e in ("prezeska@razem.demo",) if e in year.users]
    MeetingInvitation.objects.bulk_create(
        [MeetingInvitation(meeting=meeting, person=p, invited_by=year.officer) for p, _org in invited]
    )
    # The invited guests take every seat they may.
    guests = spec["invited_guests"]
    year.register(meeting, confirmed=min(guests, len(chairs)), guests=guests, people=chairs)
    made.update(drafts(year))
    return made


def drafts(year: Year) -> dict[str, Meeting]:
    """Three drafts, one per visibility: the office sees them in the panel; the calendar shows none of them."""
    draft: dict[str, Any] = {"status": S.DRAFT, "registration": False, "where": year.where(CIVIC_CENTRE)}
    made = {
        "draft-public": year.meeting(
            "Forum organizacji seniorów: wspólny kalendarz na przyszły rok",
            M.Kind.FORUM,
            year.in_days(38, 10),
            3,
            summary="Projekt zaproszenia: termin i program do potwierdzenia z Radą Seniorów.",
            capacity=60,
            **draft,
        ),
        "draft-invited": year.meeting(
            "Spotkanie z koordynatorami centrów obywatelskich",
            M.Kind.OTHER,
            year.in_days(24, 12),
            2,
            summary="Projekt: lista zaproszonych w przygotowaniu.",
            visibility=M.Visibility.INVITED,
            capacity=15,
            **draft,
        ),
    }
    team = year.bodies.get("zespol-programu")
    if team is not None:
        made["draft-members"] = year.meeting(
            "Posiedzenie zespołu roboczego: opinia o Programie współpracy",
            M.Kind.SITTING,
            year.in_days(9, 16),
            2,
            summary="Projekt: omówienie uwag członków zespołu do projektu Programu.",
            visibility=M.Visibility.MEMBERS,
            body=team,
            organizer_kind=M.Organizer.BODY,
            **draft,
        )
    return made


def with_questions(year: Year, spec: dict[str, Any]) -> Meeting:
    """The forum whose registration asks about needs, the diet and a sign language interpreter."""
    meeting = year.from_spec(spec["questions"])
    diets = spec["diets"]
    questions = [
        MeetingQuestion(
            meeting=meeting,
            position=position,
            kind=MeetingQuestion.Kind(asked["kind"]),
            label=asked["label"],
            help_text=asked.get("help_text", ""),
            options="\n".join(diets) if asked.get("options") == "diets" else "",
            required=asked.get("required", False),
        )
        for position, asked in enumerate(spec["questions_asked"], start=1)
    ]
    MeetingQuestion.objects.bulk_create(questions)
    needs, diet, pjm = (str(q.pk) for q in questions)
    rng = year.rng

    def answers() -> dict[str, Any]:
        given: dict[str, Any] = {diet: rng.choices(diets, weights=spec["diet_weights"])[0], pjm: False}
        if rng.random() < 0.15:
            given[needs] = rng.choice(spec["accessibility_answers"])
        if rng.random() < 0.05:
            given[pjm] = True
        return given

    year.register(meeting, confirmed=spec["questions_registered"], answers=answers)
    return meeting


def the_chairs(year: Year) -> list[Person]:
    """The chairs of the bodies (the first demo person seated in each, see ``razem.bodies.demo.SEATS``)."""
    index, found = 0, []
    for seats in SEATS.values():
        if index < len(year.people):
            found.append(year.people[index])
        index += seats
    return found
