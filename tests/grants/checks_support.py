"""What the tests of the formal check and of the reopening share (tests/grants/test_checks*.py, test_reopening*.py).

- ``filed_offer(...)``: a complete offer filed through the service, then the call's deadline moved an hour into the
  past (the version filed two hours ago, before it): the office may check it;
- ``findings(offer, officer, **special)``: every point of the checklist met, except the codes given
  (``attachments=("defect", "note")``);
- ``called_to_correct(offer, officer, sections)``: findings with a defect in the attachments, then the call for
  corrections naming ``sections``;
- ``file_again(offer)``: file the offer (through ``services.filing.offer_file``) as its lead oferent's person.
"""

import datetime
from typing import Any

from django.utils import timezone

from razem.grants.models import Call, CheckItem, Offer, OfferVersion
from razem.grants.services import checks as services
from razem.grants.services.filing import offer_file
from tests.factories import CallFactory
from tests.grants.filing_factories import DECLARATIONS, complete_offer

HOUR = datetime.timedelta(hours=1)


def close(call: Call) -> Call:
    """Move the call's deadline an hour into the past and every filing of its offers before it."""
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(submission_deadline=now - HOUR)
    OfferVersion.objects.filter(offer__call=call).update(filed_at=now - 2 * HOUR)
    Offer.objects.filter(call=call, filed_at__isnull=False).update(filed_at=now - 2 * HOUR)
    call.refresh_from_db()
    return call


def file_again(offer: Offer, *, actor: Any = None, signatories: Any = None) -> OfferVersion:
    return offer_file(
        actor=actor or offer.filer,  # type: ignore[attr-defined]
        offer=offer,
        signatories=[offer.signatory] if signatories is None else signatories,  # type: ignore[attr-defined]
        declarations=DECLARATIONS,
    )


def filed_offer(*, call: Call | None = None, closed: bool = True, **fields: Any) -> Offer:
    offer = complete_offer(call=call or CallFactory(), **fields)
    file_again(offer)
    if closed:
        close(offer.call)  # type: ignore[arg-type]
    offer.refresh_from_db()
    return offer


def findings(offer: Offer, officer: Any, **special: tuple[str, str]) -> list[Any]:
    items = services.call_ensure_checklist(actor=officer, call=offer.call)  # type: ignore[arg-type]
    chosen = {item.pk: special.get(item.code, ("met", "")) for item in items}
    return services.offer_record_findings(actor=officer, offer=offer, findings=chosen)


def item(offer: Offer, code: str) -> CheckItem:
    return CheckItem.objects.get(call_id=offer.call_id, code=code)


def called_to_correct(offer: Offer, officer: Any, sections: list[str] | None = None, message: str = "") -> Any:
    findings(offer, officer, attachments=("defect", "Statut jest nieaktualny."))
    return services.offer_request_correction(
        actor=officer,
        offer=offer,
        sections=sections or ["zalaczniki"],
        message=message or "Dołączcie aktualny statut.",
    )
