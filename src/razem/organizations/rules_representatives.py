"""Who sees and records the people entitled to represent an organization (its signatories) and its rule."""

import rules

from razem.core.predicates import is_city_staff
from razem.organizations.predicates import is_org_admin, is_org_member, org_is_open

# Its members see who signs for it (choosing signatories for an offer); its administrators and the office record them.
rules.add_perm("organizations.view_representatives_organization", is_org_member | is_city_staff)
rules.add_perm("organizations.manage_representatives_organization", (is_org_admin & org_is_open) | is_city_staff)
