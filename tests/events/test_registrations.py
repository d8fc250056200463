"""Registrations: seats, reserved seats for invited guests, the waiting list, refusals, answers, check-in.

Messages are asserted in English (the ``english`` fixture); e-mails go out when the transaction commits, so the
services run inside ``django_capture_on_commit_callbacks(execute=True)`` (the ``register`` fixture does it).
"""

import datetime
import json

import icalendar
import pytest
from conftest import make_person
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.core.models import LogEntry
from razem.events.models import Meeting, MeetingInvitation, MeetingQuestion, Registration
from razem.events.services import meetings, registrations
from razem.organizations.models import Membership
from tests.factories import add_membership

pytestmark = pytest.mark.usefixtures("english")


def people(count: int, prefix: str = "osoba") -> list:
    return [make_person(f"{prefix}{n}@example.org", full_name=f"Osoba {prefix} {n}") for n in range(count)]


def invite(meeting: Meeting, *persons) -> None:
    for person in persons:
        MeetingInvitation.objects.create(meeting=meeting, person=person)


def status_of(person, meeting: Meeting) -> str:
    return Registration.objects.active().get(meeting=meeting, person=person).status


@pytest.fixture
def cancel(django_capture_on_commit_callbacks):
    def run(registration: Registration, actor=None):
        with django_capture_on_commit_callbacks(execute=True):
            return registrations.cancel(actor=actor or registration.person, registration=registration)

    return run


def refusal_of(call) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    return " ".join(caught.value.messages)


# Seats and the waiting list -----------------------------------------------------------------------------------


def test_a_person_gets_a_confirmed_seat_while_seats_are_free(meeting, resident, register):
    registration = register(meeting, resident)

    assert registration.status == Registration.Status.CONFIRMED
    assert registration.confirmed_at is not None
    assert not registration.is_guest


def test_a_full_meeting_puts_the_next_person_on_the_waiting_list(make_meeting, register, mailoutbox):
    meeting = make_meeting(capacity=2)
    first, second, third = people(3)

    register(meeting, first)
    register(meeting, second)
    waiting = register(meeting, third)

    assert waiting.status == Registration.Status.WAITING
    assert waiting.confirmed_at is None
    assert "Jesteś na liście rezerwowej" in mailoutbox[-1].subject  # the recipient reads Polish
    assert mailoutbox[-1].attachments == []  # no ticket and no QR code without a seat


def test_reserved_seats_are_kept_for_invited_guests(make_meeting, register):
    meeting = make_meeting(capacity=3, reserved_seats=1)  # two general seats, one reserved
    first, second, third, guest = people(4)
    invite(meeting, guest)

    assert register(meeting, first).status == Registration.Status.CONFIRMED
    assert register(meeting, second).status == Registration.Status.CONFIRMED
    assert register(meeting, third).status == Registration.Status.WAITING  # only the reserved seat is left

    registration = register(meeting, guest)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.is_guest


def test_invited_guests_may_take_any_free_seat_beyond_the_reserved_ones(make_meeting, register):
    meeting = make_meeting(capacity=3, reserved_seats=1)
    guests = people(3, "gosc")
    invite(meeting, *guests)
    [resident] = people(1)

    assert [register(meeting, g).status for g in guests] == ["confirmed"] * 3
    assert register(meeting, resident).status == Registration.Status.WAITING


def test_a_full_meeting_without_a_waiting_list_refuses_with_full(make_meeting, register):
    meeting = make_meeting(capacity=1, waiting_list_enabled=False)
    first, second = people(2)
    register(meeting, first)

    with pytest.raises(ValidationError) as caught:
        register(meeting, second)

    assert caught.value.code == "full"
    assert "full" in caught.value.messages[0]
    assert not Registration.objects.filter(person=second).exists()


def test_a_meeting_without_a_capacity_never_fills(make_meeting, register):
    meeting = make_meeting(capacity=None)
    assert {register(meeting, p).status for p in people(5)} == {"confirmed"}


# Promotion from the waiting list --------------------------------------------------------------------------------


def test_cancelling_a_confirmed_seat_promotes_the_first_person_waiting_and_tells_them(
    make_meeting, register, cancel, mailoutbox
):
    meeting = make_meeting(capacity=1)
    holder, first_waiting, second_waiting = people(3)
    seat = register(meeting, holder)
    register(meeting, first_waiting)
    register(meeting, second_waiting)
    mailoutbox.clear()

    cancel(seat)

    assert status_of(first_waiting, meeting) == Registration.Status.CONFIRMED
    assert status_of(second_waiting, meeting) == Registration.Status.WAITING
    [email] = mailoutbox
    assert email.to == [first_waiting.email]
    assert "Zwolniło się dla Ciebie miejsce" in email.subject
    assert meeting.title in email.subject
    names = [name for name, _content, _type in email.attachments]
    assert "spotkanie.ics" in names
    promoted_code = Registration.objects.active().get(person=first_waiting).code
    assert f"kod-{promoted_code}.png" in names
    png = next(content for name, content, _type in email.attachments if name.endswith(".png"))
    assert png.startswith(b"\x89PNG")


def test_the_waiting_list_follows_the_order_of_registration(make_meeting, register, cancel):
    meeting = make_meeting(capacity=1)
    holder, *queue = people(4)
    seat = register(meeting, holder)
    for person in queue:
        register(meeting, person)

    cancel(seat)
    cancel(Registration.objects.active().get(person=queue[0]))

    assert status_of(queue[1], meeting) == Registration.Status.CONFIRMED
    assert status_of(queue[2], meeting) == Registration.Status.WAITING


def test_cancelling_a_place_on_the_waiting_list_promotes_nobody(make_meeting, register, cancel):
    meeting = make_meeting(capacity=1)
    holder, first_waiting, second_waiting = people(3)
    register(meeting, holder)
    waiting = register(meeting, first_waiting)
    register(meeting, second_waiting)

    cancel(waiting)

    assert status_of(holder, meeting) == Registration.Status.CONFIRMED
    assert status_of(second_waiting, meeting) == Registration.Status.WAITING


def test_a_non_guest_waiting_is_skipped_when_only_a_reserved_seat_is_free_and_the_guest_behind_gets_it(
    make_meeting, register, cancel, mailoutbox
):
    meeting = make_meeting(capacity=2, reserved_seats=1)
    resident, waiting_resident = people(2)
    first_guest, second_guest = people(2, "gosc")
    invite(meeting, first_guest, second_guest)
    register(meeting, resident)  # the general seat
    assert register(meeting, waiting_resident).status == Registration.Status.WAITING
    guest_seat = register(meeting, first_guest)  # the reserved seat
    assert register(meeting, second_guest).status == Registration.Status.WAITING
    mailoutbox.clear()

    cancel(guest_seat)  # frees the reserved seat only

    assert status_of(waiting_resident, meeting) == Registration.Status.WAITING
    assert status_of(second_guest, meeting) == Registration.Status.CONFIRMED
    assert [m.to for m in mailoutbox] == [[second_guest.email]]


def test_raising_the_capacity_promotes_people_waiting(
    make_meeting, register, officer, django_capture_on_commit_callbacks
):
    meeting = make_meeting(capacity=1)
    holder, first_waiting, second_waiting, third_waiting = people(4)
    for person in (holder, first_waiting, second_waiting, third_waiting):
        register(meeting, person)

    with django_capture_on_commit_callbacks(execute=True):
        meetings.meeting_update(actor=officer, meeting=meeting, data={"capacity": 3})

    assert status_of(first_waiting, meeting) == Registration.Status.CONFIRMED
    assert status_of(second_waiting, meeting) == Registration.Status.CONFIRMED
    assert status_of(third_waiting, meeting) == Registration.Status.WAITING


def test_fewer_reserved_seats_let_people_waiting_take_the_freed_general_seats(
    make_meeting, register, officer, django_capture_on_commit_callbacks
):
    meeting = make_meeting(capacity=2, reserved_seats=1)
    holder, waiting = people(2)
    register(meeting, holder)
    assert register(meeting, waiting).status == Registration.Status.WAITING

    with django_capture_on_commit_callbacks(execute=True):
        meetings.meeting_update(actor=officer, meeting=meeting, data={"reserved_seats": 0})

    assert status_of(waiting, meeting) == Registration.Status.CONFIRMED


# Refusals: each gives its reason and saves nothing --------------------------------------------------------------

NOW = timezone.now()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {
                "registration_opens_at": NOW - datetime.timedelta(days=3),
                "registration_closes_at": NOW - datetime.timedelta(hours=1),
            },
            "Registration closed on",
        ),
        ({"registration_opens_at": NOW + datetime.timedelta(days=1)}, "Registration opens on"),
        ({"status": Meeting.Status.CANCELLED}, "has been cancelled"),
        ({"status": Meeting.Status.DRAFT}, "is not published"),
        ({"status": Meeting.Status.FINISHED}, "already taken place"),
        ({"registration_enabled": False}, "does not run in Razem"),
        ({"visibility": Meeting.Visibility.INVITED}, "by invitation only"),
    ],
    ids=["after the window", "before the window", "cancelled", "draft", "finished", "no registration", "invited"],
)
def test_a_refused_registration_says_why_and_saves_nothing(make_meeting, resident, register, fields, expected):
    meeting = make_meeting(capacity=10, **fields)

    message = refusal_of(lambda: register(meeting, resident))

    assert expected in message
    assert not Registration.objects.exists()
    assert not LogEntry.objects.filter(action__startswith="events.registration").exists()


def test_registering_twice_is_refused_with_the_code_of_the_first_registration(meeting, resident, register):
    first = register(meeting, resident)

    message = refusal_of(lambda: register(meeting, resident))

    assert "already registered" in message
    assert first.display_code in message
    assert Registration.objects.count() == 1


def test_registering_twice_from_the_waiting_list_is_refused(make_meeting, register):
    meeting = make_meeting(capacity=1)
    holder, person = people(2)
    register(meeting, holder)
    register(meeting, person)

    assert "already on the waiting list" in refusal_of(lambda: register(meeting, person))
    assert Registration.objects.filter(person=person).count() == 1


def test_after_cancelling_a_person_may_register_again(meeting, resident, register, cancel):
    cancel(register(meeting, resident))
    assert register(meeting, resident).status == Registration.Status.CONFIRMED


def test_a_members_only_meeting_refuses_a_non_member_and_accepts_a_member_of_the_body(
    make_meeting, body, body_member, resident, register
):
    meeting = make_meeting(visibility=Meeting.Visibility.MEMBERS, organizer_kind=Meeting.Organizer.BODY, body=body)

    assert "open only to the members of KRDPP" in refusal_of(lambda: register(meeting, resident))
    assert register(meeting, body_member).status == Registration.Status.CONFIRMED
    assert not Registration.objects.filter(person=resident).exists()


def test_an_invited_only_meeting_accepts_the_invited_person_as_a_guest(make_meeting, resident, register):
    meeting = make_meeting(visibility=Meeting.Visibility.INVITED, capacity=5)
    invite(meeting, resident)

    registration = register(meeting, resident)

    assert registration.status == Registration.Status.CONFIRMED
    assert registration.is_guest


def test_registering_on_behalf_of_an_organization_needs_an_active_membership(
    meeting, verified_org, org_member, requester, resident, register
):
    for person in (resident, requester):
        with pytest.raises(ValidationError) as caught:
            register(meeting, person, organization=verified_org)
        assert "organization you belong to" in caught.value.message_dict["organization"][0]
    assert not Registration.objects.exists()

    registration = register(meeting, org_member, organization=verified_org)
    assert registration.organization == verified_org


def test_a_person_whose_request_to_join_was_declined_cannot_register_on_behalf_of_the_organization(
    meeting, verified_org, register
):
    [declined] = people(1, "odrzucony")
    add_membership(verified_org, declined, status=Membership.Status.DECLINED)

    with pytest.raises(ValidationError) as caught:
        register(meeting, declined, organization=verified_org)

    assert "organization" in caught.value.message_dict
    assert not Registration.objects.exists()


# Answers to the organizer's questions ---------------------------------------------------------------------------


@pytest.fixture
def questions(meeting):
    diet = MeetingQuestion.objects.create(
        meeting=meeting, label="Dieta", kind=MeetingQuestion.Kind.CHOICE, options="zwykła\nwegetariańska", required=True
    )
    needs = MeetingQuestion.objects.create(meeting=meeting, label="Potrzeby", kind=MeetingQuestion.Kind.TEXT)
    topics = MeetingQuestion.objects.create(
        meeting=meeting, label="Tematy", kind=MeetingQuestion.Kind.MULTIPLE, options="lokale\ngranty\nsport"
    )
    lift = MeetingQuestion.objects.create(
        meeting=meeting, label="Winda", kind=MeetingQuestion.Kind.YES_NO, required=True
    )
    return diet, needs, topics, lift


def test_required_questions_and_unknown_options_are_refused_by_question(meeting, resident, register, questions):
    diet, needs, topics, lift = questions

    with pytest.raises(ValidationError) as caught:
        register(meeting, resident, answers={str(topics.pk): ["lokale", "szachy"]})

    errors = caught.value.message_dict
    assert set(errors) == {str(diet.pk), str(topics.pk), str(lift.pk)}
    assert errors[str(diet.pk)] == ["This question needs an answer."]
    assert errors[str(topics.pk)] == ["Choose from the options given."]
    assert errors[str(lift.pk)] == ["Answer yes or no."]
    assert not Registration.objects.exists()


def test_a_choice_outside_the_options_is_refused(meeting, resident, register, questions):
    diet, _needs, _topics, lift = questions
    with pytest.raises(ValidationError) as caught:
        register(meeting, resident, answers={str(diet.pk): "wegańska", str(lift.pk): "yes"})
    assert list(caught.value.message_dict) == [str(diet.pk)]


def test_answers_are_kept_with_the_registration_and_never_written_to_the_audit_log(
    meeting, resident, register, questions
):
    diet, needs, topics, lift = questions
    answers = {
        str(diet.pk): "wegetariańska",
        str(needs.pk): "  Alergia na orzechy  ",
        str(topics.pk): ["granty", "sport"],
        str(lift.pk): "no",
        "999": "not a question of this meeting",
    }

    registration = register(meeting, resident, answers=answers)

    assert registration.answers == {
        str(diet.pk): "wegetariańska",
        str(needs.pk): "Alergia na orzechy",
        str(topics.pk): ["granty", "sport"],
        str(lift.pk): False,
    }
    logged = json.dumps([e.data for e in LogEntry.objects.all()], ensure_ascii=False)
    assert "orzechy" not in logged
    assert "wegetariańska" not in logged
    assert LogEntry.objects.filter(action="events.registration.created", object_id=str(registration.pk)).exists()


# The confirmation e-mail ----------------------------------------------------------------------------------------


def test_the_confirmation_email_gives_the_code_the_place_and_a_calendar_file_with_the_online_link(
    make_meeting, resident, register, mailoutbox
):
    meeting = make_meeting(
        capacity=10, place_kind=Meeting.Place.HYBRID, online_url="https://meet.example.org/forum-2026"
    )

    registration = register(meeting, resident)

    [email] = mailoutbox
    assert email.to == [resident.email]
    assert "Potwierdzenie zapisu" in email.subject
    assert registration.display_code in email.body
    assert "Sala 1w038" in email.body and "Reymonta 20" in email.body
    ics_bytes = next(content for name, content, _type in email.attachments if name == "spotkanie.ics")
    [event] = icalendar.Calendar.from_ical(ics_bytes).walk("VEVENT")
    assert str(event["SUMMARY"]) == meeting.title
    assert "https://meet.example.org/forum-2026" in str(event["DESCRIPTION"])
    assert any(name == f"kod-{registration.code}.png" for name, _content, _type in email.attachments)


# Check-in -------------------------------------------------------------------------------------------------------


def at_the_door(meeting):
    """The meeting starts in half an hour: check-in needs no confirmation (test_checkin_window.py for the rest)."""
    meeting.starts_at = timezone.now() + datetime.timedelta(minutes=30)
    meeting.save(update_fields=["starts_at"])


def test_check_in_finds_a_code_typed_in_lower_case_with_a_dash(meeting, resident, register, officer):
    registration = register(meeting, resident)
    typed = f" {registration.code[:4].lower()}-{registration.code[4:].lower()} "

    found = registrations.find_for_check_in(meeting=meeting, code=typed)

    assert found == registration


def test_an_unknown_code_is_refused_with_the_code_shown(meeting):
    with pytest.raises(ValidationError) as caught:
        registrations.find_for_check_in(meeting=meeting, code="ZZZZ-9999")
    assert caught.value.message_dict["code"] == ["No registration has the code ZZZZ-9999. Check it and try again."]


def test_an_empty_code_asks_for_a_code(meeting):
    with pytest.raises(ValidationError) as caught:
        registrations.find_for_check_in(meeting=meeting, code=" - ")
    assert "Type or scan" in caught.value.message_dict["code"][0]


def test_a_code_of_another_meeting_names_that_meeting(meeting, make_meeting, resident, register):
    other = make_meeting(title="Spotkanie sieciujące w Nowej Hucie")
    registration = register(other, resident)

    with pytest.raises(ValidationError) as caught:
        registrations.find_for_check_in(meeting=meeting, code=registration.code)

    message = caught.value.message_dict["code"][0]
    assert "another meeting" in message
    assert "Spotkanie sieciujące w Nowej Hucie" in message
    assert registration.display_code in message


def test_checking_in_twice_is_harmless_and_keeps_the_first_time(meeting, resident, register, officer, administrator):
    registration = register(meeting, resident)
    at_the_door(meeting)

    first, already = registrations.check_in(actor=officer, meeting=meeting, registration=registration)
    assert already is False
    arrived = first.checked_in_at
    second, already = registrations.check_in(actor=administrator, meeting=meeting, registration=registration)

    assert already is True
    registration.refresh_from_db()
    assert registration.checked_in_at == arrived
    assert registration.checked_in_by == officer
    assert LogEntry.objects.filter(action="events.registration.checked_in").count() == 1


def test_check_in_refuses_a_cancelled_registration_and_a_place_on_the_waiting_list(
    make_meeting, register, cancel, officer
):
    meeting = make_meeting(capacity=1)
    holder, waiting_person = people(2)
    seat = register(meeting, holder)
    waiting = register(meeting, waiting_person)
    cancel(waiting)
    waiting_again = register(meeting, waiting_person)  # back on the list
    cancelled = Registration.objects.get(pk=waiting.pk)

    with pytest.raises(ValidationError) as caught:
        registrations.check_in(actor=officer, meeting=meeting, registration=cancelled)
    assert caught.value.code == "cancelled"
    assert "cancelled this registration" in caught.value.messages[0]

    with pytest.raises(ValidationError) as caught:
        registrations.check_in(actor=officer, meeting=meeting, registration=waiting_again)
    assert caught.value.code == "waiting"
    assert "waiting list" in caught.value.messages[0]

    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()
    assert seat.checked_in_at is None


def test_check_in_refuses_a_registration_of_another_meeting(meeting, make_meeting, resident, register, officer):
    other = make_meeting(title="Inne spotkanie")
    registration = register(other, resident)
    with pytest.raises(ValidationError):
        registrations.check_in(actor=officer, meeting=meeting, registration=registration)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_undoing_a_check_in_clears_the_arrival(meeting, resident, register, officer):
    registration = register(meeting, resident)
    at_the_door(meeting)
    registrations.check_in(actor=officer, meeting=meeting, registration=registration)

    registrations.undo_check_in(actor=officer, registration=registration)

    registration.refresh_from_db()
    assert registration.checked_in_at is None
    assert registration.checked_in_by is None
    assert LogEntry.objects.filter(action="events.registration.check_in_undone").count() == 1


def test_a_person_who_arrived_cannot_cancel_their_registration(meeting, resident, register, officer, cancel):
    registration = register(meeting, resident)
    at_the_door(meeting)
    registrations.check_in(actor=officer, meeting=meeting, registration=registration)

    with pytest.raises(ValidationError) as caught:
        cancel(registration)

    assert caught.value.code == "attended"
    assert status_of(resident, meeting) == Registration.Status.CONFIRMED


def test_cancelling_twice_says_it_was_already_cancelled(meeting, resident, register, cancel):
    registration = register(meeting, resident)
    cancel(registration)
    with pytest.raises(ValidationError) as caught:
        cancel(registration)
    assert caught.value.code == "already_cancelled"


def test_a_cancellation_by_the_office_is_told_to_the_person(meeting, resident, register, cancel, officer, mailoutbox):
    registration = register(meeting, resident)
    mailoutbox.clear()

    cancel(registration, actor=officer)

    assert [m.to for m in mailoutbox] == [[resident.email]]


def test_the_office_cancelling_a_seat_of_a_cancelled_meeting_promotes_nobody(make_meeting, register, cancel, officer):
    meeting = make_meeting(capacity=1)
    holder, waiting = people(2)
    seat = register(meeting, holder)
    register(meeting, waiting)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)

    cancel(seat, actor=officer)

    assert status_of(waiting, meeting) == Registration.Status.WAITING


def test_a_person_cannot_cancel_once_the_meeting_has_started_and_the_seat_stays(make_meeting, register, cancel):
    meeting = make_meeting(capacity=1)
    holder, waiting = people(2)
    seat = register(meeting, holder)
    register(meeting, waiting)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - datetime.timedelta(minutes=5))

    with pytest.raises(ValidationError, match="already started"):
        cancel(seat)

    assert status_of(holder, meeting) == Registration.Status.CONFIRMED
    assert status_of(waiting, meeting) == Registration.Status.WAITING


# Account deletion -----------------------------------------------------------------------------------------------


def test_deleting_an_account_cancels_upcoming_registrations_promotes_and_erases_answers(
    make_meeting, register, django_capture_on_commit_callbacks, mailoutbox
):
    upcoming = make_meeting(capacity=1)
    question = MeetingQuestion.objects.create(meeting=upcoming, label="Dieta")
    past = make_meeting(
        title="Minione forum",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        status=Meeting.Status.FINISHED,
        registration_opens_at=timezone.now() - datetime.timedelta(days=40),
    )
    leaving, waiting = people(2)
    register(upcoming, leaving, answers={str(question.pk): "bez glutenu"})
    register(upcoming, waiting)
    old = Registration.objects.create(
        meeting=past,
        person=leaving,
        status=Registration.Status.CONFIRMED,
        answers={"1": "wegetariańska"},
        checked_in_at=past.starts_at,
    )
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registrations.deletion_cleanup(leaving)

    assert not Registration.objects.active().filter(meeting=upcoming, person=leaving).exists()
    assert status_of(waiting, upcoming) == Registration.Status.CONFIRMED
    assert [m.to for m in mailoutbox] == [[waiting.email]]
    old.refresh_from_db()
    assert old.status == Registration.Status.CONFIRMED  # the past attendance still counts
    assert old.checked_in_at is not None
    assert not Registration.objects.filter(person=leaving).exclude(answers={}).exists()
