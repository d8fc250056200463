"""Predicates about reports, contracts and settlements, composed into permissions in rules.py.

Each takes a report, a contract or a settlement: the contract is found from either (``contract_of``)."""

from typing import Any

import rules

from razem.core.predicates import is_signed_in
from razem.organizations.predicates import is_org_representative


def contract_of(obj: Any) -> Any:
    """The contract of a report or a settlement, or the contract itself."""
    if obj is None:
        return None
    return getattr(obj, "contract", obj)


def _partner_ids(contract: Any) -> set[int]:
    """The confirmed partners of the contract's (joint) offer, cached on the contract for the request."""
    cache = contract.__dict__.get("_razem_report_partners")
    if cache is None:
        from razem.grants.models import OfferPartner

        cache = set(
            OfferPartner.objects.filter(offer_id=contract.offer_id, status=OfferPartner.Status.CONFIRMED).values_list(
                "organization_id", flat=True
            )
        )
        contract.__dict__["_razem_report_partners"] = cache
    return cache


@rules.predicate
def acts_for_lead(user: Any, obj: Any) -> bool:
    """May act for the leading oferent of the contract (its administrators and representatives)."""
    contract = contract_of(obj)
    return contract is not None and is_org_representative(user, contract.offer.organization)


@rules.predicate
def acts_for_partner(user: Any, obj: Any) -> bool:
    """May act for a partner of the joint offer the contract was made on."""
    contract = contract_of(obj)
    if contract is None or not is_signed_in(user):
        return False
    from razem.organizations.models import Membership

    partners = _partner_ids(contract)
    return bool(partners) and Membership.objects.acting().filter(user=user, organization_id__in=partners).exists()


@rules.predicate
def contract_is_signed(user: Any, obj: Any) -> bool:
    contract = contract_of(obj)
    return contract is not None and contract.status == "signed"


@rules.predicate
def report_is_editable(user: Any, report: Any) -> bool:
    return report is not None and report.status in report.EDITABLE


@rules.predicate
def report_is_filed(user: Any, report: Any) -> bool:
    return report is not None and report.status == report.Status.FILED


@rules.predicate
def has_no_final_report(user: Any, contract: Any) -> bool:
    if contract is None:
        return False
    from razem.reports.models import Report

    return not Report.objects.filter(contract=contract, kind=Report.Kind.FINAL).exists()


@rules.predicate
def return_outstanding(user: Any, settlement: Any) -> bool:
    return settlement is not None and not settlement.is_settled
