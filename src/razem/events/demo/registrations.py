"""The demo accounts' own registrations: the resident checked in at the last meeting held, confirmed for the forum
with questions and waiting for the full training; the NGO representative on behalf of his association. Those for
upcoming meetings go through the registration service (a confirmation e-mail each, printed on the console)."""

import datetime

from razem.events.demo.year import Year
from razem.events.models import Meeting, MeetingQuestion, Registration
from razem.events.services import registrations as registration_service
from razem.organizations.models import Organization

M = Meeting
S = Meeting.Status


def build(year: Year, named: dict[str, Meeting]) -> None:
    resident = year.users.get("mieszkanka@razem.demo")
    representative = year.users.get("przedstawiciel@razem.demo")
    if resident is not None:
        held = [
            m for m in year.meetings
            if m.status == S.FINISHED and m.visibility == M.Visibility.PUBLIC and m.registration_enabled
            and m.organizer_kind == M.Organizer.CITY and m.pk != named["january"].pk
        ]  # fmt: skip
        past = max(held, key=lambda m: m.starts_at) if held else named["january"]
        Registration.objects.create(
            meeting=past,
            person=resident,
            status=Registration.Status.CONFIRMED,
            created_at=past.starts_at - datetime.timedelta(days=6),
            confirmed_at=past.starts_at - datetime.timedelta(days=6),
            checked_in_at=past.starts_at + datetime.timedelta(minutes=5),
            checked_in_by=year.officer,
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
        acting_for = year.acting_org(representative.email)
        organization = Organization.objects.filter(pk=acting_for).first() if acting_for is not None else None
        registration_service.register(actor=representative, meeting=named["hybrid"], organization=organization)
