"""Who may do what with meetings, registrations, documents and NGO events (docs/roles-and-permissions.md)."""

import rules

from razem.core.predicates import is_city_staff, is_signed_in
from razem.events.predicates import (
    attended,
    document_is_public,
    event_is_withdrawable,
    is_confirmed_participant,
    is_event_organization_representative,
    is_ngo_event,
    is_participant_of_document_meeting,
    is_registered,
    is_registrant,
    may_attend,
    may_see_document_meeting,
    meeting_is_announced,
    meeting_is_published,
    registration_is_live,
    registration_is_open,
    submission_is_editable,
)
from razem.organizations.predicates import is_org_representative, org_is_verified

# Seeing a meeting: announced ones by their audience (everyone, the invited, the body's members) and by anyone
# registered; an NGO event awaiting approval by its organization's representatives; everything by city staff.
rules.add_perm(
    "events.view_meeting",
    (meeting_is_announced & (may_attend | is_registered))
    | (is_ngo_event & is_event_organization_representative)
    | is_city_staff,
)
rules.add_perm("events.register_meeting", is_signed_in & meeting_is_published & registration_is_open & may_attend)
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
