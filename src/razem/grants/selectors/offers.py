"""Reads of the offer editor, each in a fixed number of queries.

- ``my_offers``: the offers of the organizations a person acts for (as the leading oferent) and those where one of
  them is a partner (invited or confirmed), drafts first, with what the list shows prefetched;
- ``invitations_for``: the invitations into joint offers awaiting an answer from the person's organizations;
- ``offer_detail``: an offer with everything its page, its sections and ``validation.filing_problems`` read;
- ``offers_to_copy``: earlier offers of the organizations a person acts for (the sources of a copy);
- ``partner_candidates``: verified organizations matching a search, to invite into a joint offer.
"""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from razem.grants.models import Offer, OfferPartner
from razem.organizations.models import Membership, Organization
from razem.organizations.models import fold as _fold


def _acting_ids(user: Any) -> QuerySet[Membership, int]:
    """The organizations (any status) the person may act for, as a subquery."""
    return Membership.objects.acting().filter(user=user).values_list("organization_id", flat=True)


def my_offers(*, user: Any) -> QuerySet[Offer]:
    if not getattr(user, "is_authenticated", False):
        return Offer.objects.none()
    acting = _acting_ids(user)
    partnered = OfferPartner.objects.filter(organization__in=acting).exclude(status=OfferPartner.Status.DECLINED)
    return (
        Offer.objects.filter(Q(organization__in=acting) | Q(pk__in=partnered.values("offer_id")))
        .filter(kind=Offer.Kind.COMPETITION)  # small grants (art. 19a) have their own pages
        .select_related("call", "organization", "updated_by")
        .prefetch_related(
            Prefetch("partners", queryset=OfferPartner.objects.select_related("organization")),
            "cost_lines",
            "funding",
        )
        .order_by("status", "-updated_at", "id")
    )


def invitations_for(*, user: Any) -> QuerySet[OfferPartner]:
    if not getattr(user, "is_authenticated", False):
        return OfferPartner.objects.none()
    return (
        OfferPartner.objects.filter(organization__in=_acting_ids(user), status=OfferPartner.Status.INVITED)
        .select_related("offer", "offer__call", "offer__organization", "organization")
        .order_by("-invited_at", "id")
    )


def offer_detail() -> QuerySet[Offer]:
    return (
        Offer.objects.filter(kind=Offer.Kind.COMPETITION)
        .select_related("call", "organization", "created_by", "updated_by", "current_version")
        .prefetch_related(
            Prefetch("partners", queryset=OfferPartner.objects.select_related("organization", "decided_by")),
            "activities",
            "results",
            "cost_lines",
            "funding",
            "attachments",
            "draft_inputs",
            "call__funds",
            "call__required_attachments",
        )
    )


def offer_for_editing() -> QuerySet[Offer]:
    """An offer with what a section's page and its save read (less than the offer's page)."""
    return Offer.objects.select_related("call", "organization").prefetch_related(
        Prefetch("partners", queryset=OfferPartner.objects.select_related("organization")),
        "activities",
    )


def offers_to_copy(*, user: Any) -> QuerySet[Offer]:
    """Every offer (any call, any status) whose leading oferent is a verified organization the person acts for."""
    if not getattr(user, "is_authenticated", False):
        return Offer.objects.none()
    acting = Membership.objects.acting().filter(user=user, organization__status=Organization.Status.VERIFIED)
    return (
        Offer.objects.filter(organization__in=acting.values("organization_id"), kind=Offer.Kind.COMPETITION)
        .select_related("call", "organization")
        .order_by("-updated_at", "id")
    )


def partner_candidates(*, offer: Offer, query: str, limit: int = 20) -> list[Organization]:
    """Verified organizations whose name or KRS number matches ``query``, except the offer's oferents."""
    text = _fold(query.strip())
    if len(text) < 2:
        return []
    taken = {
        offer.organization_id,
        *offer.partners.exclude(status=OfferPartner.Status.DECLINED).values_list("organization_id", flat=True),
    }
    found = Organization.objects.filter(status=Organization.Status.VERIFIED, search_text__contains=text).exclude(
        pk__in=taken
    )
    return list(found.order_by("name", "id")[:limit])


def oferent_people(*offers: Offer) -> QuerySet[Any]:
    """The people told about ``offers``: those acting for each lead oferent and each partner that did not decline
    (the one audience of every message about an offer, its decision, contract and report)."""
    from razem.organizations.selectors import people_acting_for

    ids = {offer.organization_id for offer in offers}
    partners = OfferPartner.objects.filter(offer_id__in=[o.pk for o in offers]).exclude(
        status=OfferPartner.Status.DECLINED
    )
    ids |= set(partners.values_list("organization_id", flat=True))
    return people_acting_for(sorted(ids))
