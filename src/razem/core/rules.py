import rules

from razem.core.predicates import is_city_staff, is_recipient, is_signed_in

rules.add_perm("core.view_panel", is_city_staff)
rules.add_perm("core.view_logentry", is_city_staff)
rules.add_perm("core.view_outboxemail", is_city_staff)
rules.add_perm("core.list_notification", is_signed_in)
rules.add_perm("core.change_notification", is_recipient)
