"""Predicates about calls, offers and nominations, composed into permissions in rules.py."""

from typing import Any

import rules
from django.utils import timezone

from razem.core.predicates import is_signed_in
from razem.organizations.predicates import is_org_representative, org_is_verified


def _acting_org_ids(user: Any) -> set[int]:
    """The ids of the verified organizations the person may act for, cached on the user for the request."""
    if not is_signed_in(user):
        return set()
    if "_razem_grants_orgs" not in user.__dict__:
        from razem.organizations.selectors import organizations_acted_for

        user.__dict__["_razem_grants_orgs"] = set(organizations_acted_for(user=user).values_list("pk", flat=True))
    return user.__dict__["_razem_grants_orgs"]


@rules.predicate
def acts_for_verified_organization(user: Any) -> bool:
    return bool(_acting_org_ids(user))


@rules.predicate
def call_is_published(user: Any, call: Any) -> bool:
    return call is not None and call.status != call.Status.DRAFT


@rules.predicate
def call_accepts_offers(user: Any, call: Any) -> bool:
    """Published, not cancelled, and the server clock (to the second) not past the deadline."""
    return call is not None and call.accepts_offers()


@rules.predicate
def call_recruits_now(user: Any, call: Any) -> bool:
    if call is None or not call.recruits_commission or not call.accepts_offers():
        return False
    return call.nominations_close is None or timezone.now() <= call.nominations_close


@rules.predicate
def offer_call_accepts_offers(user: Any, offer: Any) -> bool:
    return offer is not None and offer.call is not None and offer.call.accepts_offers()


@rules.predicate
def offer_is_reopened(user: Any, offer: Any) -> bool:
    """Reopened after the deadline for a restricted change (``grants.reopening``), due or not."""
    from razem.grants.reopening import reopening

    return offer is not None and reopening(offer) is not None


@rules.predicate
def offer_reopening_is_due(user: Any, offer: Any) -> bool:
    """Reopened, and the change may still be filed today (``due`` inclusive, Europe/Warsaw)."""
    from razem.grants.reopening import is_due, reopening

    return offer is not None and is_due(reopening(offer))


@rules.predicate
def acts_for_lead(user: Any, offer: Any) -> bool:
    return offer is not None and is_org_representative(user, offer.organization)


@rules.predicate
def lead_is_verified(user: Any, offer: Any) -> bool:
    return offer is not None and org_is_verified(user, offer.organization)


def _partner_org_ids(offer: Any) -> set[int]:
    cache = offer.__dict__.setdefault("_razem_partner_ids", None)
    if cache is None:
        cache = {p.organization_id for p in offer.partners.all() if p.status != p.Status.DECLINED}
        offer.__dict__["_razem_partner_ids"] = cache
    return cache


@rules.predicate
def acts_for_partner(user: Any, offer: Any) -> bool:
    """May act for an invited or confirmed partner of a joint offer."""
    if offer is None or not is_signed_in(user):
        return False
    from razem.organizations.models import Membership

    partner_ids = _partner_org_ids(offer)
    return bool(partner_ids) and Membership.objects.acting().filter(user=user, organization_id__in=partner_ids).exists()


@rules.predicate
def offer_is_draft(user: Any, offer: Any) -> bool:
    return offer is not None and offer.status == offer.Status.DRAFT


@rules.predicate
def offer_is_editable(user: Any, offer: Any) -> bool:
    """A draft, or a filed offer being corrected into a new version before the deadline."""
    return offer is not None and offer.status in {offer.Status.DRAFT, offer.Status.FILED}


@rules.predicate
def offer_is_filed(user: Any, offer: Any) -> bool:
    return offer is not None and offer.status == offer.Status.FILED


@rules.predicate
def offer_was_filed(user: Any, offer: Any) -> bool:
    """Filed at least once (the office sees an offer from its first filing on, withdrawn ones too)."""
    return offer is not None and offer.current_version_id is not None


@rules.predicate
def acts_for_invited_partner(user: Any, partner: Any) -> bool:
    return partner is not None and is_org_representative(user, partner.organization)


@rules.predicate
def partner_may_decide(user: Any, partner: Any) -> bool:
    """Before the deadline; after it only while the offer is reopened and due (a correction of the budget asks the
    partners to confirm again)."""
    if partner is None:
        return False
    offer = partner.offer
    if offer.status in {"draft", "filed"} and offer.call.accepts_offers():
        return True
    from razem.grants.reopening import is_due, reopening

    return is_due(reopening(offer))


@rules.predicate
def acts_for_nominating_organization(user: Any, nomination: Any) -> bool:
    return nomination is not None and is_org_representative(user, nomination.organization)
