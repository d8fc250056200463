"""The arithmetic of a report's financial part (Part II) and of the settlement, in ``Decimal`` through ``core.money``.

:class:`Figures` holds what is planned (``contracts.plan.planned``: the offer as last filed or the latest signed
annex) and what is reported for the report's years; it is built from the saved rows or from what a form holds, so
that the page, the live check, the filing and the settlement compute the same figures the same way.

The rules (:func:`check`), each problem naming its field and the figures:

- every planned line of every year has its actual amount, and every year the grant spent (errors);
- a line may exceed its planned value by at most the tolerance: the call's ``report_tolerance`` per cent, for a
  small grant (no call) the statutory value ``report_tolerance_percent``. The limit is
  ``money(planned × (100 + tolerance) / 100)``, half up to the grosz: exactly the limit passes, a grosz above fails.
  The planned value is the plan's, so an annex that changed a line moves its limit (a deviation);
- the grant's share of the costs actually spent in a year may not rise above its planned share (shares compared
  as ``core.money.share`` rounds them, to 0.01 per cent) (a deviation);
- in each year the sources of funding add up to the costs actually spent (an error);
- in each year the grant spent is at most the grant received, the contract's grant for that year (an error);
- the fees from recipients listed in II.4 add up to the fees among the sources of that year (an error).

An error must be corrected before filing; a deviation may be filed only when the oferent declares it (explaining
it in the remarks): the settlement then claims the part of the grant it concerns.

The settlement of a year (:func:`settle`): ``unspent = received − spent``; the eligible cost is the cost actually
spent less what the lines spent above their limits; the grant allowed is the planned share of the eligible cost,
``money(eligible × planned grant / planned cost)`` (at most the grant received); ``breach = max(0, spent −
allowed)``; ``to_return = unspent + breach`` (= received − min(spent, allowed)).
"""

import dataclasses
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from razem.core.money import HUNDRED, ZERO, money, percent, pln, share
from razem.grants.budget import SOURCES, Budget, Sources

ERROR = "error"
DEVIATION = "deviation"


def limit(planned: Decimal, tolerance: Decimal) -> Decimal:
    """The most a line planned at ``planned`` may cost with ``tolerance`` per cent (half up to the grosz)."""
    return money(money(planned) * (HUNDRED + Decimal(tolerance)) / HUNDRED)


@dataclasses.dataclass(frozen=True)
class Cost:
    """A planned line in one year: planned, its limit, and the amount actually spent (None: not given yet)."""

    number: int
    year: int
    name: str
    category: str
    partner_id: int | None
    planned: Decimal
    actual: Decimal | None
    limit: Decimal
    in_plan: bool = True

    @property
    def spent(self) -> Decimal:
        return money(self.actual) if self.actual is not None else ZERO

    @property
    def excess(self) -> Decimal:
        """What the line spent above its limit (not eligible)."""
        return max(money(self.spent - self.limit), ZERO)

    @property
    def over(self) -> bool:
        return self.actual is not None and self.actual > self.limit

    @property
    def difference(self) -> Decimal:
        return money(self.spent - self.planned)


@dataclasses.dataclass(frozen=True)
class Actual:
    """The sources actually used in a year, as reported (None: not given yet)."""

    grant: Decimal | None = None
    own_financial: Decimal | None = None
    own_personal: Decimal | None = None
    own_material: Decimal | None = None
    recipient_fees: Decimal | None = None

    def as_sources(self) -> Sources:
        return Sources(*(money(getattr(self, f)) for f in SOURCES))


@dataclasses.dataclass(frozen=True)
class Problem:
    field: str
    message: str
    kind: str = ERROR
    year: int | None = None

    @property
    def is_deviation(self) -> bool:
        return self.kind == DEVIATION


@dataclasses.dataclass(frozen=True)
class Figures:
    years: tuple[int, ...]
    tolerance: Decimal
    plan: Budget
    costs: tuple[Cost, ...]
    actual: Mapping[int, Actual]
    # The fees from recipients listed in II.4 per year; None when the form has no II.4 (a small grant's).
    fees_listed: Mapping[int, Decimal] | None = None

    # Planned.
    def planned_cost(self, year: int) -> Decimal:
        return money(sum((c.planned for c in self.costs if c.year == year), ZERO))

    def planned_sources(self, year: int) -> Sources:
        return self.plan.sources_in(year)

    def grant_received(self, year: int) -> Decimal:
        """The contract's grant for the year (the plan's), taken as received."""
        return self.plan.sources_in(year).grant

    # Actual.
    def costs_in(self, year: int) -> list[Cost]:
        return [c for c in self.costs if c.year == year]

    def actual_cost(self, year: int) -> Decimal:
        return money(sum((c.spent for c in self.costs if c.year == year), ZERO))

    def actual_sources(self, year: int) -> Sources:
        return self.actual.get(year, Actual()).as_sources()

    def excess(self, year: int) -> Decimal:
        return money(sum((c.excess for c in self.costs if c.year == year), ZERO))

    def planned_shares(self, year: int | None = None) -> dict[str, Decimal]:
        sources = self._total(self.planned_sources) if year is None else self.planned_sources(year)
        whole = self.total(self.planned_cost) if year is None else self.planned_cost(year)
        return _shares(sources, whole)

    def actual_shares(self, year: int | None = None) -> dict[str, Decimal]:
        sources = self._total(self.actual_sources) if year is None else self.actual_sources(year)
        whole = self.total(self.actual_cost) if year is None else self.actual_cost(year)
        return _shares(sources, whole)

    def total(self, per_year: Any) -> Decimal:
        return money(sum((per_year(y) for y in self.years), ZERO))

    def _total(self, per_year: Any) -> Sources:
        total = Sources()
        for year in self.years:
            total = total + per_year(year)
        return total

    @property
    def planned_total_sources(self) -> Sources:
        return self._total(self.planned_sources)

    @property
    def actual_total_sources(self) -> Sources:
        return self._total(self.actual_sources)

    def split(self) -> dict[int | None, dict[int, tuple[Decimal, Decimal]]]:
        """Per oferent (``None``: the lead) and year: (planned, actually spent)."""
        result: dict[int | None, dict[int, tuple[Decimal, Decimal]]] = {}
        for cost in self.costs:
            per_year = result.setdefault(cost.partner_id, {y: (ZERO, ZERO) for y in self.years})
            planned, spent = per_year.get(cost.year, (ZERO, ZERO))
            per_year[cost.year] = (money(planned + cost.planned), money(spent + cost.spent))
        return result


def _shares(sources: Sources, whole: Decimal) -> dict[str, Decimal]:
    return {
        "grant": share(sources.grant, whole),
        "own": share(sources.own, whole),
        "own_financial": share(sources.own_financial, whole),
        "own_nonfinancial": share(sources.own_nonfinancial, whole),
        "own_personal": share(sources.own_personal, whole),
        "own_material": share(sources.own_material, whole),
        "recipient_fees": share(sources.recipient_fees, whole),
    }


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return money(value)


def build(
    *,
    plan: Budget,
    years: Iterable[int],
    tolerance: Decimal,
    actual_costs: Mapping[tuple[int, int], Any],
    actual_sources: Mapping[int, Mapping[str, Any]],
    fees_listed: Mapping[int, Decimal] | None = None,
    kept: Iterable[Any] = (),
) -> Figures:
    """The figures of a report: the plan's lines in ``years`` (those with a planned value in the year), with the
    actual amounts keyed by (line number, year); of ``kept`` (the saved rows), those of lines no longer in the plan
    (an annex removed them) that hold an amount stay, planned at zero."""
    years = tuple(sorted(set(years)))
    costs: list[Cost] = []
    seen: set[tuple[int, int]] = set()
    for year in years:
        for line in plan.lines:
            if year not in line.year_amounts:
                continue
            planned = money(line.year_amounts[year])
            key = (line.number, year)
            seen.add(key)
            costs.append(
                Cost(
                    number=line.number,
                    year=year,
                    name=line.name,
                    category=line.category,
                    partner_id=line.partner_id,
                    planned=planned,
                    actual=_decimal(actual_costs.get(key)),
                    limit=limit(planned, tolerance),
                )
            )
    for row in kept:
        key = (row.number, row.year)
        amount = _decimal(actual_costs.get(key, row.actual))
        if key in seen or row.year not in years or not amount:
            continue
        costs.append(
            Cost(
                number=row.number, year=row.year, name=row.name, category=row.category, partner_id=row.partner_id,
                planned=ZERO, actual=amount, limit=ZERO, in_plan=False,
            )
        )  # fmt: skip
    costs.sort(key=lambda c: (c.year, c.number))
    actual = {year: Actual(**{f: _decimal((actual_sources.get(year) or {}).get(f)) for f in SOURCES}) for year in years}
    return Figures(
        years=years,
        tolerance=Decimal(tolerance),
        plan=plan,
        costs=tuple(costs),
        actual=actual,
        fees_listed=None if fees_listed is None else {y: money(v) for y, v in fees_listed.items()},
    )


def check(figures: Figures) -> list[Problem]:
    """Every rule the reported figures break, errors and deviations, in the order of the form."""
    problems: list[Problem] = []
    for cost in figures.costs:
        field = f"costs.{cost.year}.{cost.number}"
        names = {"n": cost.number, "name": cost.name, "year": cost.year}
        if cost.actual is None:
            problems.append(
                Problem(
                    field,
                    _("Line %(n)s (%(name)s), %(year)s: give the amount actually spent (0 if nothing was spent).")
                    % names,
                    ERROR,
                    cost.year,
                )
            )
        elif not cost.in_plan and cost.actual:
            problems.append(
                Problem(
                    field,
                    _(
                        "Line %(n)s (%(name)s), %(year)s is no longer in the plan (an annex changed it), but "
                        "%(actual)s is reported on it."
                    )
                    % {**names, "actual": pln(cost.actual)},
                    DEVIATION,
                    cost.year,
                )
            )
        elif cost.over:
            problems.append(
                Problem(
                    field,
                    _(
                        "Line %(n)s (%(name)s), %(year)s: %(actual)s spent against %(planned)s planned, more than "
                        "the tolerance of %(tolerance)s allows (at most %(limit)s)."
                    )
                    % {
                        **names,
                        "actual": pln(cost.actual),
                        "planned": pln(cost.planned),
                        "tolerance": percent(figures.tolerance),
                        "limit": pln(cost.limit),
                    },
                    DEVIATION,
                    cost.year,
                )
            )
    for year in figures.years:
        reported = figures.actual.get(year, Actual())
        if reported.grant is None:
            problems.append(
                Problem(
                    f"sources.{year}.grant",
                    _("Give the grant spent in %(year)s (0 if none was spent).") % {"year": year},
                    ERROR,
                    year,
                )
            )
        spent_cost, sources = figures.actual_cost(year), figures.actual_sources(year)
        if sources.total != spent_cost:
            problems.append(
                Problem(
                    f"sources.{year}.grant",
                    _(
                        "In %(year)s the sources of funding add up to %(sources)s, but the costs actually spent are "
                        "%(cost)s; they must be equal."
                    )
                    % {"year": year, "sources": pln(sources.total), "cost": pln(spent_cost)},
                    ERROR,
                    year,
                )
            )
        received = figures.grant_received(year)
        if sources.grant > received:
            problems.append(
                Problem(
                    f"sources.{year}.grant",
                    _("In %(year)s the grant spent, %(spent)s, is more than the grant received, %(received)s.")
                    % {"year": year, "spent": pln(sources.grant), "received": pln(received)},
                    ERROR,
                    year,
                )
            )
        planned_share = figures.planned_shares(year)["grant"]
        actual_share = figures.actual_shares(year)["grant"]
        if spent_cost and actual_share > planned_share:
            problems.append(
                Problem(
                    f"sources.{year}.grant",
                    _(
                        "In %(year)s the grant is %(actual)s of the costs actually spent; the plan put it at "
                        "%(planned)s. The grant's share may not rise."
                    )
                    % {"year": year, "actual": percent(actual_share), "planned": percent(planned_share)},
                    DEVIATION,
                    year,
                )
            )
        listed = figures.fees_listed.get(year, ZERO) if figures.fees_listed is not None else sources.recipient_fees
        if listed != sources.recipient_fees:
            problems.append(
                Problem(
                    f"fees.{year}",
                    _(
                        "In %(year)s the fees from recipients listed in II.4 add up to %(listed)s, but the sources "
                        "of funding give %(fees)s; they must be equal."
                    )
                    % {"year": year, "listed": pln(listed), "fees": pln(sources.recipient_fees)},
                    ERROR,
                    year,
                )
            )
    return problems


@dataclasses.dataclass(frozen=True)
class YearSettlement:
    year: int
    grant_received: Decimal
    grant_spent: Decimal
    unspent: Decimal
    planned_cost: Decimal
    actual_cost: Decimal
    excess_cost: Decimal
    allowed_grant: Decimal
    breach: Decimal
    to_return: Decimal


def settle_year(
    *,
    year: int,
    received: Decimal,
    spent: Decimal,
    planned_cost: Decimal,
    actual_cost: Decimal,
    excess: Decimal,
) -> YearSettlement:
    """What one year's grant settles to (the rule in the module's docstring)."""
    received, spent = money(received), money(spent)
    unspent = max(money(received - spent), ZERO)
    eligible = max(money(actual_cost - excess), ZERO)
    allowed = money(eligible * received / planned_cost) if planned_cost else ZERO
    allowed = min(allowed, received)
    breach = max(money(spent - allowed), ZERO)
    return YearSettlement(
        year=year,
        grant_received=received,
        grant_spent=spent,
        unspent=unspent,
        planned_cost=money(planned_cost),
        actual_cost=money(actual_cost),
        excess_cost=money(excess),
        allowed_grant=allowed,
        breach=breach,
        to_return=money(unspent + breach),
    )


def settle(figures: Figures) -> list[YearSettlement]:
    """The settlement of every year of the figures (of the final report)."""
    return [
        settle_year(
            year=year,
            received=figures.grant_received(year),
            spent=figures.actual_sources(year).grant,
            planned_cost=figures.plan.cost_in(year),
            actual_cost=figures.actual_cost(year),
            excess=figures.excess(year),
        )
        for year in figures.years
    ]
