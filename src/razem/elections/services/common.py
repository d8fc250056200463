"""What the services of elections share: the electorate's rule, acting for an organization, the window refusals
and the audiences of notices."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core.notifications import notify_many
from razem.core.permissions import ensure
from razem.elections.eligibility import eligible_organizations, ineligibility_reason
from razem.elections.models import Election, Elector
from razem.organizations.models import Organization
from razem.organizations.selectors import people_acting_for

__all__ = [
    "eligible_organizations",
    "ineligibility_reason",
    "require_acting",
    "require_permission",
    "tell_electorate",
]


def require_acting(actor: User, organization: Organization | None) -> Organization:
    """The organization, if the actor acts for it (verified); else a refusal on the field ``organization``."""
    if organization is None or not actor.has_perm("organizations.act_for_organization", organization):
        raise ValidationError(
            {"organization": _("You can act only for a verified organization you represent.")},
            code="not_representative",
        )
    return organization


def require_permission(actor: User, permission: str, election: Election) -> None:
    """The permission's own refusal (``razem.elections.rules``): the window named with its dates, or the vote not
    opened yet; the same words the page gives."""
    ensure(actor, permission, election)


def tell_electorate(election: Election, kind: str) -> None:
    """Tell the people acting for the electorate (frozen) or for the organizations the rule admits (before), in
    the app, after the commit."""
    if election.electorate_frozen_at:
        organizations: Any = Elector.objects.filter(election=election).values("organization_id")
    else:
        organizations = eligible_organizations(election).values("pk")
    notify_many(
        kind=kind,
        audience=people_acting_for(organizations),
        context={"election": election},
        url=election.get_absolute_url(),
        send_email=False,
    )
