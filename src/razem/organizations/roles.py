"""A person's role in an organization as it names them (``core.gender``): "Przedstawicielka" / "Przedstawiciel" /
"Osoba reprezentująca", and the roles the account page lists ("Przedstawicielka organizacji: Fundacja Pod
Wawelem", the organization's name set off after the noun in the genitive)."""

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from razem.core.gender import gendered
from razem.organizations.models import Membership

Role = Membership.Role

# (feminine, masculine, neutral): the role in the members table of one organization.
ROLE_LABELS: dict[str, tuple[Promise, Promise, Promise]] = {
    Role.ADMIN: (
        pgettext_lazy("feminine", "Organization administrator"),
        pgettext_lazy("masculine", "Organization administrator"),
        pgettext_lazy("neutral", "Organization administrator"),
    ),
    Role.REPRESENTATIVE: (
        pgettext_lazy("feminine", "Representative"),
        pgettext_lazy("masculine", "Representative"),
        pgettext_lazy("neutral", "Representative"),
    ),
    Role.MEMBER: (
        pgettext_lazy("feminine", "Member"),
        pgettext_lazy("masculine", "Member"),
        pgettext_lazy("neutral", "Member"),
    ),
}

# The same with the organization's name, for the account page.
ROLE_WITH_ORGANIZATION: dict[str, tuple[Promise, Promise, Promise]] = {
    Role.ADMIN: (
        pgettext_lazy("feminine", "Administrator of the organization: %(organization)s"),
        pgettext_lazy("masculine", "Administrator of the organization: %(organization)s"),
        pgettext_lazy("neutral", "Administrator of the organization: %(organization)s"),
    ),
    Role.REPRESENTATIVE: (
        pgettext_lazy("feminine", "Representative of the organization: %(organization)s"),
        pgettext_lazy("masculine", "Representative of the organization: %(organization)s"),
        pgettext_lazy("neutral", "Representative of the organization: %(organization)s"),
    ),
    Role.MEMBER: (
        pgettext_lazy("feminine", "Member of the organization: %(organization)s"),
        pgettext_lazy("masculine", "Member of the organization: %(organization)s"),
        pgettext_lazy("neutral", "Member of the organization: %(organization)s"),
    ),
}

ROLE_ORDER: list[str] = [Role.ADMIN, Role.REPRESENTATIVE, Role.MEMBER]


def role_label(role: str, person: Any) -> str:
    forms = ROLE_LABELS.get(role)
    if forms is None:
        return str(dict(Role.choices).get(role, role))
    return str(gendered(person, *forms))


def membership_role_label(membership: Membership) -> str:
    return role_label(membership.role, membership.user)


def person_roles(user: Any) -> list[str]:
    """The person's roles in the organizations they belong to (one query), administrators first."""
    if not getattr(user, "is_authenticated", False):
        return []
    memberships = list(Membership.objects.active().filter(user=user).select_related("organization"))
    memberships.sort(key=lambda m: (ROLE_ORDER.index(m.role) if m.role in ROLE_ORDER else 99, m.organization.name))
    return [
        str(gendered(user, *ROLE_WITH_ORGANIZATION[m.role])) % {"organization": m.organization.name}
        for m in memberships
        if m.role in ROLE_WITH_ORGANIZATION
    ]
