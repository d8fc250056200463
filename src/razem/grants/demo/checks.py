"""The formal check under way in the demo's closed sport call (``sport-dzieci-mlodziez-<next year>``), done through
the services by the demo officer (urzednik@razem.demo), once (the audit log says when), after the grants demo:

- the call's checklist: the defaults;
- two offers admitted (every requirement met);
- one called to correct its attachments (the statute filed is out of date), the request made four days ago, so
  that the correction is due in three days (its dates moved back directly, as the grants demo moves its calls);
- one rejected formally: its task is outside the oferent's statutory aims;
- one not checked yet.
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from razem.accounts.models import User
from razem.core import demo as toolkit
from razem.grants.models import Call, CheckItem, CorrectionRequest, Offer
from razem.grants.services import checks as services

LOADED = "grants.checks.demo.loaded"
OFFICER = "urzednik@razem.demo"
SPORT = "sport-dzieci-mlodziez-"
DAY = datetime.timedelta(days=1)

ATTACHMENT_DEFECT = (
    "Załączony statut jest w brzmieniu z 2015 r., sprzed zmian wpisanych do KRS w 2023 r.; brakuje aktualnego tekstu "
    "jednolitego."
)
CORRECTION_MESSAGE = (
    "Prosimy o dołączenie aktualnego tekstu jednolitego statutu (zgodnego z wpisem w KRS) w miejsce załączonego "
    "statutu z 2015 r. Pozostałe części oferty pozostają bez zmian."
)
AIMS_FAILED = (
    "Cele statutowe fundacji (§ 6 statutu) obejmują wyłącznie pomoc społeczną i ochronę zdrowia; statut nie "
    "przewiduje działalności w zakresie kultury fizycznej ani sportu."
)
REJECTION = (
    "Oferta nie spełnia wymogu formalnego: zadanie nie mieści się w celach statutowych oferenta (art. 14 ust. 1 "
    "pkt 1 ustawy o działalności pożytku publicznego i o wolontariacie; § 6 statutu). Uchybienie nie podlega "
    "uzupełnieniu."
)


def summary() -> dict[str, int]:
    return {
        "check_items": CheckItem.objects.count(),
        "offers_admitted": Offer.objects.filter(status=Offer.Status.ADMITTED).count(),
        "corrections": CorrectionRequest.objects.count(),
    }


def _findings(
    offer: Offer, items: list[CheckItem], special: Mapping[str, tuple[str, str]]
) -> dict[int, tuple[str, str]]:
    return {item.pk: special.get(item.code, ("met", "")) for item in items}


def build(users: Mapping[str, User]) -> bool:
    officer = users.get(OFFICER)
    call = Call.objects.filter(slug__startswith=SPORT).first()
    if officer is None or call is None:
        return False
    offers = list(Offer.objects.filter(call=call, status=Offer.Status.FILED).order_by("number"))
    if len(offers) < 5:
        return False
    items = services.call_ensure_checklist(actor=officer, call=call)
    for offer in offers[:2]:
        services.offer_record_findings(actor=officer, offer=offer, findings=_findings(offer, items, {}))
        services.offer_admit(actor=officer, offer=offer)
    corrected = offers[2]
    services.offer_record_findings(
        actor=officer,
        offer=corrected,
        findings=_findings(corrected, items, {"attachments": ("defect", ATTACHMENT_DEFECT)}),
    )
    request = services.offer_request_correction(
        actor=officer, offer=corrected, sections=["zalaczniki"], message=CORRECTION_MESSAGE
    )
    # Made four days ago: due in three days.
    start = timezone.localdate() - 4 * DAY
    due = services.correction_deadline(start)
    CorrectionRequest.objects.filter(pk=request.pk).update(
        requested_at=request.requested_at - 4 * DAY, due_date=due.date, legal_ref=due.legal_ref
    )
    rejected = offers[3]
    services.offer_record_findings(
        actor=officer,
        offer=rejected,
        findings=_findings(rejected, items, {"statutory_aims": ("failed", AIMS_FAILED)}),
    )
    services.offer_reject_formally(actor=officer, offer=rejected, reason=REJECTION)
    return True


@transaction.atomic
def load(*, users: Mapping[str, User]) -> dict[str, Any]:
    """The formal check of the sport call, on the first run only (see the module doc)."""
    with toolkit.quietly():
        return toolkit.once(LOADED, lambda: build(users), summary)
