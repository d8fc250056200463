"""Predicates about contracts, their annexes and the offers they are prepared from, composed in rules.py."""

from typing import Any

import rules

from razem.grants import predicates as grants_predicates


def _contract(obj: Any) -> Any:
    """The contract of ``obj`` (a contract, or an annex of one)."""
    from razem.contracts.models import ContractAnnex

    return obj.contract if isinstance(obj, ContractAnnex) else obj


@rules.predicate
def acts_for_oferent(user: Any, obj: Any) -> bool:
    """May act for the lead oferent or a partner of the offer the contract (or its annex) was made from."""
    contract = _contract(obj)
    if contract is None:
        return False
    offer = contract.offer
    return bool(
        grants_predicates.acts_for_lead.test(user, offer) or grants_predicates.acts_for_partner.test(user, offer)
    )


@rules.predicate
def contract_is_draft(user: Any, contract: Any) -> bool:
    return contract is not None and contract.status == contract.Status.DRAFT


@rules.predicate
def contract_is_signed(user: Any, contract: Any) -> bool:
    return contract is not None and contract.status == contract.Status.SIGNED


@rules.predicate
def contract_not_terminated(user: Any, contract: Any) -> bool:
    return contract is not None and contract.status != contract.Status.TERMINATED


@rules.predicate
def no_annex_prepared(user: Any, contract: Any) -> bool:
    return contract is not None and not contract.annexes.filter(status="prepared").exists()


@rules.predicate
def annex_is_prepared(user: Any, annex: Any) -> bool:
    return annex is not None and annex.status == annex.Status.PREPARED


@rules.predicate
def annex_is_signed(user: Any, annex: Any) -> bool:
    return annex is not None and annex.status == annex.Status.SIGNED


@rules.predicate
def annex_contract_is_signed(user: Any, annex: Any) -> bool:
    return annex is not None and annex.contract.status == annex.contract.Status.SIGNED


# The offer a contract is prepared from ----------------------------------------------------------------------------


def award_of(offer: Any) -> Any:
    try:
        return offer.award
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist: no award (yet)
        return None


@rules.predicate
def offer_not_resigned(user: Any, offer: Any) -> bool:
    if offer is None:
        return False
    award = award_of(offer)
    return offer.status != offer.Status.RESIGNED and not (award is not None and award.update == "resigned")


@rules.predicate
def offer_is_awarded(user: Any, offer: Any) -> bool:
    return offer is not None and offer.status == offer.Status.AWARDED and award_of(offer) is not None


@rules.predicate
def update_not_awaited(user: Any, offer: Any) -> bool:
    award = award_of(offer)
    return award is not None and award.update != "awaited"


@rules.predicate
def offer_has_no_contract(user: Any, offer: Any) -> bool:
    from razem.contracts.models import Contract

    return offer is not None and not Contract.objects.filter(offer_id=offer.pk).exists()
