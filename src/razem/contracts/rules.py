"""Who may do what with contracts and their annexes (docs/contracts.md).

The city's office (city staff) prepares, edits, numbers, signs and terminates contracts and their annexes; the
people acting for the lead oferent or a partner of the offer read them (with the PDFs and the scans). Every refusal
a person can meet is worded once here and said alike by the page and by the service (``core.permissions``)."""

from typing import Any

import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.contracts.predicates import (
    acts_for_oferent,
    annex_contract_is_signed,
    annex_is_prepared,
    annex_is_signed,
    award_of,
    contract_is_draft,
    contract_is_signed,
    contract_not_terminated,
    no_annex_prepared,
    offer_has_no_contract,
    offer_is_awarded,
    offer_not_resigned,
    update_not_awaited,
)
from razem.core.permissions import add_perm, require
from razem.core.predicates import is_city_staff

OFFICE_ONLY = gettext_lazy("Only the city's office prepares and signs contracts.")
NOT_DECIDED = gettext_lazy("The grant has not been decided yet; the contract is prepared after the decision.")
NOT_AWARDED = gettext_lazy("This offer was not awarded a grant; there is no contract to prepare.")
RESIGNED = gettext_lazy("The oferent resigned from the grant; no contract is prepared.")


def _not_decided(user: Any, offer: Any) -> str:
    if offer is not None and offer.status in {"not_awarded", "rejected", "withdrawn"}:
        return str(NOT_AWARDED)
    return str(NOT_DECIDED)


def _update_awaited(user: Any, offer: Any) -> str:
    award = award_of(offer)
    if award is not None and award.update_due:
        return _(
            "The oferent was awarded less than requested and is updating the offer (due %(due)s); the contract is "
            "prepared once the update is filed."
        ) % {"due": award.update_due.strftime("%d.%m.%Y")}
    return _(
        "The oferent was awarded less than requested and is updating the offer; the contract is prepared once the "
        "update is filed."
    )


def _has_contract(user: Any, offer: Any) -> str:
    contract = getattr(offer, "contract", None)
    return _("This offer already has a contract (%(number)s).") % {
        "number": (contract.number if contract is not None else "") or _("in preparation")
    }


def _not_draft(user: Any, contract: Any) -> str:
    if contract is not None and contract.status == contract.Status.TERMINATED:
        return _("This contract was terminated.")
    return _("This contract is signed; it changes only by an annex.")


def _not_signed(user: Any, contract: Any) -> str:
    if contract is not None and contract.status == contract.Status.TERMINATED:
        return _("This contract was terminated.")
    return _("Record the signing of the contract first.")


def _annex_pending(user: Any, contract: Any) -> str:
    annex = contract.annexes.filter(status="prepared").order_by("number").first() if contract is not None else None
    return _("Annex no. %(number)s is prepared and not signed yet: sign it or change it first.") % {
        "number": annex.number if annex is not None else "?"
    }


def _annex_signed(user: Any, annex: Any) -> str:
    return _("Annex no. %(number)s is signed; a further change needs a new annex.") % {
        "number": annex.number if annex is not None else "?"
    }


def _annex_contract(user: Any, annex: Any) -> str:
    return _not_signed(user, annex.contract if annex is not None else None)


# Seeing: the office, and the people acting for an oferent of the offer.
rules.add_perm("contracts.view_contract", is_city_staff | acts_for_oferent)
rules.add_perm("contracts.view_annex", is_city_staff | acts_for_oferent)
# The office's list of contracts and its pages.
add_perm("contracts.manage_contract", require(is_city_staff, OFFICE_ONLY))

add_perm(
    "contracts.prepare_contract",  # on the offer
    require(is_city_staff, OFFICE_ONLY),
    require(offer_not_resigned, RESIGNED),
    require(offer_is_awarded, _not_decided),
    require(update_not_awaited, _update_awaited),
    require(offer_has_no_contract, _has_contract),
)
add_perm("contracts.edit_contract", require(is_city_staff, OFFICE_ONLY), require(contract_is_draft, _not_draft))
add_perm("contracts.sign_contract", require(is_city_staff, OFFICE_ONLY), require(contract_is_draft, _not_draft))
add_perm("contracts.attach_scan", require(is_city_staff, OFFICE_ONLY), require(contract_is_signed, _not_signed))
add_perm(
    "contracts.terminate_contract",
    require(is_city_staff, OFFICE_ONLY),
    require(contract_not_terminated, gettext_lazy("This contract was terminated.")),
)
add_perm(
    "contracts.prepare_annex",
    require(is_city_staff, OFFICE_ONLY),
    require(contract_is_signed, _not_signed),
    require(no_annex_prepared, _annex_pending),
)
add_perm(
    "contracts.edit_annex",
    require(is_city_staff, OFFICE_ONLY),
    require(annex_is_prepared, _annex_signed),
    require(annex_contract_is_signed, _annex_contract),
)
add_perm(
    "contracts.sign_annex",
    require(is_city_staff, OFFICE_ONLY),
    require(annex_is_prepared, _annex_signed),
    require(annex_contract_is_signed, _annex_contract),
)
add_perm(
    "contracts.attach_annex_scan",
    require(is_city_staff, OFFICE_ONLY),
    require(annex_is_signed, gettext_lazy("Record the signing of the annex first.")),
)
