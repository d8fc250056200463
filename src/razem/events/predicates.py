"""Predicates about meetings, registrations and NGO events, composed into permissions in rules.py."""

from typing import Any

import rules

from razem.bodies.predicates import current_body_ids
from razem.core.predicates import is_signed_in
from razem.events.windows import OPEN, REGISTRATION
from razem.organizations.predicates import is_org_representative

VISIBLE_STATUSES = {"published", "cancelled", "finished"}


def active_registration(user: Any, meeting: Any) -> Any:
    """The person's live registration for the meeting, cached on the user for the request."""
    if meeting is None or not is_signed_in(user):
        return None
    cache = user.__dict__.setdefault("_razem_registrations", {})
    if meeting.pk not in cache:
        from razem.events.models import Registration

        cache[meeting.pk] = Registration.objects.active().filter(meeting_id=meeting.pk, person=user).first()
    return cache[meeting.pk]


def _is_invited(user: Any, meeting: Any) -> bool:
    if meeting is None or not is_signed_in(user):
        return False
    cache = user.__dict__.setdefault("_razem_invitations", {})
    if meeting.pk not in cache:
        cache[meeting.pk] = meeting.invitations.filter(person=user).exists()
    return cache[meeting.pk]


@rules.predicate
def meeting_is_public(user: Any, meeting: Any) -> bool:
    return meeting is not None and meeting.visibility == "public"


@rules.predicate
def meeting_is_announced(user: Any, meeting: Any) -> bool:
    """Published, or already cancelled or finished: a state the public may see."""
    return meeting is not None and meeting.status in VISIBLE_STATUSES


@rules.predicate
def meeting_is_published(user: Any, meeting: Any) -> bool:
    return meeting is not None and meeting.status == "published"


@rules.predicate
def meeting_is_cancelled(user: Any, meeting: Any) -> bool:
    return meeting is not None and meeting.status == "cancelled"


@rules.predicate
def meeting_is_finished(user: Any, meeting: Any) -> bool:
    return meeting is not None and meeting.status == "finished"


# The registration window, from its one declaration (events.windows).
registration_is_open = REGISTRATION.predicate(OPEN, name="registration_is_open")


@rules.predicate
def is_by_invitation_only(user: Any, meeting: Any) -> bool:
    return meeting is not None and meeting.visibility == "invited"


@rules.predicate
def is_invited(user: Any, meeting: Any) -> bool:
    return _is_invited(user, meeting)


@rules.predicate
def is_record_of_public_body(user: Any, meeting: Any) -> bool:
    """A sitting of a public or transparent body: what it is, when, its agenda, public minutes and the acts adopted
    are public information about the body's work (ustawa o dostępie do informacji publicznej), whoever may attend
    it (``may_attend``). A private body's sittings, and a body's other members-only meetings, are not."""
    return (
        meeting is not None
        and meeting.kind == "sitting"
        and meeting.body_id is not None
        and meeting.body.visibility != "private"
    )


@rules.predicate
def is_member_of_meeting_body(user: Any, meeting: Any) -> bool:
    return meeting is not None and meeting.body_id is not None and meeting.body_id in current_body_ids(user)


@rules.predicate
def is_registered(user: Any, meeting: Any) -> bool:
    """Has a registration, confirmed or on the waiting list."""
    return active_registration(user, meeting) is not None


@rules.predicate
def is_confirmed_participant(user: Any, meeting: Any) -> bool:
    registration = active_registration(user, meeting)
    return registration is not None and registration.status == "confirmed"


@rules.predicate
def may_attend(user: Any, meeting: Any) -> bool:
    """The meeting's audience includes the person: everyone, the invited, or the body's members."""
    if meeting is None:
        return False
    if meeting.visibility == "public":
        return True
    if meeting.visibility == "invited":
        return _is_invited(user, meeting)
    return is_member_of_meeting_body(user, meeting) or _is_invited(user, meeting)


@rules.predicate
def is_event_organization_representative(user: Any, meeting: Any) -> bool:
    """Acts for the organization whose event this is."""
    if meeting is None or meeting.organization_id is None or not is_signed_in(user):
        return False
    return is_org_representative(user, meeting.organization)


@rules.predicate
def is_ngo_event(user: Any, meeting: Any) -> bool:
    return meeting is not None and meeting.organizer_kind == "organization"


@rules.predicate
def submission_is_editable(user: Any, meeting: Any) -> bool:
    """An NGO event its organization may still change: awaiting approval, or rejected and to be sent again."""
    return meeting is not None and meeting.status in {"submitted", "rejected"}


@rules.predicate
def is_registrant(user: Any, registration: Any) -> bool:
    return registration is not None and is_signed_in(user) and registration.person_id == user.pk


@rules.predicate
def registration_is_live(user: Any, registration: Any) -> bool:
    """Not cancelled, and the meeting has neither started nor been cancelled or finished."""
    if registration is None or registration.status == "cancelled":
        return False
    meeting = registration.meeting
    return meeting.status == "published" and not meeting.has_started


@rules.predicate
def attended(user: Any, registration: Any) -> bool:
    return registration is not None and registration.checked_in_at is not None


@rules.predicate
def document_is_public(user: Any, document: Any) -> bool:
    return document is not None and document.audience == "public"


@rules.predicate
def is_participant_of_document_meeting(user: Any, document: Any) -> bool:
    if document is None:
        return False
    meeting = document.meeting
    return bool(is_confirmed_participant(user, meeting) or is_member_of_meeting_body(user, meeting))


@rules.predicate
def may_see_document_meeting(user: Any, document: Any) -> bool:
    return document is not None and user.has_perm("events.view_meeting", document.meeting)


@rules.predicate
def event_is_withdrawable(user: Any, meeting: Any) -> bool:
    """Awaiting approval, rejected, or published and not yet started."""
    if meeting is None:
        return False
    if meeting.status in {"submitted", "rejected"}:
        return True
    return meeting.status == "published" and not meeting.has_started
