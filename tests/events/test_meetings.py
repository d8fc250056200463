"""Meetings the office runs: validation, publish, cancel, move, finish, copy, questions, invitations, documents."""

import datetime

import icalendar
import pytest
from conftest import make_person
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from razem.core.files import private_storage, validate_document
from razem.core.models import Notification, PublicBenefitArea, Room, Venue
from razem.events.models import Meeting, MeetingDocument, MeetingInvitation, MeetingQuestion
from razem.events.services import meetings

pytestmark = pytest.mark.usefixtures("english")

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run a service with its on-commit work (e-mails) done."""

    def call(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call


@pytest.fixture
def data(venue):
    starts_at = timezone.now() + datetime.timedelta(days=14)
    return {
        "title": "Spotkanie sieciujące organizacji",
        "kind": Meeting.Kind.NETWORKING,
        "organizer_kind": Meeting.Organizer.CITY,
        "place_kind": Meeting.Place.VENUE,
        "venue": venue,
        "room": venue.rooms.first(),
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=2),
        "visibility": Meeting.Visibility.PUBLIC,
        "registration_enabled": True,
        "registration_opens_at": timezone.now(),
        "capacity": 40,
        "reserved_seats": 5,
    }


def errors_of(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


# Validation -----------------------------------------------------------------------------------------------------


def test_a_meeting_is_created_as_a_draft_with_the_district_of_its_venue(data, officer, venue):
    meeting = meetings.meeting_create(actor=officer, data=data)

    assert meeting.status == Meeting.Status.DRAFT
    assert meeting.district == venue.district
    assert meeting.created_by == officer


def _other_room(venue):
    elsewhere = Venue.objects.create(name="Dom Kultury", address="ul. Długa 1", postal_code="31-000")
    return Room.objects.create(venue=elsewhere, name="Sala widowiskowa", capacity=100)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda d, v: {"ends_at": d["starts_at"] - datetime.timedelta(minutes=1)}, "ends_at", "end after it starts"),
        (lambda d, v: {"venue": None, "room": None, "address": ""}, "venue", "Choose a venue or type the address"),
        (lambda d, v: {"room": _other_room(v)}, "room", "not in the venue chosen"),
        (lambda d, v: {"place_kind": Meeting.Place.ONLINE, "online_url": ""}, "online_url", "needs the link"),
        (lambda d, v: {"organizer_kind": Meeting.Organizer.BODY}, "body", "Choose the body"),
        (lambda d, v: {"visibility": Meeting.Visibility.MEMBERS}, "visibility", "needs the body chosen"),
        (lambda d, v: {"capacity": 4, "reserved_seats": 5}, "reserved_seats", "more reserved seats than seats"),
        (
            lambda d, v: {
                "registration_opens_at": d["starts_at"] - datetime.timedelta(days=2),
                "registration_closes_at": d["starts_at"] - datetime.timedelta(days=3),
            },
            "registration_closes_at",
            "close after it opens",
        ),
        (
            lambda d, v: {"registration_closes_at": d["ends_at"] + datetime.timedelta(hours=1)},
            "registration_closes_at",
            "cannot close after the meeting ends",
        ),
        (
            lambda d, v: {"registration_opens_at": d["starts_at"]},
            "registration_opens_at",
            "open before the meeting starts",
        ),
    ],
    ids=[
        "end before start", "no place", "room of another venue", "online without link", "body organizer without body",
        "members without body", "reserved over capacity", "window closes before opening", "window closes after end",
        "window opens at start",
    ],
)  # fmt: skip
def test_an_invalid_meeting_is_refused_with_a_message_next_to_the_field(data, officer, venue, change, field, message):
    data.update(change(data, venue))

    errors = errors_of(lambda: meetings.meeting_create(actor=officer, data=data))

    assert any(message in text for text in errors[field]), errors
    assert not Meeting.objects.exists()


def test_an_in_person_meeting_may_have_a_free_address_instead_of_a_venue(data, officer):
    data.update(venue=None, room=None, address="Park Jordana, przy wejściu od al. 3 Maja")
    meeting = meetings.meeting_create(actor=officer, data=data)
    assert meeting.place_label == "Park Jordana, przy wejściu od al. 3 Maja"


def test_the_capacity_cannot_drop_below_the_confirmed_seats(make_meeting, register, officer):
    meeting = make_meeting(capacity=5)
    for n in range(3):
        register(meeting, make_person(f"osoba{n}@example.org"))

    errors = errors_of(lambda: meetings.meeting_update(actor=officer, meeting=meeting, data={"capacity": 2}))

    assert "3 people already have a confirmed seat" in errors["capacity"][0]
    meeting.refresh_from_db()
    assert meeting.capacity == 5


# Publish, finish ------------------------------------------------------------------------------------------------


def test_a_draft_is_published(make_meeting, officer):
    meeting = make_meeting(status=Meeting.Status.DRAFT, published_at=None)

    meetings.meeting_publish(actor=officer, meeting=meeting)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    assert meeting.published_at is not None


def test_only_a_draft_can_be_published(meeting, officer):
    with pytest.raises(ValidationError) as caught:
        meetings.meeting_publish(actor=officer, meeting=meeting)
    assert "Only a draft can be published" in caught.value.messages[0]


def test_a_meeting_in_the_past_cannot_be_published(make_meeting, officer):
    starts_at = timezone.now() - datetime.timedelta(days=2)
    meeting = make_meeting(
        status=Meeting.Status.DRAFT, starts_at=starts_at, registration_opens_at=starts_at - datetime.timedelta(days=5)
    )

    with pytest.raises(ValidationError) as caught:
        meetings.meeting_publish(actor=officer, meeting=meeting)

    assert "already ended" in caught.value.messages[0]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_a_meeting_can_be_marked_finished_only_once_it_has_started(make_meeting, officer):
    upcoming = make_meeting()
    with pytest.raises(ValidationError) as caught:
        meetings.meeting_finish(actor=officer, meeting=upcoming)
    assert "once it has started" in caught.value.messages[0]

    started = make_meeting(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        registration_opens_at=timezone.now() - datetime.timedelta(days=5),
    )
    meetings.meeting_finish(actor=officer, meeting=started)
    started.refresh_from_db()
    assert started.status == Meeting.Status.FINISHED


# Cancel ---------------------------------------------------------------------------------------------------------


def test_cancelling_needs_a_reason(meeting, officer):
    errors = errors_of(lambda: meetings.meeting_cancel(actor=officer, meeting=meeting, reason="   "))
    assert "Say why" in errors["reason"][0]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED


def test_cancelling_tells_everyone_registered_with_a_calendar_file_that_cancels_the_event(
    make_meeting, register, officer, run, mailoutbox
):
    meeting = make_meeting(capacity=1)
    confirmed, waiting = make_person("pierwsza@example.org"), make_person("druga@example.org")
    register(meeting, confirmed)
    register(meeting, waiting)
    mailoutbox.clear()

    run(meetings.meeting_cancel, actor=officer, meeting=meeting, reason="Awaria ogrzewania w budynku")

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.sequence == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted([confirmed.email, waiting.email])
    for email in mailoutbox:
        assert "Spotkanie odwołane" in email.subject  # the recipient reads Polish
        assert "Awaria ogrzewania w budynku" in email.body
        [(name, content, _type)] = email.attachments
        [event] = icalendar.Calendar.from_ical(content).walk("VEVENT")
        assert str(event["STATUS"]) == "CANCELLED"
        assert int(event["SEQUENCE"]) == 1


def test_a_finished_meeting_cannot_be_cancelled(make_meeting, officer):
    meeting = make_meeting(status=Meeting.Status.FINISHED)
    with pytest.raises(ValidationError):
        meetings.meeting_cancel(actor=officer, meeting=meeting, reason="Pomyłka")


# Move -----------------------------------------------------------------------------------------------------------


def test_moving_a_published_meeting_tells_everyone_registered(make_meeting, register, officer, run, mailoutbox):
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

    meeting.refresh_from_db()
    assert meeting.sequence == 1
    by_person = {m.to[0]: m for m in mailoutbox}
    assert set(by_person) == {confirmed.email, waiting.email}
    assert "Zmiana spotkania" in by_person[confirmed.email].subject
    [(_name, content, _type)] = by_person[confirmed.email].attachments
    [event] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("DTSTART") == later.replace(microsecond=0)
    assert by_person[waiting.email].attachments == []


def test_changing_only_the_title_tells_nobody(meeting, register, resident, officer, run, mailoutbox):
    register(meeting, resident)
    mailoutbox.clear()

    run(meetings.meeting_update, actor=officer, meeting=meeting, data={"title": "Forum dialogu – edycja jesienna"})

    meeting.refresh_from_db()
    assert meeting.title == "Forum dialogu – edycja jesienna"
    assert meeting.sequence == 0
    assert mailoutbox == []


def test_moving_a_draft_tells_nobody(make_meeting, officer, run, mailoutbox):
    meeting = make_meeting(status=Meeting.Status.DRAFT)
    later = meeting.starts_at + datetime.timedelta(days=1)
    run(
        meetings.meeting_update,
        actor=officer,
        meeting=meeting,
        data={"starts_at": later, "ends_at": later + datetime.timedelta(hours=1)},
    )
    assert mailoutbox == []


# Copy -----------------------------------------------------------------------------------------------------------


def test_a_copy_is_a_new_draft_on_the_new_date_with_the_questions_and_areas_but_no_registrations(
    make_meeting, register, resident, officer
):
    areas = list(PublicBenefitArea.objects.all()[:2])
    original = make_meeting(
        capacity=30,
        areas=areas,
        registration_opens_at=timezone.now() - datetime.timedelta(days=1),
        registration_closes_at=timezone.now() + datetime.timedelta(days=6),
    )
    register(original, resident)
    MeetingQuestion.objects.create(
        meeting=original, label="Dieta", kind=MeetingQuestion.Kind.CHOICE, options="zwykła\nwegańska", required=True
    )
    new_start = original.starts_at + datetime.timedelta(days=91)

    copy = meetings.meeting_copy(actor=officer, meeting=original, starts_at=new_start)

    assert copy.pk != original.pk
    assert copy.status == Meeting.Status.DRAFT
    assert copy.copied_from == original
    assert copy.starts_at == new_start
    assert copy.ends_at == original.ends_at + datetime.timedelta(days=91)
    assert copy.registration_opens_at == original.registration_opens_at + datetime.timedelta(days=91)
    assert copy.registration_closes_at == original.registration_closes_at + datetime.timedelta(days=91)
    assert copy.capacity == 30
    assert set(copy.areas.all()) == set(areas)
    [question] = copy.questions.all()
    assert (question.label, question.options, question.required) == ("Dieta", "zwykła\nwegańska", True)
    assert not copy.registrations.exists()
    assert original.questions.count() == 1


# Questions ------------------------------------------------------------------------------------------------------


def test_a_choice_question_needs_at_least_two_options(meeting, officer):
    errors = errors_of(
        lambda: meetings.question_save(
            actor=officer,
            meeting=meeting,
            data={"label": "Dieta", "kind": MeetingQuestion.Kind.CHOICE, "options": "zwykła\n\n"},
        )
    )
    assert "at least two options" in errors["options"][0]
    assert not MeetingQuestion.objects.exists()

    question = meetings.question_save(
        actor=officer,
        meeting=meeting,
        data={"label": "Dieta", "kind": MeetingQuestion.Kind.MULTIPLE, "options": "zwykła\nwegańska"},
    )
    assert question.option_list == ["zwykła", "wegańska"]


# Invitations ----------------------------------------------------------------------------------------------------


def test_invitations_report_unknown_addresses_and_ignore_people_already_invited(
    meeting, officer, resident, other_resident, run, mailoutbox
):
    MeetingInvitation.objects.create(meeting=meeting, person=resident)

    created, missing = run(
        meetings.invitations_add,
        actor=officer,
        meeting=meeting,
        emails=[
            " Maria.Kowalska@example.org",
            "jan.zielinski@example.org",
            "nikt@example.org",
            "",
            "JAN.ZIELINSKI@example.org",
        ],
    )

    assert [i.person for i in created] == [other_resident]
    assert missing == ["nikt@example.org"]
    assert MeetingInvitation.objects.filter(meeting=meeting).count() == 2
    assert [m.to for m in mailoutbox] == [[other_resident.email]]


def test_people_invited_to_a_draft_are_not_told_yet(make_meeting, officer, resident, run, mailoutbox):
    meeting = make_meeting(status=Meeting.Status.DRAFT)

    created, missing = run(meetings.invitations_add, actor=officer, meeting=meeting, emails=[resident.email])

    assert len(created) == 1 and missing == []
    assert mailoutbox == []
    assert not Notification.objects.filter(recipient=resident).exists()


# Documents ------------------------------------------------------------------------------------------------------


def test_a_document_is_stored_privately_and_deleted_with_its_file(meeting, officer, run):
    upload = SimpleUploadedFile("program.pdf", PDF, content_type="application/pdf")
    validate_document(upload)

    document = meetings.document_add(
        actor=officer,
        meeting=meeting,
        title="  ",
        upload=upload,
        kind=MeetingDocument.Kind.ATTACHMENT,
        audience=MeetingDocument.Audience.PARTICIPANTS,
    )

    assert document.title == "program.pdf"
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF)
    storage = private_storage()
    assert storage.exists(document.file.name)
    with storage.open(document.file.name) as stored:
        assert stored.read() == PDF

    run(meetings.document_delete, actor=officer, document=document)

    assert not MeetingDocument.objects.exists()
    assert not storage.exists(document.file.name)


def test_minutes_of_a_published_meeting_are_announced_in_the_app_to_confirmed_participants(
    meeting, officer, resident, register, run, mailoutbox
):
    register(meeting, resident)
    mailoutbox.clear()

    run(
        meetings.document_add,
        actor=officer,
        meeting=meeting,
        title="Protokół",
        upload=SimpleUploadedFile("protokol.pdf", PDF),
        kind=MeetingDocument.Kind.MINUTES,
        audience=MeetingDocument.Audience.PUBLIC,
    )

    assert Notification.objects.filter(recipient=resident, kind="events/minutes_published").count() == 1
    assert mailoutbox == []


def test_validate_document_accepts_a_pdf():
    validate_document(SimpleUploadedFile("sprawozdanie.PDF", PDF))


def test_validate_document_refuses_an_extension_not_on_the_list():
    with pytest.raises(ValidationError) as caught:
        validate_document(SimpleUploadedFile("skrypt.exe", b"MZ\x90\x00"))
    assert caught.value.code == "file_type"
    assert "not accepted" in caught.value.messages[0]


def test_validate_document_refuses_a_renamed_file_whose_content_does_not_match():
    with pytest.raises(ValidationError) as caught:
        validate_document(SimpleUploadedFile("faktura.pdf", b"PK\x03\x04 a zip pretending to be a PDF"))
    assert caught.value.code == "file_content"
    assert ".pdf" in caught.value.messages[0]


def test_validate_document_refuses_a_binary_file_named_txt():
    with pytest.raises(ValidationError) as caught:
        validate_document(SimpleUploadedFile("notatka.txt", b"abc\x00\x01\x02"))
    assert caught.value.code == "file_content"


def test_validate_document_refuses_a_file_over_the_size_limit(settings):
    settings.RAZEM_DOCUMENT_MAX_BYTES = 1024 * 1024
    validate_document(SimpleUploadedFile("maly.pdf", PDF + b"0" * (1024 * 1024 - len(PDF))))

    with pytest.raises(ValidationError) as caught:
        validate_document(SimpleUploadedFile("duzy.pdf", PDF + b"0" * (1024 * 1024)))

    assert caught.value.code == "file_size"
    assert "at most 1 MB" in caught.value.messages[0]
