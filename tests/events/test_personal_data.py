"""RODO for the meetings module: a person's registrations and answers are in their data export, and leave with
their account."""

import json

import pytest

from razem.accounts.services import user_delete_account
from razem.events.models import MeetingInvitation, MeetingQuestion, Registration


@pytest.fixture
def diet_question(meeting):
    return MeetingQuestion.objects.create(
        meeting=meeting, label="Dieta", kind="choice", options="standardowa\nwegańska", position=1
    )


def test_the_data_export_holds_the_persons_registrations_with_their_answers(
    resident_client, resident, meeting, diet_question, register, officer
):
    register(meeting, resident, answers={str(diet_question.pk): "wegańska"})
    MeetingInvitation.objects.create(meeting=meeting, person=resident, invited_by=officer)

    data = json.loads(resident_client.get("/konto/moje-dane/?download=1").content.decode("utf-8"))

    [entry] = data["events"]["registrations"]
    assert entry["meeting"] == meeting.title
    assert entry["status"] == "confirmed"
    assert entry["answers"] == {str(diet_question.pk): "wegańska"}
    assert [i["meeting"] for i in data["events"]["invitations"]] == [meeting.title]


def test_deleting_the_account_frees_the_seat_for_the_first_person_waiting_and_erases_the_answers(
    resident, other_resident, make_meeting, register, django_capture_on_commit_callbacks, mailoutbox
):
    small = make_meeting(capacity=1)
    question = MeetingQuestion.objects.create(meeting=small, label="Potrzeby", kind="text", position=1)
    seat = register(small, resident, answers={str(question.pk): "pętla indukcyjna"})
    waiting = register(small, other_resident)
    assert (seat.status, waiting.status) == ("confirmed", "waiting")

    with django_capture_on_commit_callbacks(execute=True):
        user_delete_account(actor=resident, user=resident)

    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert seat.status == Registration.Status.CANCELLED
    assert seat.answers == {}
    assert waiting.status == Registration.Status.CONFIRMED
    assert "spotkanie.ics" in [name for name, _content, _type in mailoutbox[-1].attachments]
    assert mailoutbox[-1].to == [other_resident.email]
