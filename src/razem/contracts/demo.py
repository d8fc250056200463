"""Contracts for the demo, made through the services by the demo officer (urzednik@razem.demo), once (the audit log
says when), after the results of the calls (the ``grants_results`` loader):

- every awarded offer of a decided call whose update is not awaited gets a contract, signed a week after the
  decision (or today), with a bank account, the city's signatory and the payment day of each tranche;
- the first of them also gets a signed annex that changes its budget lines: a cost line of teaching materials is
  added, paid from the oferent's own financial contribution (the grant, and so the award, unchanged);
- of the awarded offers, the last one is left without a contract and the one before it (when there are three or more)
  with a contract prepared but not signed, so that the office sees what is still to do.

Without awards (the results demo not loaded yet) nothing is made and nothing is recorded: a later run tries again.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from stdnum import iban

from razem.accounts.models import User
from razem.contracts import plan
from razem.contracts.models import Contract, ContractAnnex
from razem.core import demo as toolkit
from razem.grants.models import Award, Offer

LOADED = "contracts.demo.loaded"
OFFICER = "urzednik@razem.demo"
CITY_SIGNATORY = (
    "Anna Kowalczyk, Dyrektor Wydziału Polityki Społecznej i Zdrowia, z upoważnienia Prezydenta Miasta Krakowa"
)
BANK = "10901014"  # a bank's sort code (Santander Bank Polska), for made-up accounts


def summary() -> dict[str, int]:
    return {
        "contracts": Contract.objects.count(),
        "contracts_signed": Contract.objects.filter(status=Contract.Status.SIGNED).count(),
        "contract_annexes": ContractAnnex.objects.count(),
    }


def awarded_offers() -> list[Offer]:
    """The awarded offers of calls for offers (small grants have their own demo) whose update is not awaited."""
    return list(
        Offer.objects.filter(
            kind=Offer.Kind.COMPETITION,
            status=Offer.Status.AWARDED,
            award__isnull=False,
            contract__isnull=True,
        )
        .exclude(award__update=Award.Update.AWAITED)
        .select_related("award__decision", "call", "organization")
        .order_by("call__number", "number", "pk")
    )


def account(seed: int) -> str:
    """A made-up Polish account number with valid check digits."""
    rng = toolkit.rng(seed)
    bban = BANK + "".join(str(rng.randrange(10)) for _ in range(16))
    return iban.calc_check_digits(f"PL00{bban}") + bban


def _due(year: int, signed_on: datetime.date) -> datetime.date:
    if year == signed_on.year:
        return min(signed_on + datetime.timedelta(days=14), datetime.date(year, 12, 31))
    return datetime.date(year, 1, 31) if year > signed_on.year else datetime.date(year, 12, 31)


def _sign(officer: User, offer: Offer, *, signed: bool) -> Contract:
    from razem.contracts import services

    today = timezone.localdate()
    made_on = offer.award.decision.made_on
    signed_on = min(today, made_on + datetime.timedelta(days=7))
    contract = services.contract_prepare(
        actor=officer,
        offer=offer,
        terms={
            "number": services.contracts.next_number(signed_on.year),
            "bank_account": account(offer.pk),
            "city_signatories": CITY_SIGNATORY,
        },
    )
    years = [t.year for t in contract.tranches.all()]
    services.contract_update(
        actor=officer, contract=contract, terms={"due_dates": {y: _due(y, signed_on) for y in years}}
    )
    if signed:
        contract = services.contract_sign(actor=officer, contract=contract, signed_on=signed_on)
    return contract


def _annex(officer: User, contract: Contract) -> ContractAnnex:
    """A signed annex adding a cost line paid from the own financial contribution, in the first year."""
    from razem.contracts import services

    budget = plan.planned(contract)
    year = budget.years[0]
    data = plan.as_data(budget)
    lines = [
        {**row, "year_amounts": {int(y): Decimal(a) for y, a in row["year_amounts"].items()}} for row in data["lines"]
    ]
    lines.append(
        {
            "category": "realization",
            "name": "Materiały dydaktyczne dla uczestników",
            "unit": "komplet",
            "unit_cost": Decimal("50.00"),
            "quantity": Decimal("10"),
            "year_amounts": {year: Decimal("500.00")},
            "partner_id": None,
            "activity_id": None,
        }
    )
    funding = {int(y): {s: Decimal(v) for s, v in values.items()} for y, values in data["funding"].items()}
    funding[year]["own_financial"] += Decimal("500.00")
    annex = services.annex_prepare(
        actor=officer,
        contract=contract,
        reason="Organizacja pozyskała dodatkowe środki własne na materiały dydaktyczne dla uczestników zadania.",
        start_date=contract.start_date,
        end_date=contract.end_date,
        budget={"lines": lines, "funding": funding},
    )
    signed_on = min(timezone.localdate(), (contract.signed_on or timezone.localdate()) + datetime.timedelta(days=30))
    return services.annex_sign(actor=officer, annex=annex, signed_on=signed_on)


def build() -> bool:
    offers = awarded_offers()
    if not offers:
        return False
    officer = User.objects.get(email=OFFICER)
    with toolkit.quietly():
        last = offers[-1]
        prepared = offers[-2] if len(offers) >= 3 else None
        annexed = False
        for offer in offers:
            if offer is last:
                continue
            contract = _sign(officer, offer, signed=offer is not prepared)
            if contract.is_signed and not annexed:
                _annex(officer, contract)
                annexed = True
    return True


@transaction.atomic
def load(*, users: Mapping[str, Any]) -> dict[str, Any]:
    return toolkit.once(LOADED, build, summary)
