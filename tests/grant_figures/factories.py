"""Data for the grant figures' tests, saved directly (the services that write them belong to other apps).

``build_dataset`` is the hand-built dataset of the arithmetic tests (and of the browser tests). ``make_call``
publishes a call with its funds and areas; ``filed`` files an offer with one version whose content holds what it
requests per year (``budget.sources_by_year``) and the matching ``Funding`` rows; ``decide`` records the decision
on a call (published or not); ``award`` gives an offer its grant split by year; ``sign`` signs its contract;
``settle`` records the settlement of a year (with the accepted final report it belongs to); ``small_grant`` files
a small grant (art. 19a: no call, an area of its own)."""

import datetime
import hashlib
import json
from decimal import Decimal
from typing import Any

from django.utils import timezone

from razem.contracts.models import Contract
from razem.core.models import PublicBenefitArea
from razem.grants.models import Award, AwardYear, Call, Decision, Funding, Offer, OfferVersion
from razem.reports.models import Report, Settlement
from razem.small_grants.models import SmallGrant
from tests.factories import CallFactory, OfferFactory

WPS = "Wydział Polityki Społecznej i Zdrowia"
WKD = "Wydział Kultury i Dziedzictwa Narodowego"
DAY = datetime.timedelta(days=1)


def D(value: Any) -> Decimal:  # noqa: N802 - reads like a literal
    return Decimal(str(value)).quantize(Decimal("0.01"))


def make_call(
    *,
    years: tuple[int, ...] | list[int],
    funds: dict[int, Any],
    department: str = WPS,
    areas: tuple[str, ...] = ("1",),
    status: str = Call.Status.ANNOUNCED,
    deadline_passed: bool = True,
    **fields: Any,
) -> Call:
    now = timezone.now()
    call = CallFactory(
        department=department,
        realization_start=datetime.date(years[0], 1, 1),
        realization_end=datetime.date(years[-1], 12, 31),
        submission_deadline=now - DAY if deadline_passed else now + 20 * DAY,
        status=status,
        cancelled_at=now if status == Call.Status.CANCELLED else None,
        funds={year: D(amount) for year, amount in funds.items()},
        **fields,
    )
    call.areas.set(PublicBenefitArea.objects.filter(code__in=areas))
    return call


def version(offer: Offer, grants: dict[int, Any], number: int = 1) -> OfferVersion:
    sources = {str(year): {"grant": str(D(amount)), "own_financial": "0.00"} for year, amount in grants.items()}
    content = {"budget": {"sources_by_year": sources}, "task": {"title": offer.title}}
    requested = sum((D(a) for a in grants.values()), Decimal("0"))
    made = OfferVersion.objects.create(
        offer=offer,
        number=number,
        content=content,
        checksum=hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest(),
        total_cost=requested + Decimal("1000.00"),
        grant_requested=requested,
    )
    offer.current_version = made
    offer.save(update_fields=["current_version"])
    return made


def set_funding(offer: Offer, grants: dict[int, Any]) -> None:
    offer.funding.all().delete()
    for year, amount in grants.items():
        Funding.objects.create(offer=offer, year=year, grant=D(amount), own_personal=D(100))


def filed(call: Call | None, grants: dict[int, Any], *, status: str = Offer.Status.FILED, **fields: Any) -> Offer:
    """An offer filed in ``call`` asking for ``grants`` (year: amount), its live rows equal to the version."""
    years = sorted(grants)
    if call is not None:
        fields.setdefault("start_date", call.realization_start)
        fields.setdefault("end_date", call.realization_end)
    else:
        fields.setdefault("start_date", datetime.date(years[0], 3, 1))
        fields.setdefault("end_date", datetime.date(years[0], 5, 1))
    offer = OfferFactory(call=call, budget=False, status=status, filed_at=timezone.now(), **fields)
    set_funding(offer, grants)
    version(offer, grants)
    return offer


def decide(call: Call | None, *, published: bool = True, number: str = "1/2027") -> Decision:
    return Decision.objects.create(
        call=call,
        number=number,
        made_on=datetime.date(2026, 12, 15),
        results_published_at=timezone.now() if published else None,
    )


def award(offer: Offer, decision: Decision, amounts: dict[int, Any], *, update: bool = False) -> Award:
    """Award ``amounts`` (year: amount); with ``update`` the oferent then files the update: a second version and
    the live rows asking for exactly what was awarded."""
    first = offer.current_version
    assert first is not None
    total = sum((D(a) for a in amounts.values()), Decimal("0"))
    made = Award.objects.create(
        decision=decision,
        offer=offer,
        amount=total,
        requested=first.grant_requested,
        version=first,
        grant_share=Decimal("90.00"),
        update=Award.Update.FILED if update else Award.Update.NOT_NEEDED,
    )
    for year, amount in amounts.items():
        AwardYear.objects.create(award=made, year=year, amount=D(amount))
    offer.status = Offer.Status.AWARDED
    offer.save(update_fields=["status"])
    if update:
        made.updated_version = version(offer, amounts, number=2)
        made.save(update_fields=["updated_version"])
        set_funding(offer, amounts)
    return made


def sign(offer: Offer, *, signed: bool = True) -> Contract:
    return Contract.objects.create(
        offer=offer,
        number=f"UM/{offer.pk}",
        form="wspieranie",
        status=Contract.Status.SIGNED if signed else Contract.Status.DRAFT,
        title=offer.title,
        start_date=offer.start_date,
        end_date=offer.end_date,
        signed_on=datetime.date(2027, 1, 20) if signed else None,
    )


def settle(contract: Contract, year: int, *, to_return: Any, returned: Any) -> Settlement:
    report = Report.objects.create(
        contract=contract,
        kind=Report.Kind.FINAL,
        status=Report.Status.ACCEPTED,
        period_start=contract.start_date,
        period_end=contract.end_date,
        due_date=contract.end_date + 30 * DAY,
        accepted_at=timezone.now(),
    )
    return Settlement.objects.create(
        contract=contract, report=report, year=year, to_return=D(to_return), returned=D(returned)
    )


def small_grant(grants: dict[int, Any], *, area: str = "10", status: str = Offer.Status.FILED) -> Offer:
    offer = filed(None, grants, status=status, kind=Offer.Kind.SMALL_GRANT)
    SmallGrant.objects.create(
        offer=offer, area=PublicBenefitArea.objects.get(code=area), year=min(grants), received_on=timezone.localdate()
    )
    return offer


def build_dataset() -> dict[str, Any]:
    """Two budget years (2027, 2028), two departments, two areas ("1" social assistance, "16" culture):

    - call A (WPS, area 1, 2027, 100 000): A1 awarded 30 000 of the 40 000 asked (the update filed since), contract
      signed, 1 500 of 2 000 returned; A2 not funded (25 000 asked); a draft and a withdrawn offer (excluded);
    - call B (WKD, areas 1 and 16, 2027–2028, 60 000 + 80 000): B1 asked 20 000 + 30 000, awarded 20 000 + 25 000,
      contract signed; B2 rejected formally (10 000 + 10 000 asked);
    - call C (WPS, area 16, 2027, 500 000) cancelled, with a filed offer of 70 000: excluded;
    - call D (WKD, area 16, 2028, 40 000), decided but results not published: D1 asked 15 000, its award of
      15 000 not counted yet;
    - small grant S1 (area 10, 2027): asked 9 000, awarded 8 000, contract signed, 500 returned; S2 (area 16, 2028)
      published for comments, asked 5 000."""
    call_a = make_call(years=[2027], funds={2027: 100_000}, department=WPS, areas=("1",), status=Call.Status.DECIDED)
    a1 = filed(call_a, {2027: 40_000})
    filed(call_a, {2027: 25_000}, status=Offer.Status.NOT_AWARDED)
    filed(call_a, {2027: 99_000}, status=Offer.Status.DRAFT)
    filed(call_a, {2027: 50_000}, status=Offer.Status.WITHDRAWN)
    decision_a = decide(call_a, number="100/2027")
    award(a1, decision_a, {2027: 30_000}, update=True)
    settle(sign(a1), 2027, to_return=2_000, returned=1_500)

    call_b = make_call(
        years=[2027, 2028], funds={2027: 60_000, 2028: 80_000}, department=WKD, areas=("1", "16"),
        status=Call.Status.DECIDED,
    )  # fmt: skip
    b1 = filed(call_b, {2027: 20_000, 2028: 30_000})
    filed(call_b, {2027: 10_000, 2028: 10_000}, status=Offer.Status.REJECTED)
    award(b1, decide(call_b, number="101/2027"), {2027: 20_000, 2028: 25_000})
    sign(b1)

    call_c = make_call(years=[2027], funds={2027: 500_000}, department=WPS, areas=("16",), status=Call.Status.CANCELLED)
    filed(call_c, {2027: 70_000})

    call_d = make_call(years=[2028], funds={2028: 40_000}, department=WKD, areas=("16",))
    d1 = filed(call_d, {2028: 15_000})
    award(d1, decide(call_d, published=False, number="102/2028"), {2028: 15_000})

    s1 = small_grant({2027: 9_000}, area="10")
    award(s1, decide(None, number="103/2027"), {2027: 8_000})
    settle(sign(s1), 2027, to_return=500, returned=500)
    small_grant({2028: 5_000}, area="16", status=Offer.Status.PUBLISHED)
    return {"a": call_a, "b": call_b, "c": call_c, "d": call_d, "a1": a1, "b1": b1, "s1": s1}
