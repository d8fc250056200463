"""Contracts to report on, for the tests of reports (tests/reports/, tests/e2e/test_reports.py).

- ``ended_call(year)``: an announced call whose task ran from 1 February to 30 November of ``year`` (default: last
  year, so the final report is already overdue);
- ``signed_contract(...)``: a contract signed over an awarded, complete offer (``complete_offer``): one cost line of
  9 000 zł and funding of 8 000 zł grant + 1 000 zł own personal contribution, unless ``lines``/``funding`` say
  otherwise; ``small=True`` makes it a small grant's (art. 19a; no call); ``partner=True`` a joint offer.
  ``contract.filer`` is a person acting for the lead oferent;
- ``set_budget(offer, lines, funding)``: replace the offer's cost lines and funding;
- ``fill(report, actor, ...)``: save every part of a report so that it can be filed (by default, spent as planned);
- ``file_report(report, actor)``: fill and file it.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from razem.contracts.models import Contract
from razem.grants.models import CostLine, ExpectedResult, Funding, Offer
from razem.reports.models import Report
from razem.reports.services import drafts, filing
from tests.factories import CallFactory, MembershipFactory, OfferFactory
from tests.grants.filing_factories import add_partner, complete_offer

D = Decimal
DECLARATIONS = {"status_unchanged": True, "true_information": True, "procurement": True, "data_protection": True}
_numbers = iter(range(1, 100000))


def ended_call(year: int | None = None, *, end_year: int | None = None, **fields: Any) -> Any:
    year = year or timezone.localdate().year - 1
    end_year = end_year or year
    funds = {y: D("200000.00") for y in range(year, end_year + 1)}
    return CallFactory(
        realization_start=datetime.date(year, 2, 1),
        realization_end=datetime.date(end_year, 11, 30),
        submission_deadline=timezone.now() - datetime.timedelta(days=400),
        funds=funds,
        **fields,
    )


def set_budget(offer: Offer, lines: list[dict[str, Any]], funding: dict[int, dict[str, Any]]) -> None:
    """Replace the offer's cost lines (dicts: name, unit_cost, quantity, year_amounts {year: amount}, category,
    partner) and funding ({year: {source: amount}})."""
    activity = offer.activities.first()
    offer.cost_lines.all().delete()
    offer.funding.all().delete()
    for position, line in enumerate(lines, start=1):
        category = line.get("category", CostLine.Category.REALIZATION)
        CostLine.objects.create(
            offer=offer,
            position=position,
            category=category,
            activity=activity if category == CostLine.Category.REALIZATION else None,
            partner=line.get("partner"),
            name=line["name"],
            unit=line.get("unit", "usługa"),
            unit_cost=D(str(line["unit_cost"])),
            quantity=D(str(line.get("quantity", 1))),
            year_amounts={str(y): str(a) for y, a in (line.get("year_amounts") or {}).items()},
        )
    for year, sources in funding.items():
        Funding.objects.create(offer=offer, year=year, **{k: D(str(v)) for k, v in sources.items()})


def signed_contract(
    *,
    call: Any = None,
    small: bool = False,
    partner: bool = False,
    lines: list[dict[str, Any]] | None = None,
    funding: dict[int, dict[str, Any]] | None = None,
    status: str = Contract.Status.SIGNED,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    title: str = "Seniorzy w sieci",
) -> Contract:
    if small:
        year = (start or datetime.date(timezone.localdate().year - 1, 6, 1)).year
        start = start or datetime.date(year, 6, 1)
        end = end or datetime.date(year, 8, 15)
        offer = OfferFactory(call=None, kind=Offer.Kind.SMALL_GRANT, start_date=start, end_date=end, title=title)
        ExpectedResult.objects.create(
            offer=offer, position=1, name="Uczestnicy", target_value="30 osób", monitoring="Listy"
        )
        filer = MembershipFactory(organization=offer.organization, representative=True).user
    else:
        call = call or ended_call()
        offer = complete_offer(call=call, title=title)
        filer = offer.filer  # type: ignore[attr-defined]
        if partner:
            offer.partner = add_partner(offer)  # type: ignore[attr-defined]
    if lines is not None:
        set_budget(offer, lines, funding or {})
    Offer.objects.filter(pk=offer.pk).update(status=Offer.Status.AWARDED)
    offer.refresh_from_db()
    number = next(_numbers)
    contract = Contract.objects.create(
        offer=offer,
        number=f"WS/{offer.start_date.year}/{number:04d}",
        form="wspieranie",
        status=status,
        title=offer.title,
        start_date=offer.start_date,
        end_date=offer.end_date,
        signed_on=offer.start_date - datetime.timedelta(days=10) if status != Contract.Status.DRAFT else None,
    )
    contract.filer = filer  # type: ignore[attr-defined]
    return contract


def fill(
    report: Report,
    actor: Any,
    *,
    costs: dict[tuple[int, int], Any] | None = None,
    sources: dict[int, dict[str, Any]] | None = None,
    fees: list[dict[str, Any]] | None = None,
    remarks: str = "",
) -> Report:
    """Save every part so that the report can be filed; by default each line spent as planned and each year's
    sources as planned."""
    report = drafts.report_save_part(
        actor=actor,
        report=report,
        part=drafts.RESULTS,
        payload={
            "results_description": "60 seniorów ukończyło warsztaty cyfrowe.",
            "activities_description": "Warsztaty w Nowej Hucie, bez odstępstw.",
            "results": {
                row.pk: {"achieved": "62 osoby", "measured": "Listy obecności"} for row in report.results.all()
            },
        },
    )
    planned = {(row.number, row.year): row.planned for row in report.costs.all()}
    report = drafts.report_save_part(
        actor=actor,
        report=report,
        part=drafts.COSTS,
        payload={"costs": {**planned, **(costs or {})}, "cost_remarks": remarks},
    )
    from razem.reports.figures import plan_of

    plan = plan_of(report)
    planned_sources = {
        year: {
            f: getattr(plan.sources_in(year), f)
            for f in ("grant", "own_financial", "own_personal", "own_material", "recipient_fees")
        }
        for year in report.years
    }
    for year, values in (sources or {}).items():
        planned_sources[year] = {**planned_sources.get(year, {}), **values}
    payload: dict[str, Any] = {"sources": planned_sources}
    if not report.is_small:
        payload["income"] = list(fees or [])
    return drafts.report_save_part(actor=actor, report=report, part=drafts.SOURCES_PART, payload=payload)


def file_report(report: Report, actor: Any, *, declare: bool = False, **fill_args: Any) -> Report:
    report = fill(report, actor, **fill_args)
    filing.report_file(actor=actor, report=report, declarations=DECLARATIONS, declare_deviations=declare)
    report.refresh_from_db()
    return report


def final_report(contract: Contract) -> Report:
    """The final report of the contract, started by its filer."""
    return drafts.report_start_final(actor=contract.filer, contract=contract)  # type: ignore[attr-defined]
