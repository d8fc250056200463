"""Who may do what with calls for offers, offers and nominations (docs/roles-and-permissions.md, docs/grants.md).

City staff manage calls and read filed offers; drafts belong to the oferent(s) alone. Every refusal that a person
can meet is worded once here and said alike by the page and by the service (``core.permissions``)."""

from typing import Any

import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.permissions import add_perm, require, why_not
from razem.core.predicates import is_city_staff, is_signed_in
from razem.core.schedule import when
from razem.grants.models import Offer
from razem.grants.predicates import (
    acts_for_invited_partner,
    acts_for_lead,
    acts_for_nominating_organization,
    acts_for_partner,
    acts_for_verified_organization,
    call_accepts_offers,
    call_is_published,
    call_recruits_now,
    lead_is_verified,
    offer_call_accepts_offers,
    offer_is_editable,
    offer_is_filed,
    offer_is_reopened,
    offer_reopening_is_due,
    offer_was_filed,
    partner_may_decide,
)


def _closed(user: Any, obj: Any) -> str:
    from razem.grants.reopening import lapsed_message, reopening

    opened = reopening(obj) if isinstance(obj, Offer) else None
    if opened is not None:
        return lapsed_message(opened)
    call = getattr(obj, "call", obj) if obj is not None else None
    if call is None:
        return _("This offer does not belong to a call.")
    if call.status == call.Status.CANCELLED:
        return _("This call was cancelled.")
    if call.status == call.Status.DRAFT:
        return _("This call has not been published yet.")
    return _("Offers could be filed until %(deadline)s; the deadline has passed.") % {
        "deadline": when(call.submission_deadline)
    }


def _nominations_closed(user: Any, call: Any) -> str:
    if call is not None and not call.recruits_commission:
        return _("This call does not recruit members of the commission.")
    if call is not None and call.nominations_close and call.accepts_offers():
        return _("Nominations closed on %(when)s.") % {"when": when(call.nominations_close)}
    return _closed(user, call)


SIGN_IN = gettext_lazy("Sign in to continue.")
NOT_A_REPRESENTATIVE = gettext_lazy("Only a person who may act for a verified organization can do this.")

# Calls: the public sees published ones; the office prepares, publishes, corrects and cancels them.
rules.add_perm("grants.view_call", call_is_published | is_city_staff)
rules.add_perm("grants.manage_call", is_city_staff)
rules.add_perm("grants.view_call_offers", is_city_staff)
rules.add_perm("grants.view_nominations", is_city_staff)

add_perm(
    "grants.start_offer",
    require(is_signed_in, SIGN_IN),
    require(acts_for_verified_organization, NOT_A_REPRESENTATIVE),
    require(call_accepts_offers, _closed),
)
add_perm(
    "grants.nominate_member",
    require(is_signed_in, SIGN_IN),
    require(acts_for_verified_organization, NOT_A_REPRESENTATIVE),
    require(call_recruits_now, _nominations_closed),
)
add_perm(
    "grants.withdraw_nomination",
    require(acts_for_nominating_organization, gettext_lazy("Only the nominating organization can withdraw it.")),
)

# Offers: the oferent(s) see and edit; the office sees an offer once it has been filed.
rules.add_perm("grants.view_offer", acts_for_lead | acts_for_partner | (is_city_staff & offer_was_filed))
rules.add_perm("grants.view_offer_versions", acts_for_lead | acts_for_partner | (is_city_staff & offer_was_filed))


def _not_editable(user: Any, offer: Any) -> str:
    if offer is not None and offer.status == Offer.Status.WITHDRAWN:
        return _("This offer was withdrawn; start a new one or copy it.")
    return _("This offer is %(status)s; it can no longer be changed.") % {
        "status": offer.get_status_display().lower() if offer is not None else "?"
    }


def _not_fileable(user: Any, offer: Any) -> str:
    if offer is not None and offer.status == Offer.Status.WITHDRAWN:
        return _("This offer was withdrawn; it cannot be filed again.")
    return _not_editable(user, offer)


# Before the deadline a draft or a filed offer changes freely; after it only an offer reopened for a restricted
# change (grants.reopening: a call for corrections, the update after a partial award), until the reopening's due
# date, and only in the sections it names (views/sections.py, services/filing.freeze).
add_perm(
    "grants.edit_offer",
    require(
        acts_for_lead | acts_for_partner, gettext_lazy("Only a person who may act for an oferent can edit this offer.")
    ),
    require(offer_is_editable | offer_is_reopened, _not_editable),
    require(offer_call_accepts_offers | offer_reopening_is_due, _closed),
)
add_perm(
    "grants.invite_partner",
    require(acts_for_lead, gettext_lazy("Only the leading oferent invites partners.")),
    require(offer_is_editable, gettext_lazy("This offer was withdrawn.")),
    require(offer_call_accepts_offers, _closed),
)
add_perm(
    "grants.file_offer",
    require(is_signed_in, SIGN_IN),
    require(acts_for_lead, gettext_lazy("Only a person who may act for the leading oferent can file the offer.")),
    require(lead_is_verified, gettext_lazy("Only a verified organization can file an offer.")),
    require(offer_is_editable | offer_is_reopened, _not_fileable),
    require(offer_call_accepts_offers | offer_reopening_is_due, _closed),
)
add_perm(
    "grants.withdraw_offer",
    require(acts_for_lead, gettext_lazy("Only a person who may act for the leading oferent can withdraw the offer.")),
    require(offer_is_filed, gettext_lazy("Only a filed offer can be withdrawn.")),
    require(offer_call_accepts_offers, _closed),
)
add_perm(
    "grants.decide_partnership",
    require(
        acts_for_invited_partner, gettext_lazy("Only a person who may act for the invited organization can answer.")
    ),
    require(partner_may_decide, gettext_lazy("This offer can no longer be changed.")),
)


@rules.predicate
def _may_edit_offer(user: Any, offer: Any) -> bool:
    return bool(user.has_perm("grants.edit_offer", offer))


@rules.predicate
def _attachments_open(user: Any, offer: Any) -> bool:
    """No reopening, or one that names the attachments (a correction may; the update after an award does not)."""
    from razem.grants.reopening import reopening, section_open

    return reopening(offer) is None or section_open(offer, "zalaczniki")


add_perm(
    "grants.edit_attachments",
    require(_may_edit_offer, lambda user, offer: why_not(user, "grants.edit_offer", offer) or ""),
    require(
        _attachments_open,
        gettext_lazy("The office did not ask to correct the attachments; they cannot change now."),
    ),
)

# The formal check and the decision declare their rules in their own modules.
from razem.grants import rules_checks, rules_results  # noqa: E402, F401
