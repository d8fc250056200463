"""The meetings module on the kernel's mechanisms: a transition refused from the wrong state changes nothing, a
cancellation tells everyone registered only after the commit (with the calendar file built then), the refusal to
register is one text for the page and the service, and the registration window is one declaration."""

import datetime

import icalendar
import pytest
from conftest import make_person
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.core.models import LogEntry, Notification
from razem.core.permissions import why_not
from razem.events.models import Meeting, Registration
from razem.events.services import meetings, ngo_events, registrations
from razem.events.windows import REGISTRATION
from razem.events.workflows import MEETING, NGO_EVENT
from tests.core.helpers import in_polish as pl
from tests.core.helpers import text_of

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def call(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call


def snapshot(meeting: Meeting) -> dict:
    return Meeting.objects.filter(pk=meeting.pk).values().get()


# Workflows -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "transition", "reason", "expected"),
    [
        (Meeting.Status.PUBLISHED, "publish", "", "Only a draft can be published; this meeting is: published."),
        (Meeting.Status.FINISHED, "cancel", "Pomyłka", "This meeting cannot be cancelled: it is finished."),
        (Meeting.Status.DRAFT, "finish", "", "Only a published meeting can be marked as finished."),
    ],
)
def test_a_meeting_transition_from_the_wrong_state_changes_nothing(
    make_meeting, officer, status, transition, reason, expected
):
    meeting = make_meeting(status=status)
    before = snapshot(meeting)

    with pytest.raises(ValidationError) as caught:
        MEETING.take(meeting, transition, actor=officer, reason=reason)

    assert caught.value.messages == [expected]
    assert snapshot(meeting) == before
    assert not LogEntry.objects.filter(action__startswith="events.meeting.").exists()


def test_an_ngo_event_decision_from_the_wrong_state_changes_nothing_and_tells_nobody(
    make_meeting, officer, verified_org, org_representative
):
    event = make_meeting(
        organizer_kind=Meeting.Organizer.ORGANIZATION, organization=verified_org, status=Meeting.Status.REJECTED
    )
    before = snapshot(event)

    with pytest.raises(ValidationError) as caught:
        ngo_events.event_review(actor=officer, event=event, approve=True)

    assert caught.value.messages == ["This event is not awaiting approval; it is: rejected."]
    assert snapshot(event) == before
    assert not Notification.objects.exists()


def test_someone_not_allowed_cannot_take_a_transition(make_meeting, resident):
    draft = make_meeting(status=Meeting.Status.DRAFT, published_at=None)

    assert not MEETING.permits(draft, "publish", resident)
    with pytest.raises(ValidationError):
        MEETING.take(draft, "publish", actor=resident)

    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT


def test_the_buttons_follow_the_workflow(make_meeting, officer, resident, verified_org):
    draft = make_meeting(status=Meeting.Status.DRAFT)
    submitted = make_meeting(
        organizer_kind=Meeting.Organizer.ORGANIZATION, organization=verified_org, status=Meeting.Status.SUBMITTED
    )

    assert {t.name for t in MEETING.available(draft, officer)} == {"publish", "cancel"}
    assert MEETING.available(draft, resident) == []
    assert {t.name for t in NGO_EVENT.available(submitted, officer)} == {"approve", "reject"}


def test_the_review_page_shows_the_history_of_the_event(officer_client, officer, make_meeting, verified_org):
    event = make_meeting(
        title="Piknik sąsiedzki",
        organizer_kind=Meeting.Organizer.ORGANIZATION,
        organization=verified_org,
        status=Meeting.Status.SUBMITTED,
    )
    ngo_events.event_review(actor=officer, event=event, approve=False, reason="Brak adresu.")

    text = text_of(officer_client.get(f"/panel/spotkania/wydarzenia-organizacji/{event.pk}/"))

    assert pl("History") in text
    assert "Brak adresu." in text


# Notifications after the commit ----------------------------------------------------------------------------------


def test_cancelling_tells_the_registered_only_after_the_commit_with_the_calendar_file(
    make_meeting, register, officer, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = make_meeting(capacity=1)
    confirmed, waiting = make_person("pierwsza@example.org"), make_person("druga@example.org")
    register(meeting, confirmed)
    register(meeting, waiting)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        meetings.meeting_cancel(actor=officer, meeting=meeting, reason="Awaria ogrzewania")

    # Inside the service's transaction nothing was rendered nor sent: only scheduled.
    assert callbacks
    assert not Notification.objects.filter(kind="events/meeting_cancelled").exists()
    assert not [m for m in mailoutbox if "Awaria ogrzewania" in m.body]

    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    cancelled = [m for m in mailoutbox if "Awaria ogrzewania" in m.body]
    assert sorted(m.to[0] for m in cancelled) == sorted([confirmed.email, waiting.email])
    for email in cancelled:
        [(name, content, _type)] = email.attachments
        assert name == "spotkanie.ics"
        [event] = icalendar.Calendar.from_ical(content).walk("VEVENT")
        assert str(event["STATUS"]) == "CANCELLED"
        assert int(event["SEQUENCE"]) == 1


def test_a_refused_cancellation_tells_nobody(make_meeting, register, officer, resident, mailoutbox):
    meeting = make_meeting(status=Meeting.Status.FINISHED, registration_enabled=False)
    Registration.objects.create(meeting=meeting, person=resident, status=Registration.Status.CONFIRMED)

    with pytest.raises(ValidationError):
        meetings.meeting_cancel(actor=officer, meeting=meeting, reason="Pomyłka")

    assert mailoutbox == [] and not Notification.objects.exists()


def test_a_move_sends_the_calendar_file_to_confirmed_seats_only(make_meeting, register, officer, run, mailoutbox):
    meeting = make_meeting(capacity=1)
    confirmed, waiting = make_person("pierwsza@example.org"), make_person("druga@example.org")
    register(meeting, confirmed)
    register(meeting, waiting)
    mailoutbox.clear()
    later = meeting.starts_at + datetime.timedelta(days=1)

    run(
        meetings.meeting_update,
        actor=officer,
        meeting=meeting,
        data={"starts_at": later, "ends_at": later + datetime.timedelta(hours=2)},
    )

    attachments = {m.to[0]: len(m.attachments) for m in mailoutbox}
    assert attachments == {confirmed.email: 1, waiting.email: 0}


# The registration window and the refusal to register ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({"registration_enabled": False}, "none"),
        ({"registration_opens_at": timezone.now() + datetime.timedelta(days=1)}, "not_yet"),
        ({}, "open"),
        ({"registration_closes_at": timezone.now() - datetime.timedelta(hours=1)}, "closed"),
    ],
)
def test_the_window_state_comes_from_the_one_declaration(make_meeting, fields, state):
    meeting = make_meeting(**fields)

    assert meeting.registration_window_state() == REGISTRATION.current(meeting) == state
    assert [row["now"] for row in REGISTRATION.calendar(meeting)] == [state == "open", state == "closed"]


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Meeting.Status.CANCELLED},
        {"status": Meeting.Status.FINISHED},
        {"status": Meeting.Status.DRAFT},
        {"registration_enabled": False},
        {"registration_opens_at": timezone.now() + datetime.timedelta(days=1)},
        {"registration_closes_at": timezone.now() - datetime.timedelta(hours=1)},
        {"visibility": Meeting.Visibility.INVITED},
    ],
    ids=["cancelled", "finished", "draft", "none", "not yet", "closed", "invited"],
)
def test_the_service_refuses_with_the_words_the_page_shows(make_meeting, resident, register, client, fields):
    meeting = make_meeting(**fields)
    page_reason = why_not(resident, "events.register_meeting", meeting)

    with pytest.raises(ValidationError) as caught:
        register(meeting, resident)

    assert page_reason
    assert caught.value.messages == [page_reason]
    assert registrations.refusal(meeting, resident) == page_reason
    assert not resident.has_perm("events.register_meeting", meeting)


def test_the_meeting_page_says_why_registration_is_not_possible(make_meeting, resident_client, resident):
    meeting = make_meeting(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))

    text = text_of(resident_client.get(meeting.get_absolute_url()))

    assert why_not(resident, "events.register_meeting", meeting) in text


def test_the_order_of_the_window_is_checked_with_the_same_messages(make_meeting, officer):
    meeting = make_meeting(status=Meeting.Status.DRAFT)
    opens = meeting.starts_at + datetime.timedelta(hours=1)

    with pytest.raises(ValidationError) as caught:
        meetings.meeting_update(actor=officer, meeting=meeting, data={"registration_opens_at": opens})

    assert caught.value.message_dict["registration_opens_at"] == ["Registration must open before the meeting starts."]


# The certificate ---------------------------------------------------------------------------------------------------


def test_the_certificate_is_issued_once_while_it_says_the_same(resident_client, make_meeting, resident):
    from razem.core.models import DocumentSnapshot

    starts = timezone.now() - datetime.timedelta(days=3)
    meeting = make_meeting(status=Meeting.Status.FINISHED, starts_at=starts, registration_opens_at=None)
    attended = Registration.objects.create(
        meeting=meeting, person=resident, status=Registration.Status.CONFIRMED, checked_in_at=starts
    )
    url = f"/konto/zapisy/{attended.code}/zaswiadczenie.pdf"

    first, second = resident_client.get(url), resident_client.get(url)

    assert first.status_code == second.status_code == 200
    assert 'attachment; filename="zaswiadczenie-' in first["Content-Disposition"]
    [snapshot] = DocumentSnapshot.objects.filter(kind="events.certificate", object_id=str(attended.pk))
    assert snapshot.created_by == resident
    assert b"".join(second.streaming_content).startswith(b"%PDF")
