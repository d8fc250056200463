"""What the tests of the decision, the results, the questions and the update share (no tests here; the name keeps the
module among the results' test files).

- ``open_call(...)``: an announced call whose offers are still being filed (``CallFactory``, no attachments);
- ``filed(call, grants, ...)``: a complete offer of a new organization filed through the filing service, with the
  person acting for it (``offer.person``) and a partner's person when joint (``offer.partner_person``);
- ``close(call)``: the deadline moved an hour into the past (the offers were filed before it);
- ``admit(offer, points=..., proposed=...)``: the formal check and the commission's opinion, standing in for them
  (status "admitted", ``Offer.points``, ``Offer.proposed_grant``);
- ``decided(...)``: a closed call with admitted offers and the decision recorded through the service;
- ``publish(call, officer)``: the results published through the service.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from razem.grants.models import Call, Offer
from razem.grants.services import results as services
from razem.organizations.models import Membership
from tests.factories import CallFactory, MembershipFactory, OrganizationFactory
from tests.grants.test_staff_offers import file_offer

D = Decimal


def open_call(*, funds: dict[int, Decimal] | None = None, **fields: Any) -> Call:
    fields.setdefault("max_grant", D("200000.00"))
    fields.setdefault("attachments", False)
    return CallFactory(funds=funds, **fields)


def multi_year_call(funds: dict[int, Decimal] | None = None, **fields: Any) -> Call:
    year = timezone.localdate().year + 1
    return open_call(
        realization_start=datetime.date(year, 2, 1),
        realization_end=datetime.date(year + 1, 11, 30),
        funds=funds or {year: D("100000.00"), year + 1: D("50000.00")},
        **fields,
    )


def filed(
    call: Call,
    grants: dict[int, Decimal] | Decimal | str,
    *,
    own: dict[int, Decimal] | None = None,
    title: str = "",
    joint: bool = False,
) -> Offer:
    if not isinstance(grants, dict):
        grants = {call.years[0]: D(grants)}
    partner = OrganizationFactory(name=f"Partner {title or len(grants)}") if joint else None
    offer, person = file_offer(call, grants, own=own, title=title, partner=partner)
    offer.person = person  # type: ignore[attr-defined]
    if partner is not None:
        offer.partner_person = MembershipFactory(  # type: ignore[attr-defined]
            organization=partner, role=Membership.Role.REPRESENTATIVE
        ).user
    return offer


def close(call: Call) -> Call:
    Call.objects.filter(pk=call.pk).update(submission_deadline=timezone.now() - datetime.timedelta(hours=1))
    call.refresh_from_db()
    return call


def admit(offer: Offer, *, points: str | None = "80.00", proposed: str | Decimal | None = None) -> Offer:
    Offer.objects.filter(pk=offer.pk).update(
        status=Offer.Status.ADMITTED,
        points=D(points) if points is not None else None,
        proposed_grant=D(proposed) if proposed is not None else None,
    )
    offer.refresh_from_db()
    return offer


def awards(*pairs: tuple[Offer, dict[int, Decimal] | Decimal | str]) -> dict[int, dict[int, Decimal]]:
    result = {}
    for offer, amounts in pairs:
        if not isinstance(amounts, dict):
            amounts = {offer.call.years[0]: D(amounts)}
        result[offer.pk] = amounts
    return result


def decide(
    officer: Any, call: Call, given: dict[int, dict[int, Decimal]], *, number: str = "1234/2026", **kwargs: Any
) -> Any:
    return services.decision_record(
        actor=officer,
        call=call,
        number=number,
        made_on=kwargs.pop("made_on", timezone.localdate()),
        awards=given,
        **kwargs,
    )


def publish(call: Call, officer: Any, *, day: datetime.date | None = None) -> Any:
    day = day or timezone.localdate()
    return services.results_publish(
        actor=officer,
        call=call,
        publications=[
            {"channel": "bip", "published_on": day, "url": "https://bip.krakow.example.org/wyniki/1"},
            {"channel": "notice_board", "published_on": day, "note": "Tablica ogłoszeń, ul. Dekerta 24"},
        ],
    )


def decided(officer: Any, *, publish_results: bool = False) -> dict[str, Any]:
    """A one-year call with funds of 20 000 zł and three offers: A awarded in full (8 000), B partly (5 000 of
    8 000), C not funded; and an offer D rejected formally."""
    call = open_call(funds=None)
    from razem.grants.models import CallFunds

    CallFunds.objects.filter(call=call).update(amount=D("20000.00"))
    full = filed(call, "8000.00", title="Pełna")
    partial = filed(call, "8000.00", title="Częściowa")
    none = filed(call, "8000.00", title="Bez dotacji")
    rejected = filed(call, "8000.00", title="Odrzucona")
    close(call)
    admit(full, points="90.00", proposed="8000.00")
    admit(partial, points="75.50", proposed="5000.00")
    admit(none, points="40.00", proposed=None)
    Offer.objects.filter(pk=rejected.pk).update(status=Offer.Status.REJECTED)
    decision = decide(officer, call, awards((full, "8000.00"), (partial, "5000.00"), (none, "0")))
    if publish_results:
        publish(call, officer)
    call.refresh_from_db()
    for offer in (full, partial, none, rejected):
        offer.refresh_from_db()
    return {"call": call, "decision": decision, "full": full, "partial": partial, "none": none, "rejected": rejected}
