"""Meetings the office runs: create, edit, publish, cancel, copy, finish; questions, invitations, documents."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.files import document_content_type
from razem.events import notifications
from razem.events.models import Meeting, MeetingDocument, MeetingInvitation, MeetingQuestion
from razem.events.services.registrations import _lock, promote_waiting
from razem.events.validation import validate_meeting
from razem.events.workflows import MEETING

__all__ = [
    "MEETING_FIELDS", "MOVE_FIELDS", "document_add", "document_delete", "invitation_remove", "invitations_add",
    "meeting_cancel", "meeting_copy", "meeting_create", "meeting_finish", "meeting_publish", "meeting_update",
    "question_delete", "question_save", "validate_meeting",
]  # fmt: skip

# The fields an officer edits on the meeting form; the organizer's fields for NGO events are in ngo_events.
MEETING_FIELDS = (
    "title", "kind", "organizer_kind", "body", "organization", "place_kind", "venue", "room", "address",
    "district", "online_url", "starts_at", "ends_at", "summary", "description", "agenda", "visibility",
    "external_url", "contact_email", "registration_enabled", "registration_opens_at", "registration_closes_at",
    "capacity", "reserved_seats", "waiting_list_enabled",
)  # fmt: skip
# A change of any of these is a move: everyone registered is told, and calendars get a new SEQUENCE.
MOVE_FIELDS = ("starts_at", "ends_at", "place_kind", "venue", "room", "address", "online_url")


def _apply(meeting: Meeting, data: dict[str, Any], fields: Iterable[str]) -> list[str]:
    changed = []
    for field in fields:
        if field in data and getattr(meeting, field) != data[field]:
            setattr(meeting, field, data[field])
            changed.append(field)
    if meeting.venue_id and not meeting.district_id:  # the calendar filters by district: take the venue's
        meeting.district_id = meeting.venue.district_id  # type: ignore[union-attr]
    return changed


@transaction.atomic
def meeting_create(
    *, actor: User, data: dict[str, Any], areas: Iterable[Any] = (), request: HttpRequest | None = None
) -> Meeting:
    meeting = Meeting(created_by=actor, status=Meeting.Status.DRAFT)
    _apply(meeting, data, MEETING_FIELDS)
    validate_meeting(meeting)
    meeting.save()
    meeting.areas.set(areas)
    audit.record(
        actor=actor, action="events.meeting.created", obj=meeting, data={"kind": meeting.kind}, request=request
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: User,
    meeting: Meeting,
    data: dict[str, Any],
    areas: Iterable[Any] | None = None,
    fields: Iterable[str] = MEETING_FIELDS,
    request: HttpRequest | None = None,
) -> Meeting:
    """Change a meeting; a move (time or place) of an announced meeting is told to everyone registered."""
    meeting = _lock(meeting)
    before = {f: getattr(meeting, f) for f in MOVE_FIELDS}
    old_capacity, old_reserved = meeting.capacity, meeting.reserved_seats
    changed = _apply(meeting, data, fields)
    validate_meeting(meeting)
    moved = [f for f in MOVE_FIELDS if getattr(meeting, f) != before[f]]
    if moved:
        meeting.sequence += 1
    meeting.save()
    if areas is not None:
        meeting.areas.set(areas)
    audit.record(actor=actor, action="events.meeting.updated", obj=meeting, data={"fields": changed}, request=request)
    if moved and meeting.status == Meeting.Status.PUBLISHED:
        notifications.tell_moved(meeting, old_starts_at=before["starts_at"], moved=moved)
    capacity_grew = meeting.capacity is None or (old_capacity is not None and meeting.capacity > old_capacity)
    # Fewer reserved seats free general seats for the people waiting, though the capacity stays the same.
    if (capacity_grew or meeting.reserved_seats < old_reserved) and meeting.status == Meeting.Status.PUBLISHED:
        promote_waiting(meeting=meeting)
    return meeting


def meeting_publish(*, actor: User, meeting: Meeting, request: HttpRequest | None = None) -> Meeting:
    """Put a draft in the calendar (``events.workflows.MEETING``: refused once it has ended, or when invalid)."""
    return MEETING.take(meeting, "publish", actor=actor, request=request)  # type: ignore[no-any-return]


def meeting_cancel(*, actor: User, meeting: Meeting, reason: str, request: HttpRequest | None = None) -> Meeting:
    """Cancel with a reason given to everyone registered (with a calendar file that cancels the event, built
    after the commit); the calendars show it as cancelled."""
    return MEETING.take(meeting, "cancel", actor=actor, reason=reason, request=request)  # type: ignore[no-any-return]


def meeting_finish(*, actor: User, meeting: Meeting, request: HttpRequest | None = None) -> Meeting:
    return MEETING.take(meeting, "finish", actor=actor, request=request)  # type: ignore[no-any-return]


@transaction.atomic
def meeting_copy(
    *, actor: User, meeting: Meeting, starts_at: datetime.datetime, request: HttpRequest | None = None
) -> Meeting:
    """A new draft like this meeting on another date: the same place, texts, areas and questions.

    The registration window moves by the same amount as the start; registrations, invitations and documents
    stay with the original."""
    shift = starts_at - meeting.starts_at
    copy = Meeting(created_by=actor, status=Meeting.Status.DRAFT, copied_from=meeting)
    for field in MEETING_FIELDS:
        setattr(copy, field, getattr(meeting, field))
    copy.starts_at = starts_at
    copy.ends_at = meeting.ends_at + shift
    if meeting.registration_opens_at:
        copy.registration_opens_at = meeting.registration_opens_at + shift
    if meeting.registration_closes_at:
        copy.registration_closes_at = meeting.registration_closes_at + shift
    validate_meeting(copy)
    copy.save()
    copy.areas.set(meeting.areas.all())
    MeetingQuestion.objects.bulk_create(
        MeetingQuestion(
            meeting=copy, position=q.position, label=q.label, help_text=q.help_text, kind=q.kind,
            options=q.options, required=q.required,
        )
        for q in meeting.questions.all()
    )  # fmt: skip
    audit.record(actor=actor, action="events.meeting.copied", obj=copy, data={"from": meeting.pk}, request=request)
    return copy


# Questions -------------------------------------------------------------------------------------------------------

QUESTION_FIELDS = ("label", "help_text", "kind", "options", "required", "position")


@transaction.atomic
def question_save(
    *,
    actor: User,
    meeting: Meeting,
    data: dict[str, Any],
    question: MeetingQuestion | None = None,
    request: HttpRequest | None = None,
) -> MeetingQuestion:
    question = question or MeetingQuestion(meeting=meeting, position=meeting.questions.count() + 1)
    for field in QUESTION_FIELDS:
        if field in data:
            setattr(question, field, data[field])
    if question.kind in {MeetingQuestion.Kind.CHOICE, MeetingQuestion.Kind.MULTIPLE} and len(question.option_list) < 2:
        raise ValidationError({"options": _("Give at least two options, one per line.")})
    question.full_clean(exclude=["meeting"])
    question.save()
    audit.record(
        actor=actor, action="events.question.saved", obj=question, data={"meeting": meeting.pk}, request=request
    )
    return question


@transaction.atomic
def question_delete(*, actor: User, question: MeetingQuestion, request: HttpRequest | None = None) -> None:
    audit.record(
        actor=actor,
        action="events.question.deleted",
        obj=question,
        data={"meeting": question.meeting_id, "label": question.label},
        request=request,
    )
    question.delete()


# Invitations -----------------------------------------------------------------------------------------------------


@transaction.atomic
def invitations_add(
    *, actor: User, meeting: Meeting, emails: Iterable[str], request: HttpRequest | None = None
) -> tuple[list[MeetingInvitation], list[str]]:
    """Invite people with an account by e-mail; returns the invitations made and the addresses not found."""
    wanted = {e.strip().lower() for e in emails if e.strip()}
    match = Q()
    for email in wanted:
        match |= Q(email__iexact=email)
    people = {u.email.lower(): u for u in User.objects.filter(match, is_active=True)} if wanted else {}
    missing = sorted(wanted - set(people))
    created = []
    already = set(meeting.invitations.filter(person__in=people.values()).values_list("person_id", flat=True))
    for email in sorted(people):
        person = people[email]
        if person.pk in already:
            continue
        invitation = MeetingInvitation.objects.create(meeting=meeting, person=person, invited_by=actor)
        audit.record(
            actor=actor,
            action="events.invitation.created",
            obj=invitation,
            data={"meeting": meeting.pk},
            request=request,
        )
        created.append(invitation)
    if created and meeting.status == Meeting.Status.PUBLISHED:
        notifications.tell_invited(meeting, [invitation.person for invitation in created])
    return created, missing


@transaction.atomic
def invitation_remove(*, actor: User, invitation: MeetingInvitation, request: HttpRequest | None = None) -> None:
    audit.record(
        actor=actor,
        action="events.invitation.removed",
        obj=invitation,
        data={"meeting": invitation.meeting_id},
        request=request,
    )
    invitation.delete()


# Documents -------------------------------------------------------------------------------------------------------


@transaction.atomic
def document_add(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    upload: Any,
    kind: str,
    audience: str,
    request: HttpRequest | None = None,
) -> MeetingDocument:
    """Store a checked upload (``razem.core.files.validate_document`` in the form) as a meeting document."""
    document = MeetingDocument(
        meeting=meeting,
        title=title.strip() or upload.name,
        kind=kind,
        audience=audience,
        size=upload.size,
        content_type=document_content_type(upload.name),
        uploaded_by=actor,
    )
    document.full_clean(exclude=["file"])
    document.file.save(upload.name, upload, save=False)
    document.save()
    audit.record(
        actor=actor,
        action="events.document.added",
        obj=document,
        data={"meeting": meeting.pk, "kind": kind, "audience": audience, "file": upload.name},
        request=request,
    )
    if kind == MeetingDocument.Kind.MINUTES and meeting.status in {Meeting.Status.PUBLISHED, Meeting.Status.FINISHED}:
        notifications.tell_minutes(meeting, document)
    return document


@transaction.atomic
def document_delete(*, actor: User, document: MeetingDocument, request: HttpRequest | None = None) -> None:
    audit.record(
        actor=actor,
        action="events.document.deleted",
        obj=document,
        data={"meeting": document.meeting_id, "title": document.title},
        request=request,
    )
    storage, name = document.file.storage, document.file.name
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
