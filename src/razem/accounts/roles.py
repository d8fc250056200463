"""The roles a person holds, as the account page names them ("Urzędniczka (Wydział …)", "Członkini KRDPP",
"Przedstawiciel organizacji: Fundacja X"): each app registers its part in ``razem.core.registry.person_roles``
(``<app>/roles.py``); the account's own, the office staff and the administrators, are here."""

from typing import Any

from django.conf import settings
from django.utils.translation import pgettext

from razem.accounts.models import User
from razem.core import registry
from razem.core.gender import gendered


def staff_roles(user: Any) -> list[str]:
    """The person's role in the city office (no query)."""
    if not getattr(user, "is_active", False):
        return []
    if user.role == User.Role.ADMINISTRATOR:
        return [
            gendered(
                user,
                pgettext("feminine", "Administrator of the platform"),
                pgettext("masculine", "Administrator of the platform"),
                pgettext("neutral", "Administrator of the platform"),
            )
        ]
    if user.role == User.Role.OFFICER:
        office = settings.RAZEM_OFFICE.get("unit") or settings.RAZEM_OFFICE.get("name", "")
        return [
            gendered(
                user,
                pgettext("feminine", "City officer (%(office)s)"),
                pgettext("masculine", "City officer (%(office)s)"),
                pgettext("neutral", "City officer (%(office)s)"),
            )
            % {"office": office}
        ]
    return []


def person_roles(user: Any) -> list[str]:
    """Every role the person holds, in the order the apps registered (one query per app at most)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [str(role) for entry in registry.person_roles for role in entry.roles(user)]
