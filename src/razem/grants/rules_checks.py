"""Who may do what in the formal check of offers (grants II).

- ``grants.view_checks``: the office reads the formal check of a call (its list, an offer's checklist);
- ``grants.check_offer`` (an offer): city staff, once the call's deadline has passed (before it the oferent may still
  correct or withdraw the offer itself): record findings, admit, call for corrections, reject formally;
- ``grants.manage_check_items`` (a call): city staff edit the call's checklist until the formal check of its first
  offer has ended (an offer admitted or rejected was checked against the checklist as it was).

Filing a correction is ``grants.file_offer`` (grants/rules.py): allowed to the leading oferent while the offer is
reopened and the correction is due (``grants.reopening``)."""

from typing import Any

import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.permissions import add_perm, require
from razem.core.predicates import is_city_staff
from razem.core.schedule import when

ONLY_OFFICE = gettext_lazy("Only the city office checks offers formally.")


@rules.predicate
def offer_call_closed(user: Any, offer: Any) -> bool:
    """The call's deadline for offers has passed (by the server's clock) and the call was not cancelled."""
    call = getattr(offer, "call", None)
    return (
        call is not None and call.status not in {call.Status.DRAFT, call.Status.CANCELLED} and not call.accepts_offers()
    )


def _before_deadline(user: Any, offer: Any) -> str:
    call = getattr(offer, "call", None)
    if call is None:
        return _("This offer does not belong to a call.")
    if call.status == call.Status.CANCELLED:
        return _("This call was cancelled.")
    return _(
        "The formal check begins after the deadline for offers, %(deadline)s; until then the oferent may still "
        "correct or withdraw the offer."
    ) % {"deadline": when(call.submission_deadline)}


@rules.predicate
def checklist_is_open(user: Any, call: Any) -> bool:
    """No offer of the call has been admitted or rejected formally yet."""
    if call is None or call.status == call.Status.CANCELLED:
        return False
    from razem.grants.models import Offer

    return not Offer.objects.filter(call=call, checked_at__isnull=False).exists()


def _checklist_fixed(user: Any, call: Any) -> str:
    if call is not None and call.status == call.Status.CANCELLED:
        return _("This call was cancelled.")
    return _(
        "The formal check of an offer of this call has ended, so its checklist can no longer change: every offer is "
        "checked against the same requirements."
    )


rules.add_perm("grants.view_checks", is_city_staff)
add_perm(
    "grants.check_offer",
    require(is_city_staff, ONLY_OFFICE),
    require(offer_call_closed, _before_deadline),
)
add_perm(
    "grants.manage_check_items",
    require(is_city_staff, ONLY_OFFICE),
    require(checklist_is_open, _checklist_fixed),
)
