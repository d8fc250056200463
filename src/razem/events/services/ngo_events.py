"""NGO events: an organization's representative submits its event for the public calendar, an officer reviews it."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.notifications import notify
from razem.events.models import Meeting
from razem.events.predicates import is_event_organization_representative
from razem.events.services.meetings import _apply, validate_meeting
from razem.events.services.registrations import _lock

EVENT_FIELDS = (
    "title", "kind", "place_kind", "venue", "address", "district", "online_url", "starts_at", "ends_at",
    "summary", "description", "external_url", "contact_email",
)  # fmt: skip


def _acts_for(actor: Any, organization: Any) -> bool:
    return bool(actor.has_perm("events.submit_event_organization", organization))


def _representatives(organization: Any) -> Iterable[User]:
    return User.objects.filter(
        memberships__organization=organization,
        memberships__role__in=["admin", "representative"],
        memberships__status="active",
        is_active=True,
    )


@transaction.atomic
def event_submit(
    *,
    actor: Any,
    organization: Any,
    data: dict[str, Any],
    areas: Iterable[Any] = (),
    request: HttpRequest | None = None,
) -> Meeting:
    if organization is None or not _acts_for(actor, organization):
        raise ValidationError(
            {"organization": _("You can submit events only for a verified organization you act for.")},
            code="not_representative",
        )
    event = Meeting(
        organizer_kind=Meeting.Organizer.ORGANIZATION,
        organization=organization,
        visibility=Meeting.Visibility.PUBLIC,
        status=Meeting.Status.SUBMITTED,
        created_by=actor,
    )
    _apply(event, data, EVENT_FIELDS)
    if event.starts_at and event.starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("The event must start in the future.")})
    validate_meeting(event)
    event.save()
    event.areas.set(areas)
    audit.record(
        actor=actor,
        action="events.ngo_event.submitted",
        obj=event,
        data={"organization": organization.pk},
        request=request,
    )
    _tell_staff(event)
    return event


def _tell_staff(event: Meeting) -> None:
    url = reverse("events_staff:review", kwargs={"pk": event.pk})
    for officer in User.objects.filter(role__in=[User.Role.OFFICER, User.Role.ADMINISTRATOR], is_active=True):
        notify(
            recipient=officer, kind="events/ngo_event_submitted", context={"event": event}, url=url, send_email=False
        )


@transaction.atomic
def event_update(
    *,
    actor: Any,
    event: Meeting,
    data: dict[str, Any],
    areas: Iterable[Any] | None = None,
    request: HttpRequest | None = None,
) -> Meeting:
    """The organization corrects its event while it awaits approval or after a rejection; it goes back for review."""
    event = _lock(event)
    if not actor.has_perm("events.change_event_meeting", event):
        raise ValidationError(_("This event can no longer be changed here; write to the office."), code="locked")
    changed = _apply(event, data, EVENT_FIELDS)
    if event.starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("The event must start in the future.")})
    validate_meeting(event)
    resubmitted = event.status == Meeting.Status.REJECTED
    event.status = Meeting.Status.SUBMITTED
    event.status_reason = ""
    event.save()
    if areas is not None:
        event.areas.set(areas)
    audit.record(actor=actor, action="events.ngo_event.updated", obj=event, data={"fields": changed}, request=request)
    if resubmitted:
        _tell_staff(event)
    return event


@transaction.atomic
def event_review(
    *, actor: Any, event: Meeting, approve: bool, reason: str = "", request: HttpRequest | None = None
) -> Meeting:
    """Approve (the event appears in the calendar) or reject with a reason; the organization is told either way."""
    event = _lock(event)
    if event.organizer_kind != Meeting.Organizer.ORGANIZATION:
        raise ValidationError(_("Only events submitted by organizations are reviewed."))
    if event.status != Meeting.Status.SUBMITTED:
        raise ValidationError(
            _("This event is not awaiting approval; it is: %(status)s.") % {"status": event.get_status_display()}
        )
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError({"reason": _("Say why the event is rejected; the organization will read it.")})
    event.status = Meeting.Status.PUBLISHED if approve else Meeting.Status.REJECTED
    event.status_reason = "" if approve else reason
    event.reviewed_by = actor
    if approve:
        event.published_at = timezone.now()
    event.save(update_fields=["status", "status_reason", "reviewed_by", "published_at", "updated_at"])
    audit.record(
        actor=actor,
        action="events.ngo_event.approved" if approve else "events.ngo_event.rejected",
        obj=event,
        data={"reason": reason} if not approve else {},
        request=request,
    )
    url = event.get_absolute_url() if approve else reverse("events:submission_edit", kwargs={"pk": event.pk})
    for person in _representatives(event.organization):
        notify(
            recipient=person,
            kind="events/ngo_event_approved" if approve else "events/ngo_event_rejected",
            context={"event": event, "reason": reason},
            url=url,
        )
    return event


@transaction.atomic
def event_withdraw(*, actor: Any, event: Meeting, reason: str = "", request: HttpRequest | None = None) -> Meeting:
    """The organization withdraws its event: removed from review, or cancelled in the calendar with a reason."""
    event = _lock(event)
    # Acting for the organization is enough, verified or not: a suspended organization may still take its event
    # off the calendar (events.withdraw_event_meeting).
    if event.organizer_kind != Meeting.Organizer.ORGANIZATION or not is_event_organization_representative(actor, event):
        raise ValidationError(_("You can withdraw only your organization's events."))
    if event.status in {Meeting.Status.SUBMITTED, Meeting.Status.REJECTED}:
        event.status = Meeting.Status.DRAFT  # kept for the record, never shown in the calendar
    elif event.status == Meeting.Status.PUBLISHED and not event.has_started:
        reason = reason.strip()
        if not reason:
            raise ValidationError({"reason": _("Say why the event is cancelled; the calendar will show it.")})
        event.status = Meeting.Status.CANCELLED
        event.status_reason = reason
        event.sequence += 1
    else:
        raise ValidationError(_("This event can no longer be withdrawn."))
    event.save(update_fields=["status", "status_reason", "sequence", "updated_at"])
    audit.record(
        actor=actor, action="events.ngo_event.withdrawn", obj=event, data={"status": event.status}, request=request
    )
    return event
