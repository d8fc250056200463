"""The simplified cost estimate (section IV of the simplified offer): cost lines with their unit, number of units
and unit cost, and for each the part the grant covers; the rest of the line is the oferent's own part (financial,
or non-financial: work or things). Every sum is the server's, through ``core.money``.

The estimate is stored as ``grants.CostLine`` rows (their whole value in the budget year: the year the task starts)
with a ``CostShare`` each, and one ``grants.Funding`` row for the budget year derived from them (the grant, and the
own parts by kind), so that the contract and the report read the offer as they read any other.
"""

import dataclasses
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from razem.core.money import ZERO, money, share

OWN_KINDS = ("own_financial", "own_personal", "own_material")


@dataclasses.dataclass(frozen=True)
class Line:
    number: int
    name: str
    unit: str
    quantity: Decimal
    unit_cost: Decimal
    grant: Decimal
    own_kind: str

    @property
    def value(self) -> Decimal:
        return money(self.unit_cost * self.quantity)

    @property
    def own(self) -> Decimal:
        return money(self.value - self.grant)


@dataclasses.dataclass(frozen=True)
class Estimate:
    lines: tuple[Line, ...]

    @property
    def total(self) -> Decimal:
        return money(sum((line.value for line in self.lines), ZERO))

    @property
    def grant(self) -> Decimal:
        return money(sum((line.grant for line in self.lines), ZERO))

    @property
    def own(self) -> Decimal:
        return money(self.total - self.grant)

    def own_of(self, kind: str) -> Decimal:
        return money(sum((line.own for line in self.lines if line.own_kind == kind), ZERO))

    @property
    def grant_share(self) -> Decimal:
        return share(self.grant, self.total)

    @property
    def own_share(self) -> Decimal:
        return share(self.own, self.total)

    def funding(self) -> dict[str, Decimal]:
        """The ``grants.Funding`` values of the budget year."""
        values = {kind: self.own_of(kind) for kind in OWN_KINDS}
        return {"grant": self.grant, **values, "recipient_fees": ZERO}

    def as_dict(self) -> dict[str, Any]:
        """The figures as canonical text, for the filed version."""
        return {
            "lines": [
                {
                    "number": line.number,
                    "name": line.name,
                    "unit": line.unit,
                    "quantity": str(line.quantity),
                    "unit_cost": str(line.unit_cost),
                    "value": str(line.value),
                    "grant": str(line.grant),
                    "own": str(line.own),
                    "own_kind": line.own_kind,
                }
                for line in self.lines
            ],
            "total": str(self.total),
            "grant": str(self.grant),
            "own": str(self.own),
            "own_by_kind": {kind: str(self.own_of(kind)) for kind in OWN_KINDS},
            "grant_share": str(self.grant_share),
            "own_share": str(self.own_share),
        }


def build(rows: Iterable[Any]) -> Estimate:
    """An estimate from rows with ``name``, ``unit``, ``quantity``, ``unit_cost``, ``grant`` and ``own_kind``."""
    lines = []
    for number, row in enumerate(rows, start=1):
        lines.append(
            Line(
                number=number,
                name=str(getattr(row, "name", "") or ""),
                unit=str(getattr(row, "unit", "") or ""),
                quantity=Decimal(getattr(row, "quantity", None) or 0),
                unit_cost=money(getattr(row, "unit_cost", None)),
                grant=money(getattr(row, "grant", None)),
                own_kind=str(getattr(row, "own_kind", "") or OWN_KINDS[0]),
            )
        )
    return Estimate(lines=tuple(lines))


@dataclasses.dataclass(frozen=True)
class _Row:
    name: str
    unit: str
    quantity: Decimal
    unit_cost: Decimal
    grant: Decimal
    own_kind: str


def from_offer(offer: Any) -> Estimate:
    """The estimate of a saved offer (prefetch ``cost_lines__small_grant_share`` for a list)."""
    rows = []
    for line in sorted(offer.cost_lines.all(), key=lambda line: (line.position, line.pk)):
        part = getattr(line, "small_grant_share", None)
        rows.append(
            _Row(
                name=line.name,
                unit=line.unit,
                quantity=line.quantity,
                unit_cost=line.unit_cost,
                grant=part.grant if part is not None else ZERO,
                own_kind=part.own_kind if part is not None else OWN_KINDS[0],
            )
        )
    return build(rows)


def from_content(content: Any) -> Estimate:
    """The estimate as filed (``OfferVersion.content["small_grant"]["estimate"]``)."""
    rows = (content.get("small_grant") or {}).get("estimate", {}).get("lines", [])
    return build(
        _Row(
            name=row["name"],
            unit=row["unit"],
            quantity=Decimal(row["quantity"]),
            unit_cost=Decimal(row["unit_cost"]),
            grant=Decimal(row["grant"]),
            own_kind=row["own_kind"],
        )
        for row in rows
    )
