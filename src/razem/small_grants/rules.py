"""Who may do what with small-grant offers (art. 19a; docs/small-grants.md).

The people acting for the oferent prepare, file and withdraw the offer and follow it; the office sees it once filed,
publishes it, moderates the comments and decides; anyone (signed in or not) reads a published offer and comments on
it within the comment period. Every refusal is worded once here and said alike by the page and the service."""

from typing import Any

import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.permissions import add_perm, require
from razem.core.predicates import is_city_staff, is_signed_in
from razem.core.schedule import when
from razem.grants.predicates import acts_for_lead, acts_for_verified_organization, lead_is_verified
from razem.small_grants.predicates import (
    comment_is_shown,
    comments_open,
    comments_over,
    is_draft,
    is_filed,
    is_public,
    is_published,
    is_small_grant,
    is_undecided,
    was_filed,
)

SIGN_IN = gettext_lazy("Sign in to continue.")
NOT_A_REPRESENTATIVE = gettext_lazy("Only a person who may act for a verified organization can do this.")
NOT_A_SMALL_GRANT = gettext_lazy("This is not an offer for a small grant.")
ONLY_STAFF = gettext_lazy("Only the city's officers can do this.")


def _comments_closed(user: Any, offer: Any) -> str:
    small_grant = getattr(offer, "small_grant", None)
    if small_grant is None or small_grant.published_on is None:
        return _("This offer has not been published for comments.")
    if offer.status != "published":
        return _("The office has decided on this offer; comments are closed.")
    return _("Comments could be made until %(date)s; the comment period has ended.") % {
        "date": when(small_grant.comments_until)
    }


def _not_over(user: Any, offer: Any) -> str:
    small_grant = getattr(offer, "small_grant", None)
    until = small_grant.comments_until if small_grant is not None else None
    return _("The comment period ends on %(date)s; the office decides after it, once it has read the comments.") % {
        "date": when(until)
    }


def _not_published(user: Any, offer: Any) -> str:
    return _("Only an offer published for comments can be decided (this one: %(status)s).") % {
        "status": offer.get_status_display().lower() if offer is not None else "…"
    }


# The oferent's side.
add_perm(
    "small_grants.start_offer",
    require(is_signed_in, SIGN_IN),
    require(acts_for_verified_organization, NOT_A_REPRESENTATIVE),
)
rules.add_perm("small_grants.view_offer", is_small_grant & (acts_for_lead | (is_city_staff & was_filed)))
add_perm(
    "small_grants.edit_offer",
    require(is_small_grant, NOT_A_SMALL_GRANT),
    require(acts_for_lead, gettext_lazy("Only a person who may act for the oferent can edit this offer.")),
    require(is_draft, gettext_lazy("This offer has been filed; it can no longer be changed.")),
)
add_perm(
    "small_grants.file_offer",
    require(is_signed_in, SIGN_IN),
    require(is_small_grant, NOT_A_SMALL_GRANT),
    require(acts_for_lead, gettext_lazy("Only a person who may act for the oferent can file the offer.")),
    require(lead_is_verified, gettext_lazy("Only a verified organization can file an offer.")),
    require(is_draft, gettext_lazy("This offer has already been filed.")),
)
add_perm(
    "small_grants.withdraw_offer",
    require(is_small_grant, NOT_A_SMALL_GRANT),
    require(acts_for_lead, gettext_lazy("Only a person who may act for the oferent can withdraw the offer.")),
    require(is_undecided, gettext_lazy("Only an offer filed and not yet decided can be withdrawn.")),
)

# The public.
rules.add_perm("small_grants.view_public", is_small_grant & is_public)
add_perm(
    "small_grants.comment_offer",
    require(is_small_grant, NOT_A_SMALL_GRANT),
    require(comments_open, _comments_closed),
)

# The office.
rules.add_perm("small_grants.view_office", is_city_staff)
rules.add_perm("small_grants.manage_plans", is_city_staff)
add_perm(
    "small_grants.publish_offer",
    require(is_city_staff, ONLY_STAFF),
    require(is_small_grant, NOT_A_SMALL_GRANT),
    require(is_filed, gettext_lazy("Only a filed offer waiting for publication can be published.")),
)
add_perm(
    "small_grants.decide_offer",
    require(is_city_staff, ONLY_STAFF),
    require(is_small_grant, NOT_A_SMALL_GRANT),
    require(is_published, _not_published),
    require(comments_over, _not_over),
)
add_perm(
    "small_grants.hide_comment",
    require(is_city_staff, ONLY_STAFF),
    require(comment_is_shown, gettext_lazy("This comment is already hidden.")),
)
