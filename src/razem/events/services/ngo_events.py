"""NGO events: an organization's representative submits its event for the public calendar, an officer reviews it."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.events import notifications
from razem.events.models import Meeting
from razem.events.predicates import is_event_organization_representative
from razem.events.services.meetings import _apply
from razem.events.services.registrations import _lock
from razem.events.validation import validate_meeting
from razem.events.workflows import NGO_EVENT

EVENT_FIELDS = (
    "title", "kind", "place_kind", "venue", "address", "district", "online_url", "starts_at", "ends_at",
    "summary", "description", "external_url", "contact_email",
)  # fmt: skip


def _acts_for(actor: User, organization: Any) -> bool:
    return bool(actor.has_perm("events.submit_event_organization", organization))


@transaction.atomic
def event_submit(
    *,
    actor: User,
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
    notifications.tell_staff_submitted(event)
    return event


@transaction.atomic
def event_update(
    *,
    actor: User,
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
        notifications.tell_staff_submitted(event)
    return event


def event_review(
    *, actor: User, event: Meeting, approve: bool, reason: str = "", request: HttpRequest | None = None
) -> Meeting:
    """Approve (the event appears in the calendar) or reject with a reason; the organization is told either way
    (``events.workflows.NGO_EVENT``)."""
    if event.organizer_kind != Meeting.Organizer.ORGANIZATION:
        raise ValidationError(_("Only events submitted by organizations are reviewed."))
    name = "approve" if approve else "reject"
    return NGO_EVENT.take(event, name, actor=actor, reason=reason, request=request)  # type: ignore[no-any-return]


def event_withdraw(*, actor: User, event: Meeting, reason: str = "", request: HttpRequest | None = None) -> Meeting:
    """The organization withdraws its event: removed from review, or cancelled in the calendar with a reason.

    Acting for the organization is enough, verified or not: a suspended organization may still take its event off
    the calendar (``events.withdraw_event_meeting``)."""
    if event.organizer_kind != Meeting.Organizer.ORGANIZATION or not is_event_organization_representative(actor, event):
        raise ValidationError(_("You can withdraw only your organization's events."))
    # Which way out depends on the status under the lock: back to a draft, or cancelled in the calendar.
    return NGO_EVENT.take(event, ("withdraw", "cancel"), actor=actor, reason=reason, request=request)  # type: ignore[no-any-return]
