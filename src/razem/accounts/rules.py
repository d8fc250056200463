import rules

from razem.core.predicates import is_administrator, is_self

rules.add_perm("accounts.change_user", is_self)
rules.add_perm("accounts.export_user", is_self)
rules.add_perm("accounts.delete_user", is_self)
rules.add_perm("accounts.change_role_user", is_administrator & ~is_self)
