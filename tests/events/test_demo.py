"""The demo calendar: a year of meetings like the Kraków office's, as a visitor and the demo accounts see it."""

import datetime

import pytest
from django.utils import timezone

from razem.accounts.models import User
from razem.bodies.models import Body, BodyMembership
from razem.core.demo import load_demo
from razem.events import demo
from razem.events.models import Meeting, MeetingDocument, Registration
from razem.events.predicates import may_attend
from razem.events.selectors import networking_rhythm

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_loaded(demo) -> dict[str, User]:
    """The demo, loaded once per session (see ``demo`` in tests/fixtures.py)."""
    return demo


def january_meeting() -> Meeting:
    return Meeting.objects.get(title__startswith="Spotkanie noworoczne Pełnomocnika")


def counts() -> dict[str, int]:
    return {
        "meetings": Meeting.objects.count(),
        "registrations": Registration.objects.count(),
        "documents": MeetingDocument.objects.count(),
        "bodies": Body.objects.count(),
        "body_members": BodyMembership.objects.count(),
        "people": User.objects.count(),
    }


def test_loading_the_demo_twice_gives_the_same_calendar():
    load_demo()
    first = counts()
    load_demo()

    assert counts() == first
    assert first["meetings"] >= 35
    assert first["registrations"] >= 500


def test_the_january_meeting_has_150_organizations_attendance_minutes_and_materials(demo_loaded):
    meeting = january_meeting()

    assert meeting.status == Meeting.Status.FINISHED
    assert meeting.has_ended
    confirmed = Registration.objects.confirmed().filter(meeting=meeting)
    assert confirmed.count() == 150
    assert confirmed.filter(organization__isnull=False).values("organization").distinct().count() == 150
    assert confirmed.filter(checked_in_at__isnull=False).count() == 120
    documents = {d.kind: d for d in meeting.documents.all()}
    minutes = documents[MeetingDocument.Kind.MINUTES]
    with minutes.file.open("rb") as f:
        assert f.read(5) == b"%PDF-"
    assert minutes.content_type == "application/pdf"
    assert minutes.audience == MeetingDocument.Audience.PUBLIC
    assert MeetingDocument.Kind.ATTACHMENT in documents


def test_every_past_quarter_of_the_year_had_a_networking_meeting_and_the_next_ones_are_planned(demo_loaded):
    today = timezone.localdate()
    quarters = networking_rhythm(year=today.year, today=today)
    current = (today.month - 1) // 3 + 1

    for quarter in quarters:
        if quarter.year == today.year and quarter.number < current:
            assert [m.status for m in quarter.meetings] == [Meeting.Status.FINISHED], quarter
            assert Registration.objects.filter(meeting=quarter.meetings[0], checked_in_at__isnull=False).exists()
    upcoming = Meeting.objects.filter(kind=Meeting.Kind.NETWORKING, starts_at__gt=timezone.now()).order_by("starts_at")
    assert [m.status for m in upcoming] == [Meeting.Status.PUBLISHED, Meeting.Status.DRAFT]
    assert upcoming[0].registration_window_state() == "open"


def test_the_full_training_has_a_waiting_list_with_the_resident_on_it(demo_loaded):
    full = Meeting.objects.get(title__startswith="Szkolenie: rozliczenie dotacji")

    assert full.capacity == 30
    assert Registration.objects.confirmed().filter(meeting=full).count() == 30
    waiting = list(Registration.objects.waiting().filter(meeting=full).select_related("person"))
    assert len(waiting) == 6
    assert waiting[-1].person.email == "mieszkanka@razem.demo"


def test_the_resident_has_an_upcoming_seat_a_waiting_place_and_a_certificate_to_download(demo_loaded):
    resident = demo_loaded["mieszkanka@razem.demo"]
    mine = Registration.objects.active().filter(person=resident).select_related("meeting")

    upcoming = [r for r in mine if not r.meeting.has_started]
    assert {r.status for r in upcoming} == {Registration.Status.CONFIRMED, Registration.Status.WAITING}
    with_questions = next(r for r in upcoming if r.status == Registration.Status.CONFIRMED)
    assert with_questions.meeting.questions.count() == 3
    assert "wegetariańska" in with_questions.answers.values()
    attended = [r for r in mine if r.checked_in_at]
    assert len(attended) == 1
    assert resident.has_perm("events.download_certificate_registration", attended[0])


def test_the_representative_is_registered_on_behalf_of_his_association(demo_loaded):
    registration = Registration.objects.active().get(
        person__email="przedstawiciel@razem.demo", meeting__starts_at__gt=timezone.now()
    )

    assert registration.organization.name == "Stowarzyszenie Przyjaciół Nowej Huty"
    assert registration.meeting.place_kind == Meeting.Place.HYBRID
    assert registration.status == Registration.Status.CONFIRMED


def test_the_calendar_shows_cancelled_online_hybrid_and_invited_meetings(demo_loaded):
    now = timezone.now()
    ahead = Meeting.objects.filter(starts_at__gt=now, organizer_kind=Meeting.Organizer.CITY)

    cancelled = ahead.get(status=Meeting.Status.CANCELLED)
    assert cancelled.status_reason
    assert ahead.filter(place_kind=Meeting.Place.ONLINE, status=Meeting.Status.PUBLISHED).exclude(online_url="")
    assert ahead.filter(place_kind=Meeting.Place.HYBRID, status=Meeting.Status.PUBLISHED).exclude(online_url="")
    invited = ahead.get(visibility=Meeting.Visibility.INVITED, status=Meeting.Status.PUBLISHED)
    assert invited.reserved_seats > 0 and invited.invitations.count() >= 5
    assert Meeting.objects.filter(kind=Meeting.Kind.CONSULTATION, starts_at__month=10).count() == 2
    assert Meeting.objects.filter(kind=Meeting.Kind.CIVIC, starts_at__month=6, starts_at__day=4).exists()


def test_ngo_events_are_approved_awaiting_approval_and_rejected(demo_loaded):
    events = Meeting.objects.filter(organizer_kind=Meeting.Organizer.ORGANIZATION)

    assert 6 <= events.filter(status=Meeting.Status.PUBLISHED).count() <= 10
    assert events.filter(status=Meeting.Status.SUBMITTED).count() == 2
    rejected = events.get(status=Meeting.Status.REJECTED)
    assert rejected.status_reason
    pod_wawelem = events.filter(organization__name="Fundacja Pod Wawelem", ends_at__gt=timezone.now())
    assert pod_wawelem.filter(status=Meeting.Status.PUBLISHED).count() >= 2


def test_the_members_only_sitting_is_attended_by_members_while_its_record_is_public(demo_loaded):
    sitting = Meeting.objects.get(
        body__short_name="KRDPP",
        visibility=Meeting.Visibility.MEMBERS,
        status=Meeting.Status.PUBLISHED,
        starts_at__gt=timezone.now(),
    )
    representative = User.objects.get(email="przedstawiciel@razem.demo")
    resident = User.objects.get(email="mieszkanka@razem.demo")

    assert representative.has_perm("events.view_meeting", sitting)
    assert may_attend(representative, sitting)
    # KRDPP is a public body: the page of its closed sitting is public information, only members take part.
    assert resident.has_perm("events.view_meeting", sitting)
    assert not may_attend(resident, sitting)
    assert BodyMembership.objects.current().filter(body__slug="forum-lokalowe", person=representative).exists()
    assert BodyMembership.objects.current().filter(body=sitting.body).count() >= 8


def test_every_demo_meeting_satisfies_the_services_rules(demo_loaded):
    from razem.events.services.meetings import validate_meeting

    for meeting in Meeting.objects.all():
        validate_meeting(meeting)
        assert meeting.ends_at - meeting.starts_at <= datetime.timedelta(hours=8)
    assert demo.summary()["bodies"] == 8
