"""Section V of the offer (the cost calculation), computed by the server and checked against the call.

Every figure is a ``Decimal`` rounded by ``core.money`` (half up to the grosz; shares half up to 0.01 %). A
:class:`Budget` is built from the offer's rows (``from_offer``) or from rows not yet saved (the editor's live
summary), so that the page, the check, the filed version and the PDF compute the same figures the same way.

The rules of the call (``check``): the values per year of each line add up to the line's value (unit cost ×
number of units); in each year the sources add up to the costs; the grant lies between the call's smallest and
largest grant and within the call's funds of each year; the own contribution and its financial and non-financial
parts reach their least shares of the total cost; administrative costs stay within their cap; fees from
recipients only when the call allows them. Each problem names its field and the figures.
"""

import dataclasses
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from razem.core.money import ZERO, money, percent, pln, share

SOURCES = ("grant", "own_financial", "own_personal", "own_material", "recipient_fees")


@dataclasses.dataclass(frozen=True)
class Line:
    """A cost line: ``year_amounts`` maps each budget year to its part of the line's value."""

    number: int
    category: str
    name: str
    unit: str
    unit_cost: Decimal
    quantity: Decimal
    year_amounts: Mapping[int, Decimal]
    partner_id: int | None = None
    activity_id: int | None = None

    @property
    def value(self) -> Decimal:
        return money(self.unit_cost * self.quantity)

    @property
    def split_total(self) -> Decimal:
        return money(sum(self.year_amounts.values(), ZERO))


@dataclasses.dataclass(frozen=True)
class Sources:
    """V.B for one year, or summed over the years."""

    grant: Decimal = ZERO
    own_financial: Decimal = ZERO
    own_personal: Decimal = ZERO
    own_material: Decimal = ZERO
    recipient_fees: Decimal = ZERO

    @property
    def own_nonfinancial(self) -> Decimal:
        return money(self.own_personal + self.own_material)

    @property
    def own(self) -> Decimal:
        return money(self.own_financial + self.own_nonfinancial)

    @property
    def total(self) -> Decimal:
        return money(self.grant + self.own + self.recipient_fees)

    def __add__(self, other: "Sources") -> "Sources":
        return Sources(*(money(getattr(self, f) + getattr(other, f)) for f in SOURCES))


@dataclasses.dataclass(frozen=True)
class Problem:
    """A rule the budget breaks: ``field`` is the form field it belongs to ("lines.2.year_amounts",
    "funding.2027.grant", "grant"), ``message`` names the figures."""

    field: str
    message: str


@dataclasses.dataclass(frozen=True)
class Budget:
    years: tuple[int, ...]
    lines: tuple[Line, ...]
    funding: Mapping[int, Sources]

    # Costs (V.A).
    def cost_in(self, year: int) -> Decimal:
        return money(sum((line.year_amounts.get(year, ZERO) for line in self.lines), ZERO))

    @property
    def total_cost(self) -> Decimal:
        return money(sum((line.value for line in self.lines), ZERO))

    def category_total(self, category: str, year: int | None = None) -> Decimal:
        lines = [line for line in self.lines if line.category == category]
        if year is None:
            return money(sum((line.value for line in lines), ZERO))
        return money(sum((line.year_amounts.get(year, ZERO) for line in lines), ZERO))

    @property
    def realization_cost(self) -> Decimal:
        return self.category_total("realization")

    @property
    def administration_cost(self) -> Decimal:
        return self.category_total("administration")

    # Sources (V.B).
    def sources_in(self, year: int) -> Sources:
        return self.funding.get(year, Sources())

    @property
    def sources(self) -> Sources:
        total = Sources()
        for year in self.years:
            total = total + self.sources_in(year)
        return total

    @property
    def grant(self) -> Decimal:
        return self.sources.grant

    def shares(self, year: int | None = None) -> dict[str, Decimal]:
        """Each source's share of the total cost (of ``year``, or of the whole task), in per cent."""
        sources = self.sources if year is None else self.sources_in(year)
        whole = self.total_cost if year is None else self.cost_in(year)
        return {
            "grant": share(sources.grant, whole),
            "own": share(sources.own, whole),
            "own_financial": share(sources.own_financial, whole),
            "own_nonfinancial": share(sources.own_nonfinancial, whole),
            "own_personal": share(sources.own_personal, whole),
            "own_material": share(sources.own_material, whole),
            "recipient_fees": share(sources.recipient_fees, whole),
        }

    # The split between oferenci (V.C): the lead oferent is ``None``.
    def split(self) -> dict[int | None, dict[int, Decimal]]:
        result: dict[int | None, dict[int, Decimal]] = {}
        for line in self.lines:
            per_year = result.setdefault(line.partner_id, {year: ZERO for year in self.years})
            for year in self.years:
                per_year[year] = money(per_year[year] + line.year_amounts.get(year, ZERO))
        return result

    def as_dict(self) -> dict[str, Any]:
        """The figures as canonical text (for the filed version, its checksum and the export)."""
        return {
            "years": list(self.years),
            "total_cost": str(self.total_cost),
            "realization_cost": str(self.realization_cost),
            "administration_cost": str(self.administration_cost),
            "cost_by_year": {str(y): str(self.cost_in(y)) for y in self.years},
            "sources": {f: str(getattr(self.sources, f)) for f in SOURCES},
            "sources_by_year": {str(y): {f: str(getattr(self.sources_in(y), f)) for f in SOURCES} for y in self.years},
            "shares": {k: str(v) for k, v in self.shares().items()},
        }


def _year_amounts(raw: Mapping[Any, Any]) -> dict[int, Decimal]:
    return {int(year): money(amount) for year, amount in (raw or {}).items() if amount not in (None, "")}


def build(years: Iterable[int], lines: Iterable[Any], funding: Iterable[Any]) -> Budget:
    """A budget from cost-line and funding objects (saved rows or unsaved instances with the same fields).

    A one-year task needs no split: a line's whole value falls in its only year."""
    years = tuple(sorted(set(years)))
    built = []
    for number, line in enumerate(lines, start=1):
        amounts = _year_amounts(getattr(line, "year_amounts", {}) or {})
        unit_cost, quantity = money(line.unit_cost), Decimal(line.quantity or 0)
        if len(years) == 1 and not amounts:
            amounts = {years[0]: money(unit_cost * quantity)}
        built.append(
            Line(
                number=number,
                category=line.category,
                name=line.name,
                unit=line.unit,
                unit_cost=unit_cost,
                quantity=quantity,
                year_amounts=amounts,
                partner_id=getattr(line, "partner_id", None),
                activity_id=getattr(line, "activity_id", None),
            )
        )
    by_year = {
        int(row.year): Sources(*(money(getattr(row, f)) for f in SOURCES)) for row in funding if int(row.year) in years
    }
    return Budget(years=years, lines=tuple(built), funding=by_year)


def from_offer(offer: Any) -> Budget:
    """The budget of a saved offer (prefetch ``cost_lines`` and ``funding`` for a list)."""
    return build(offer.years, offer.cost_lines.all(), offer.funding.all())


def check(budget: Budget, call: Any) -> list[Problem]:
    """Every rule of section V and of the call that the budget breaks, in the order of the form."""
    problems: list[Problem] = []
    years = set(budget.years)
    for line in budget.lines:
        field = f"lines.{line.number}"
        if line.value <= 0:
            problems.append(
                Problem(
                    f"{field}.quantity",
                    _("Cost line %(n)s: the value is zero; give the unit cost and the number of units.")
                    % {"n": line.number},
                )
            )
        outside = sorted(y for y, amount in line.year_amounts.items() if y not in years and amount)
        if outside:
            problems.append(
                Problem(
                    f"{field}.year_amounts",
                    _("Cost line %(n)s has values in %(years)s, outside the years of the task.")
                    % {"n": line.number, "years": ", ".join(map(str, outside))},
                )
            )
        elif line.split_total != line.value:
            problems.append(
                Problem(
                    f"{field}.year_amounts",
                    _(
                        "Cost line %(n)s: the values per year add up to %(split)s, but the line is worth "
                        "%(value)s (unit cost × number of units)."
                    )
                    % {"n": line.number, "split": pln(line.split_total), "value": pln(line.value)},
                )
            )
    for year in budget.years:
        cost, sources = budget.cost_in(year), budget.sources_in(year)
        if sources.total != cost:
            problems.append(
                Problem(
                    f"funding.{year}.grant",
                    _(
                        "In %(year)s the sources of funding add up to %(sources)s, but the costs are %(cost)s; "
                        "they must be equal."
                    )
                    % {"year": year, "sources": pln(sources.total), "cost": pln(cost)},
                )
            )
    if call is None:
        return problems
    grant = budget.grant
    if call.max_grant is not None and grant > call.max_grant:
        problems.append(
            Problem(
                "grant",
                _("The requested grant of %(grant)s is above the call's largest grant of %(max)s.")
                % {"grant": pln(grant), "max": pln(call.max_grant)},
            )
        )
    if call.min_grant is not None and grant < call.min_grant:
        problems.append(
            Problem(
                "grant",
                _("The requested grant of %(grant)s is below the call's smallest grant of %(min)s.")
                % {"grant": pln(grant), "min": pln(call.min_grant)},
            )
        )
    funds = {row.year: row.amount for row in call.funds.all()}
    for year in budget.years:
        requested = budget.sources_in(year).grant
        available = funds.get(year)
        if available is None and requested:
            problems.append(
                Problem(
                    f"funding.{year}.grant",
                    _("The call has no funds for %(year)s; the grant for that year must be zero.") % {"year": year},
                )
            )
        elif available is not None and requested > available:
            problems.append(
                Problem(
                    f"funding.{year}.grant",
                    _(
                        "The grant requested for %(year)s, %(grant)s, is above the call's funds for that year, "
                        "%(funds)s."
                    )
                    % {"year": year, "grant": pln(requested), "funds": pln(available)},
                )
            )
    shares = budget.shares()
    rules = [
        (
            "own",
            call.own_share_min,
            "own_financial",
            _("The own contribution is %(share)s of the total cost; the call requires at least %(min)s."),
        ),
        (
            "own_financial",
            call.own_financial_share_min,
            "own_financial",
            _("The own financial contribution is %(share)s of the total cost; the call requires at least %(min)s."),
        ),
        (
            "own_nonfinancial",
            call.own_nonfinancial_share_min,
            "own_personal",
            _(
                "The own non-financial contribution (personal and material) is %(share)s of the total cost; the "
                "call requires at least %(min)s."
            ),
        ),
    ]
    for key, minimum, field, message in rules:
        if minimum and budget.total_cost and shares[key] < minimum:
            problems.append(
                Problem(
                    f"funding.{budget.years[0]}.{field}",
                    message % {"share": percent(shares[key]), "min": percent(minimum)},
                )
            )
    if call.admin_costs_max is not None and budget.total_cost:
        admin_share = share(budget.administration_cost, budget.total_cost)
        if admin_share > call.admin_costs_max:
            problems.append(
                Problem(
                    "lines.administration",
                    _(
                        "Administrative costs are %(cost)s, %(share)s of the total cost; the call allows at most "
                        "%(max)s."
                    )
                    % {
                        "cost": pln(budget.administration_cost),
                        "share": percent(admin_share),
                        "max": percent(call.admin_costs_max),
                    },
                )
            )
    if not call.recipient_fees_allowed:
        for year in budget.years:
            if budget.sources_in(year).recipient_fees:
                problems.append(
                    Problem(
                        f"funding.{year}.recipient_fees",
                        _("This call does not allow fees from the recipients of the task (%(year)s).") % {"year": year},
                    )
                )
    return problems
