"""A report's figures (``reports.finance.Figures``) from its saved rows and the contract's plan, optionally with
what a form holds over them (the live check), and the tolerance that applies to it."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from razem.contracts.plan import planned
from razem.core.money import ZERO, money
from razem.grants.budget import SOURCES, Budget
from razem.reports import finance
from razem.reports.models import IncomeRow, Report


def tolerance_of(report: Report) -> Decimal:
    """How many per cent a line may exceed its planned value: the tolerance the contract states (the call's when the
    contract was prepared; for a small grant the practice value ``report_tolerance_percent``)."""
    return Decimal(report.contract.tolerance)


def plan_of(report: Report) -> Budget:
    """The contract's plan (``contracts.plan.planned``), read once per report object."""
    cached = report.__dict__.get("_razem_plan")
    if cached is None:
        cached = planned(report.contract)
        report.__dict__["_razem_plan"] = cached
    return cached


def figures_of(
    report: Report,
    *,
    costs: Mapping[tuple[int, int], Any] | None = None,
    sources: Mapping[int, Mapping[str, Any]] | None = None,
    fees: Mapping[int, Decimal] | None = None,
) -> finance.Figures:
    """The report's figures as saved; ``costs`` ((line, year) -> amount), ``sources`` (year -> {source: amount}) and
    ``fees`` (year -> sum of the fees listed) replace the saved values they name (what a form holds)."""
    rows = list(report.costs.all())
    saved_costs: dict[tuple[int, int], Any] = {(r.number, r.year): r.actual for r in rows}
    saved_costs.update(costs or {})
    saved_sources: dict[int, dict[str, Any]] = {
        s.year: {f: getattr(s, f) for f in SOURCES} for s in report.sources.all()
    }
    for year, values in (sources or {}).items():
        saved_sources.setdefault(year, {}).update(values)
    fees_listed: dict[int, Decimal] | None = None
    if not report.is_small:
        fees_listed = {}
        for row in report.income.all():
            if row.kind == IncomeRow.Kind.FEE:
                fees_listed[row.year] = money(fees_listed.get(row.year, ZERO) + row.amount)
        if fees is not None:
            fees_listed = {y: money(v) for y, v in fees.items()}
    return finance.build(
        plan=plan_of(report),
        years=report.years,
        tolerance=tolerance_of(report),
        actual_costs=saved_costs,
        actual_sources=saved_sources,
        fees_listed=fees_listed,
        kept=rows,
    )
