"""Who may do what with recommendations (docs/roles-and-permissions.md)."""

import rules

from razem.core.predicates import is_city_staff, is_signed_in
from razem.recommendations.predicates import is_source_body_officer, source_is_visible

rules.add_perm("recommendations.view_recommendation", source_is_visible | is_city_staff)
rules.add_perm("recommendations.follow_recommendation", is_signed_in & source_is_visible)
# Recording a recommendation (object: the source body, or None for other sources): the office, or the body's
# chair, vice-chair or secretary for the body's own recommendations.
rules.add_perm("recommendations.submit_recommendation", is_city_staff | is_source_body_officer)
# Answers, statuses and progress are the city's: the office records them.
rules.add_perm("recommendations.manage_recommendation", is_city_staff)
rules.add_perm("recommendations.list_all_recommendation", is_city_staff)
