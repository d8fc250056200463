"""Who may do what with dialogue bodies (docs/roles-and-permissions.md)."""

import rules
from django.utils.translation import gettext_lazy

from razem.bodies.predicates import (
    acts_for_application_organization,
    body_is_transparent,
    body_is_visible,
    body_takes_applications,
    is_body_chair,
    is_body_member,
    is_body_officer,
    is_chair_of_application_body,
)
from razem.core.permissions import add_perm, require
from razem.core.predicates import is_city_staff, is_signed_in

rules.add_perm("bodies.view_body", body_is_visible | is_body_member | is_city_staff)
rules.add_perm("bodies.view_workspace_body", is_body_member | is_city_staff | body_is_transparent)
rules.add_perm("bodies.post_workspace_body", is_body_officer | is_city_staff)
rules.add_perm("bodies.record_act_body", is_body_officer | is_city_staff)
rules.add_perm(
    "bodies.apply_body", is_signed_in & body_takes_applications & (body_is_visible | is_body_member | is_city_staff)
)
rules.add_perm("bodies.decide_application_body", is_body_chair | is_city_staff)
# The same, on an application (the object the workflow in ``services.applications`` checks).
rules.add_perm("bodies.decide_application", is_chair_of_application_body | is_city_staff)
rules.add_perm("bodies.withdraw_application", acts_for_application_organization)
rules.add_perm("bodies.manage_body", is_city_staff)
rules.add_perm("bodies.list_all_body", is_city_staff)

# Attendance at sittings and the list of members to dismiss for absences (art. 41g ust. 2 pkt 5): the office
# records absences after a sitting, keeps the list and ends the membership when the member is dismissed.
add_perm(
    "bodies.record_attendance_body",
    require(is_city_staff, gettext_lazy("Only the city office records the members' attendance at sittings.")),
)
add_perm(
    "bodies.dismiss_member_body",
    require(is_city_staff, gettext_lazy("Only the city office keeps the list of members to dismiss.")),
)
