"""Registrations: seats, the waiting list, cancellation, check-in.

Seats are scarce, so every change that takes or frees a seat locks the meeting row first
(``select_for_update``) and counts the confirmed registrations inside that lock; the partial unique constraint
``events_registration_once`` backs "one live registration per person and meeting". On SQLite the transaction is
``IMMEDIATE`` and the whole database is the lock.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from razem.accounts.models import User
from razem.core import audit
from razem.core.notifications import Attachment, notify, notify_many
from razem.core.permissions import ensure, why_not
from razem.core.reference import statutory_value
from razem.core.schedule import when
from razem.events import ics, qr
from razem.events.certificate import forget_certificates
from razem.events.models import Meeting, MeetingQuestion, Registration, normalize_code
from razem.events.predicates import is_invited
from razem.events.rules import REFUSED, REGISTER


def clean_answers(meeting: Meeting, raw: dict[str, Any] | None) -> dict[str, Any]:
    """Keep only answers to the meeting's questions, check required ones and options; keyed by question id."""
    raw = raw or {}
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in meeting.questions.all():
        key = str(question.pk)
        value = raw.get(key)
        if question.kind == MeetingQuestion.Kind.MULTIPLE:
            values = [v for v in (value or []) if v]
            unknown = [v for v in values if v not in question.option_list]
            if unknown:
                errors[key] = _("Choose from the options given.")
            elif question.required and not values:
                errors[key] = _("Choose at least one option.")
            elif values:
                answers[key] = values
            continue
        if question.kind == MeetingQuestion.Kind.YES_NO:
            if value in (True, "yes", "true", "1", "on"):
                answers[key] = True
            elif value in (False, "no", "false", "0"):
                answers[key] = False
            elif question.required:
                errors[key] = _("Answer yes or no.")
            continue
        text = str(value or "").strip()
        if question.kind == MeetingQuestion.Kind.CHOICE and text and text not in question.option_list:
            errors[key] = _("Choose from the options given.")
        elif question.required and not text:
            errors[key] = _("This question needs an answer.")
        elif text:
            answers[key] = text[:2000]
    if errors:
        raise ValidationError(errors)
    return answers


def _already_registered(meeting: Meeting, person: User) -> str | None:
    """The refusal that depends on the person's own registration (the permission is about the meeting)."""
    existing = Registration.objects.active().filter(meeting=meeting, person=person).first()
    if existing is None:
        return None
    if existing.status == Registration.Status.WAITING:
        return _("You are already on the waiting list for this meeting.")
    return _("You are already registered for this meeting; your code is %(code)s.") % {"code": existing.display_code}


def refusal(meeting: Meeting, person: User) -> str | None:
    """Why this person cannot register for this meeting now, in words; None when they can.

    The reasons about the meeting (its status, the window, its audience) are the requirements of the permission
    ``events.register_meeting`` (events.rules), so that the page and this service say the same."""
    return why_not(person, REGISTER, meeting) or _already_registered(meeting, person)


def _fits(meeting: Meeting, seats: dict[str, int], *, guest: bool) -> bool:
    """Given the confirmed seats (``total``, and ``general``: not taken by guests), is there one for a guest (any
    seat) or for anyone else (outside the reserved ones)?"""
    if meeting.capacity is None:
        return True
    if seats["total"] >= meeting.capacity:
        return False
    return guest or seats["general"] < (meeting.general_seats or 0)


def _seat_free(meeting: Meeting, *, guest: bool) -> bool:
    """Is there a seat for a guest (any seat) or for anyone else (outside the reserved ones)? Under the lock."""
    if meeting.capacity is None:
        return True
    seats = (
        Registration.objects.confirmed()
        .filter(meeting=meeting)
        .aggregate(total=Count("id"), general=Count("id", filter=Q(is_guest=False)))
    )
    return _fits(meeting, seats, guest=guest)


def _seats_and_own(meeting: Meeting, person: User) -> dict[str, int]:
    """Under the lock, in one query: the confirmed seats (``total``, ``general``) and the person's live
    registrations (``own``: 0 or 1, the partial unique constraint says)."""
    confirmed = Q(status=Registration.Status.CONFIRMED)
    return Registration.objects.filter(meeting=meeting).aggregate(
        total=Count("id", filter=confirmed),
        general=Count("id", filter=confirmed & Q(is_guest=False)),
        own=Count("id", filter=Q(person=person) & ~Q(status=Registration.Status.CANCELLED)),
    )


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def register(
    *,
    actor: User,
    meeting: Meeting,
    organization: Any = None,
    answers: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> Registration:
    """Register the person: a confirmed seat when one is free, else a place on the waiting list."""
    # What does not depend on the seats is checked before the lock, so that the lock is held briefly; the
    # refusal is checked (again) under the lock, where the meeting's status and window are current, and so is
    # an existing registration (read there only, in the same query as the seats).
    ensure(actor, REGISTER, meeting)
    if organization is not None:
        from razem.organizations.models import Membership

        if not Membership.objects.active().filter(user=actor, organization=organization).exists():
            raise ValidationError(
                {"organization": _("You can register on behalf of an organization you belong to only.")},
                code="not_a_member",
            )
    cleaned = clean_answers(meeting, answers)
    guest = bool(is_invited(actor, meeting))
    with transaction.atomic():
        meeting = _lock(meeting)
        ensure(actor, REGISTER, meeting)
        seats = _seats_and_own(meeting, actor)
        if seats["own"]:
            raise ValidationError(_already_registered(meeting, actor) or "", code=REFUSED)
        if _fits(meeting, seats, guest=guest):
            status = Registration.Status.CONFIRMED
        elif meeting.waiting_list_enabled:
            status = Registration.Status.WAITING
        else:
            raise ValidationError(_("The meeting is full and has no waiting list."), code="full")
        now = timezone.now()
        try:
            # No savepoint: a duplicate (which the lock and the check above already rule out) ends the whole
            # transaction, rolled back as the refusal leaves it.
            with transaction.atomic(savepoint=False):
                registration = Registration.objects.create(
                    meeting=meeting,
                    person=actor,
                    organization=organization,
                    status=status,
                    is_guest=guest,
                    answers=cleaned,
                    created_at=now,
                    confirmed_at=now if status == Registration.Status.CONFIRMED else None,
                )
        except IntegrityError as exc:
            raise ValidationError(_("You are already registered for this meeting."), code="duplicate") from exc
        # The answers may hold health or diet details: the audit log keeps that there were answers, not what.
        audit.record(
            actor=actor,
            action="events.registration.created",
            obj=registration,
            data={"meeting": meeting.pk, "status": status, "organization": organization and organization.pk},
            request=request,
        )
        _enqueue_tell(registration, promoted=False)
    return registration


def _confirmation_attachments(registration: Registration) -> list[Attachment]:
    meeting = registration.meeting
    return [
        Attachment("spotkanie.ics", ics.CONTENT_TYPE, ics.meeting_calendar(meeting, with_online_link=True)),
        Attachment(f"kod-{registration.code}.png", "image/png", qr.code_png(registration.code)),
    ]


def _enqueue_tell(registration: Registration, *, promoted: bool) -> None:
    from razem.events.tasks import tell_registration

    pk = registration.pk
    transaction.on_commit(lambda: tell_registration.enqueue(pk, promoted))


@transaction.atomic
def tell(registration: Registration, *, promoted: bool) -> None:
    """The confirmation (with the .ics and the QR code), or the news of a place on the waiting list."""
    from django.urls import reverse

    url = reverse("events:my_registrations")
    context = {"registration": registration, "meeting": registration.meeting}
    if registration.status == Registration.Status.CONFIRMED:
        notify(
            recipient=registration.person,
            kind="events/promoted" if promoted else "events/registration_confirmed",
            context=context,
            url=url,
            attachments=_confirmation_attachments(registration),
        )
    else:
        position = (
            Registration.objects.waiting()
            .filter(meeting=registration.meeting)
            .filter(
                Q(created_at__lt=registration.created_at)
                | Q(created_at=registration.created_at, pk__lte=registration.pk)
            )
            .count()
        )
        notify(
            recipient=registration.person,
            kind="events/registration_waiting",
            context={**context, "position": position},
            url=url,
        )


def promote_waiting(*, meeting: Meeting) -> list[Registration]:
    """Give free seats to the people waiting, first come first served; call with the meeting locked."""
    promoted = []
    for registration in Registration.objects.waiting().filter(meeting=meeting).select_related("person", "meeting"):
        if not _seat_free(meeting, guest=True):
            break  # no seat of any kind is left
        if not _seat_free(meeting, guest=registration.is_guest):
            continue  # only reserved seats are left, and this person is not a guest: the next guest may fit
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
        audit.record(actor=None, action="events.registration.promoted", obj=registration, data={"meeting": meeting.pk})
        _enqueue_tell(registration, promoted=True)
        promoted.append(registration)
    return promoted


def cancel(*, actor: User, registration: Registration, request: HttpRequest | None = None) -> Registration:
    """Cancel a registration (by the person, or by staff); a freed seat goes to the first person waiting."""
    with transaction.atomic():
        meeting = _lock(registration.meeting)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise ValidationError(_("This registration has already been cancelled."), code="already_cancelled")
        if registration.checked_in_at:
            raise ValidationError(
                _("This person has already arrived at the meeting; the registration cannot be cancelled."),
                code="attended",
            )
        by_self = actor.pk == registration.person_id
        if by_self and (meeting.status != Meeting.Status.PUBLISHED or meeting.has_started):
            raise ValidationError(
                _("The meeting has already started or is no longer open; the registration cannot be cancelled."),
                code="too_late",
            )
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        audit.record(
            actor=actor,
            action="events.registration.cancelled",
            obj=registration,
            data={"meeting": meeting.pk, "by_self": by_self},
            request=request,
        )
        if not by_self:
            notify_many(
                kind="events/registration_cancelled_by_office",
                audience=[registration.person_id],
                context={"registration": registration, "meeting": meeting},
                url=meeting.get_absolute_url(),
            )
        # Once the meeting has started, a freed seat is no news worth sending to the people waiting.
        if was_confirmed and meeting.status == Meeting.Status.PUBLISHED and not meeting.has_started:
            promote_waiting(meeting=meeting)
    return registration


def find_for_check_in(*, meeting: Meeting, code: str) -> Registration:
    """The registration a typed or scanned code names, or a clear reason why it cannot be checked in."""
    normalized = normalize_code(code)
    if not normalized:
        raise ValidationError({"code": _("Type or scan a registration code.")}, code="empty")
    registration = (
        Registration.objects.select_related("meeting", "person", "organization").filter(code=normalized).first()
    )
    if registration is None:
        raise ValidationError(
            {"code": _("No registration has the code %(code)s. Check it and try again.") % {"code": code.strip()}},
            code="unknown",
        )
    if registration.meeting_id != meeting.pk:
        raise ValidationError(
            {
                "code": _("The code %(code)s is a registration for another meeting: %(title)s (%(when)s).")
                % {
                    "code": registration.display_code,
                    "title": registration.meeting.title,
                    "when": when(registration.meeting.starts_at),
                }
            },
            code="other_meeting",
        )
    return registration


# Check-in has a time: from a set time before the start (the office's practice value, 2 hours by default) to the
# end of the meeting's last day. Earlier asks the officer to confirm (a code read at the wrong door, a meeting on
# another day); later is refused unless the officer records it as a late correction (audited as such).
EARLY_HOURS = "checkin_early_hours"
EARLY, OPEN, OVER = "early", "open", "over"


def _early_hours(meeting: Meeting) -> int:
    """The practice value valid on the meeting's day, in whole hours."""
    return int(statutory_value(EARLY_HOURS, timezone.localdate(meeting.starts_at)))


def check_in_opens_at(meeting: Meeting) -> datetime.datetime:
    """From when people are checked in without a question: the practice value's hours before the start."""
    return meeting.starts_at - datetime.timedelta(hours=_early_hours(meeting))


def check_in_window(meeting: Meeting, now: datetime.datetime | None = None) -> str:
    """``early`` (before ``check_in_opens_at``), ``open``, or ``over`` (after the day the meeting ends)."""
    now = now or timezone.now()
    if timezone.localdate(now) > timezone.localdate(meeting.ends_at):
        return OVER
    if now < check_in_opens_at(meeting):
        return EARLY
    return OPEN


def _early_warning(meeting: Meeting) -> str:
    hours = _early_hours(meeting)
    return ngettext(
        "The meeting starts on %(when)s: more than %(hours)s hour from now. Check that this is the right meeting, "
        "then confirm the early check-in.",
        "The meeting starts on %(when)s: more than %(hours)s hours from now. Check that this is the right meeting, "
        "then confirm the early check-in.",
        hours,
    ) % {"when": when(meeting.starts_at), "hours": hours}


def _over_refusal(meeting: Meeting) -> str:
    return _(
        "The meeting ended on %(day)s; check-in closed at the end of that day. If the person did attend, mark it "
        "as a late correction and check them in again."
    ) % {"day": when(timezone.localdate(meeting.ends_at))}


def check_in(
    *,
    actor: User,
    meeting: Meeting,
    registration: Registration,
    request: HttpRequest | None = None,
    early_confirmed: bool = False,
    late_correction: bool = False,
) -> tuple[Registration, bool]:
    """Mark the person as present; returns the registration and whether they had already been checked in.

    Earlier than ``check_in_opens_at`` the refusal is a question (code ``early``): call again with
    ``early_confirmed``. After the meeting's day it is refused (code ``over``) unless ``late_correction``, which the
    audit log records."""
    with transaction.atomic():
        # Lock the registration row only: PostgreSQL refuses FOR UPDATE on the nullable side of the outer join
        # that the optional organization needs.
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("person", "organization")
            .get(pk=registration.pk)
        )
        if registration.meeting_id != meeting.pk:
            raise ValidationError(_("This registration is for another meeting."), code="other_meeting")
        if registration.status == Registration.Status.CANCELLED:
            raise ValidationError(
                _("%(name)s cancelled this registration on %(when)s.")
                % {"name": registration.person.full_name, "when": when(registration.cancelled_at)},
                code="cancelled",
            )
        if registration.status == Registration.Status.WAITING:
            raise ValidationError(
                _("%(name)s is on the waiting list and has no confirmed seat.")
                % {"name": registration.person.full_name},
                code="waiting",
            )
        if registration.checked_in_at:
            return registration, True
        now = timezone.now()
        window = check_in_window(meeting, now)
        if window == EARLY and not early_confirmed:
            raise ValidationError(_early_warning(meeting), code=EARLY)
        if window == OVER and not late_correction:
            raise ValidationError(_over_refusal(meeting), code=OVER)
        registration.checked_in_at = now
        registration.checked_in_by = actor
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
        data: dict[str, Any] = {"meeting": meeting.pk}
        if window == EARLY:
            data["early"] = True
        if window == OVER:
            data["late_correction"] = True
        audit.record(
            actor=actor,
            action="events.registration.checked_in",
            obj=registration,
            data=data,
            request=request,
        )
    return registration, False


def undo_check_in(*, actor: User, registration: Registration, request: HttpRequest | None = None) -> Registration:
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.checked_in_at:
            registration.checked_in_at = None
            registration.checked_in_by = None
            registration.save(update_fields=["checked_in_at", "checked_in_by"])
            audit.record(
                actor=actor,
                action="events.registration.check_in_undone",
                obj=registration,
                data={"meeting": registration.meeting_id},
                request=request,
            )
    return registration


def deletion_cleanup(user: User) -> None:
    """On account deletion: upcoming registrations are cancelled (their seats go to the people waiting), and the
    answers, which may describe health or diet, are erased; attendance figures of past meetings keep their counts."""
    upcoming = Registration.objects.active().filter(
        person=user, meeting__status=Meeting.Status.PUBLISHED, meeting__starts_at__gt=timezone.now()
    )
    for registration in upcoming.select_related("meeting"):
        cancel(actor=user, registration=registration)
    Registration.objects.filter(person=user).exclude(answers={}).update(answers={})
    # The certificates issued to the person name them: they go with the account.
    forget_certificates(Registration.objects.filter(person=user))
