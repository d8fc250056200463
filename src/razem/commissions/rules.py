"""Who may do what in the competition commission (art. 15 ust. 2a–2f u.d.p.p.w., art. 24 KPA).

The office appoints the commission, sees the ranking, sets the proposed amounts and adopts the opinion. A member
signs the declaration of impartiality before seeing any offer; a member who declared a conflict with an offer can
neither open it, nor score it, nor see its scores; a nominee excluded under art. 15 ust. 2d can do nothing. Every
refusal is worded once here and said alike by the page and by the service (``core.permissions``)."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.commissions.predicates import (
    call_is_running,
    call_of,
    deadline_passed,
    declared_on_offer,
    has_signed,
    has_undeclared_offers,
    is_member,
    is_not_excluded,
    not_conflicted,
    offer_is_ranked,
    opinion_of,
    opinion_open,
    seat,
)
from razem.core.permissions import add_perm, require
from razem.core.predicates import is_city_staff, is_signed_in
from razem.core.schedule import when

SIGN_IN = gettext_lazy("Sign in to continue.")
OFFICE_ONLY = gettext_lazy("Only the city office can do this.")
NOT_A_MEMBER = gettext_lazy("You are not a member of the competition commission of this call.")
NOT_SIGNED = gettext_lazy(
    "Sign the declaration of impartiality for this call first: until then you cannot see the offers."
)
NOT_DECLARED = gettext_lazy(
    "This offer was admitted after you signed your declaration: complete the declaration for it first."
)
CONFLICT = gettext_lazy(
    "You declared a conflict of interest with this offer (art. 24 KPA): you cannot open it, score it or see its scores."
)
NOT_RANKED = gettext_lazy(
    "The commission does not evaluate this offer: it has not been admitted after the formal check."
)
NOT_RUNNING = gettext_lazy("The call is not published or was cancelled: it has no commission.")
BEFORE_DEADLINE = gettext_lazy("The commission evaluates the offers only after the deadline for offers.")
NOTHING_TO_DECLARE = gettext_lazy("There is no admitted offer to declare on: you have declared on every one so far.")


def excluded(user: Any, obj: Any) -> str:
    member = seat(user, obj)
    reason = member.exclusion_reason if member is not None else ""
    return _("You are excluded from the commission: %(reason)s") % {"reason": reason}


def adopted(user: Any, obj: Any) -> str:
    opinion = opinion_of(call_of(obj))
    if opinion is None or opinion.adopted_at is None:  # pragma: no cover - only said when adopted
        return ""
    return _("The commission adopted its opinion on %(when)s; nothing in it can be changed any more.") % {
        "when": when(opinion.adopted_at)
    }


# The office.
add_perm(
    "commissions.appoint",
    require(is_city_staff, OFFICE_ONLY),
    require(call_is_running, NOT_RUNNING),
    require(opinion_open, adopted),
)
add_perm("commissions.view_ranking", require(is_city_staff, OFFICE_ONLY))
add_perm(
    "commissions.prepare_opinion",
    require(is_city_staff, OFFICE_ONLY),
    require(call_is_running, NOT_RUNNING),
    require(opinion_open, adopted),
)
add_perm(
    "commissions.adopt_opinion",
    require(is_city_staff, OFFICE_ONLY),
    require(call_is_running, NOT_RUNNING),
    require(opinion_open, adopted),
    require(deadline_passed, BEFORE_DEADLINE),
)

# A member (obj: the call).
add_perm(
    "commissions.act_as_member",
    require(is_signed_in, SIGN_IN),
    require(is_member, NOT_A_MEMBER),
    require(is_not_excluded, excluded),
)
add_perm(
    "commissions.sign_declaration",
    require(is_signed_in, SIGN_IN),
    require(is_member, NOT_A_MEMBER),
    require(is_not_excluded, excluded),
    require(opinion_open, adopted),
    require(deadline_passed, BEFORE_DEADLINE),
    require(has_undeclared_offers, NOTHING_TO_DECLARE),
)

# A member and one offer (obj: the offer).
_MEMBER_OFFER = (
    require(is_signed_in, SIGN_IN),
    require(is_member, NOT_A_MEMBER),
    require(is_not_excluded, excluded),
    require(offer_is_ranked, NOT_RANKED),
    require(has_signed, NOT_SIGNED),
    require(declared_on_offer, NOT_DECLARED),
    require(not_conflicted, CONFLICT),
)
add_perm("commissions.view_offer", *_MEMBER_OFFER)
add_perm("commissions.score_offer", *_MEMBER_OFFER, require(opinion_open, adopted))
# The scores of an offer: a member who may open it, or the office's staff who do not sit on the commission (an
# officer who sits on it follows the members' rules: declaration signed, no conflict).
add_perm("commissions.view_scores", *_MEMBER_OFFER, alternatively=is_city_staff & ~is_member & offer_is_ranked)
