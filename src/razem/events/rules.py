"""Who may do what with meetings, registrations, documents and NGO events (docs/roles-and-permissions.md)."""

from typing import Any

import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.permissions import add_perm, require
from razem.core.predicates import is_city_staff, is_signed_in
from razem.core.schedule import when
from razem.events.predicates import (
    attended,
    document_is_public,
    event_is_withdrawable,
    is_by_invitation_only,
    is_confirmed_participant,
    is_event_organization_representative,
    is_invited,
    is_ngo_event,
    is_participant_of_document_meeting,
    is_record_of_public_body,
    is_registered,
    is_registrant,
    may_attend,
    may_see_document_meeting,
    meeting_is_announced,
    meeting_is_cancelled,
    meeting_is_finished,
    meeting_is_published,
    registration_is_live,
    registration_is_open,
    submission_is_editable,
)
from razem.events.windows import NONE, NOT_YET, OPEN, REGISTRATION
from razem.organizations.predicates import is_org_representative, org_is_verified

REGISTER = "events.register_meeting"
REFUSED = "refused"  # the code of every refusal to register (the register page shows it instead of the form)

# Seeing a meeting: announced ones by their audience (everyone, the invited, the body's members) and by anyone
# registered; an announced sitting of a public or transparent body by everyone (its page is the public record of
# the sitting: registration and the online link stay with its audience); an NGO event awaiting approval by its
# organization's representatives; everything by city staff. Every link to a meeting goes through this permission
# (``{% meeting_link %}`` in ``events.templatetags.meetings``), so no page links to a meeting its reader cannot open.
rules.add_perm(
    "events.view_meeting",
    (meeting_is_announced & (is_record_of_public_body | may_attend | is_registered))
    | (is_ngo_event & is_event_organization_representative)
    | is_city_staff,
)


def _window_refusal(user: Any, meeting: Any) -> str:
    state = REGISTRATION.current(meeting)
    if state == NONE:
        return _("Registration for this meeting does not run in Razem.")
    if state == NOT_YET:
        return _("Registration opens on %(when)s.") % {"when": when(meeting.registration_opens_at)}
    return _("Registration closed on %(when)s.") % {"when": when(REGISTRATION.end_of(meeting, OPEN))}


def _members_refusal(user: Any, meeting: Any) -> str:
    return _("This meeting is open only to the members of %(body)s.") % {"body": meeting.body}


# Registering: one declaration for the permission (buttons, pages) and the refusal in words (the register service
# and the meeting page). Whether the person is already registered depends on their registration, not on the
# meeting: the service checks it after these (services.registrations.refusal).
add_perm(
    REGISTER,
    require(is_signed_in, gettext_lazy("Sign in to register for this meeting."), code=REFUSED),
    require(
        ~meeting_is_cancelled, gettext_lazy("This meeting has been cancelled, so registration is closed."), code=REFUSED
    ),
    require(~meeting_is_finished, gettext_lazy("This meeting has already taken place."), code=REFUSED),
    require(
        meeting_is_published,
        gettext_lazy("This meeting is not published, so you cannot register for it."),
        code=REFUSED,
    ),
    require(registration_is_open, _window_refusal, code=REFUSED),
    require(~is_by_invitation_only | is_invited, gettext_lazy("This meeting is by invitation only."), code=REFUSED),
    require(may_attend, _members_refusal, code=REFUSED),
)
# The online link and participants-only material: confirmed participants, and staff.
rules.add_perm("events.view_online_link_meeting", is_confirmed_participant | is_city_staff)
rules.add_perm(
    "events.view_document",
    (may_see_document_meeting & document_is_public) | is_participant_of_document_meeting | is_city_staff,
)
rules.add_perm("events.cancel_registration", is_registrant & registration_is_live)
rules.add_perm("events.view_registration", is_registrant | is_city_staff)
rules.add_perm("events.download_certificate_registration", is_registrant & attended)

# The office runs meetings: create, edit, publish, cancel, copy, invite, export, check in, add documents.
rules.add_perm("events.manage_meeting", is_city_staff)
rules.add_perm("events.list_all_meeting", is_city_staff)
rules.add_perm("events.review_meeting", is_city_staff & is_ngo_event)

# NGO events: a representative of a verified organization submits them for promotion (object: the organization)
# and may change them while they await approval or after a rejection, and withdraw them until they start
# (object: the event).
rules.add_perm("events.submit_event_organization", is_org_representative & org_is_verified)
rules.add_perm(
    "events.change_event_meeting", is_ngo_event & is_event_organization_representative & submission_is_editable
)
rules.add_perm(
    "events.withdraw_event_meeting", is_ngo_event & is_event_organization_representative & event_is_withdrawable
)
