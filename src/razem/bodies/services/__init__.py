"""Every write about dialogue bodies, by topic: the body and its terms (``bodies_terms``), seats (``members``),
organizations' applications (``applications``, on ``core.workflow``), acts (``acts``), requests for opinions
(``requests``), the members' workspace (``workspace``) and attendance at sittings with the dismissal for absences
(``attendance``). The public names are re-exported here, so callers write
``from razem.bodies import services; services.membership_add(...)``."""

from razem.bodies.services.acts import ACT_FIELDS, act_record
from razem.bodies.services.applications import (
    APPLICATION_FLOW,
    application_decide,
    application_submit,
    application_withdraw,
)
from razem.bodies.services.attendance import (
    Entry,
    dismissal_reason,
    membership_dismiss_for_absences,
    sitting_attendance_record,
)
from razem.bodies.services.bodies_terms import BODY_FIELDS, body_save, current_term, term_create, term_update
from razem.bodies.services.members import MEMBERSHIP_FIELDS, membership_add, membership_end, validate_membership
from razem.bodies.services.requests import OPINION_DAYS, opinion_request_create, opinion_requests_lapse
from razem.bodies.services.workspace import post_create, post_delete

__all__ = [
    "ACT_FIELDS",
    "APPLICATION_FLOW",
    "BODY_FIELDS",
    "Entry",
    "MEMBERSHIP_FIELDS",
    "OPINION_DAYS",
    "act_record",
    "application_decide",
    "application_submit",
    "application_withdraw",
    "body_save",
    "current_term",
    "dismissal_reason",
    "membership_add",
    "membership_dismiss_for_absences",
    "membership_end",
    "opinion_request_create",
    "opinion_requests_lapse",
    "post_create",
    "post_delete",
    "sitting_attendance_record",
    "term_create",
    "term_update",
    "validate_membership",
]
