import rules

from razem.core.predicates import is_city_staff, is_signed_in
from razem.organizations.predicates import (
    has_any_membership,
    has_pending_request,
    is_org_admin,
    is_org_member,
    is_org_representative,
    org_is_open,
    org_is_verified,
)

# Seeing an organization: verified ones are public; its own people and city staff see it in any status.
rules.add_perm("organizations.view_organization", org_is_verified | is_org_member | is_city_staff)
rules.add_perm("organizations.register_organization", is_signed_in)
rules.add_perm("organizations.change_organization", (is_org_admin & org_is_open) | is_city_staff)
rules.add_perm("organizations.view_members_organization", is_org_member | is_city_staff)
rules.add_perm("organizations.manage_members_organization", is_org_admin & org_is_open)
rules.add_perm("organizations.invite_organization", is_org_admin & org_is_open)
rules.add_perm("organizations.join_organization", is_signed_in & org_is_verified & ~has_any_membership)
rules.add_perm("organizations.leave_organization", is_org_member)
rules.add_perm("organizations.withdraw_request_organization", has_pending_request)
rules.add_perm("organizations.act_for_organization", is_org_representative & org_is_verified)
rules.add_perm("organizations.verify_organization", is_city_staff)
rules.add_perm("organizations.list_all_organization", is_city_staff)
rules.add_perm("organizations.import_organization", is_city_staff)
# The public directory exports public fields of verified organizations to anyone.
rules.add_perm("organizations.export_organization", rules.always_allow)
from razem.organizations import rules_representatives  # noqa: E402,F401  (the signatories page)
