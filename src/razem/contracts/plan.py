"""What a contract plans: the cost lines and sources of funding the report is settled against.

The plan is the budget of the offer's version the contract annexes (the updated offer after a partial award), kept
with the contract when it is prepared (``Contract.budget``); once an annex that changes the budget is signed, the
latest such annex's budget replaces it. The reports app reads the plan only through :func:`planned`.

A budget is kept as plain JSON (``as_data`` / ``from_data``)::

    {"years": [2027, 2028],
     "lines": [{"category": "realization", "name": ..., "unit": ..., "unit_cost": "150.00", "quantity": "60",
                "year_amounts": {"2027": "4500.00", "2028": "4500.00"}, "partner_id": null, "activity_id": 7}],
     "funding": {"2027": {"grant": "4000.00", "own_financial": "0.00", ...}, ...}}

``partner_id`` is the organization of a partner that bears the line in a joint offer (None: the lead oferent), as in
``grants.CostLine``; the lines keep the order of the offer's form (costs of the activities first, then
administrative costs), and ``Line.number`` counts them from 1 in that order.
"""

import types
from collections.abc import Mapping
from typing import Any

from razem.core.money import money
from razem.grants import budget as grants_budget


def as_data(budget: grants_budget.Budget) -> dict[str, Any]:
    """The budget as JSON (every amount a decimal string)."""
    return {
        "years": list(budget.years),
        "lines": [
            {
                "category": line.category,
                "name": line.name,
                "unit": line.unit,
                "unit_cost": str(money(line.unit_cost)),
                "quantity": f"{line.quantity.normalize():f}",
                "year_amounts": {str(y): str(money(line.year_amounts.get(y, 0))) for y in budget.years},
                "partner_id": line.partner_id,
                "activity_id": line.activity_id,
            }
            for line in budget.lines
        ],
        "funding": {
            str(y): {source: str(getattr(budget.sources_in(y), source)) for source in grants_budget.SOURCES}
            for y in budget.years
        },
    }


def from_data(data: Mapping[str, Any], years: Any = None) -> grants_budget.Budget:
    """The budget kept as JSON, computed by ``grants.budget`` (the same arithmetic as the offer's)."""
    lines = [
        types.SimpleNamespace(
            category=row.get("category", "realization"),
            name=row.get("name", ""),
            unit=row.get("unit", ""),
            unit_cost=row.get("unit_cost") or "0",
            quantity=row.get("quantity") or "0",
            year_amounts=row.get("year_amounts") or {},
            partner_id=row.get("partner_id"),
            activity_id=row.get("activity_id"),
        )
        for row in data.get("lines") or []
    ]
    funding = [
        types.SimpleNamespace(year=int(year), **{s: values.get(s) or "0" for s in grants_budget.SOURCES})
        for year, values in (data.get("funding") or {}).items()
    ]
    return grants_budget.build(data.get("years") or years or [], lines, funding)


def from_content(offer: Any, content: Mapping[str, Any]) -> dict[str, Any]:
    """The budget of a filed version (``OfferVersion.content``) as JSON, the lines tied to the offer's oferents and
    activities (the version names them by their place: oferent 1 is the lead, activity "2027.1" the first of 2027)."""
    from razem.grants.models import OfferPartner

    partners = [
        p.organization_id
        for p in offer.partners.filter(status=OfferPartner.Status.CONFIRMED).order_by("invited_at", "id")
    ]
    oferents: list[int | None] = [None, *partners]
    activities: dict[str, int] = {}
    counted: dict[int, int] = {}
    for activity in offer.activities.order_by("year", "position", "id"):
        counted[activity.year] = counted.get(activity.year, 0) + 1
        activities[f"{activity.year}.{counted[activity.year]}"] = activity.pk
    years = [int(y) for y in (content.get("budget") or {}).get("years") or []]
    lines = []
    for row in content.get("costs") or []:
        index = int(row.get("oferent") or 1)
        lines.append(
            {
                "category": row.get("category", "realization"),
                "name": row.get("name", ""),
                "unit": row.get("unit", ""),
                "unit_cost": str(row.get("unit_cost") or "0"),
                "quantity": str(row.get("quantity") or "0"),
                "year_amounts": {str(y): str(money((row.get("year_amounts") or {}).get(str(y)))) for y in years},
                "partner_id": oferents[index - 1] if 0 < index <= len(oferents) else None,
                "activity_id": activities.get(row.get("activity") or ""),
            }
        )
    funding = {
        str(y): {
            s: str(money(((content.get("funding") or {}).get(str(y)) or {}).get(s))) for s in grants_budget.SOURCES
        }
        for y in years
    }
    return {"years": years, "lines": lines, "funding": funding}


def signed_annex_budget(contract: Any) -> Mapping[str, Any] | None:
    """The budget of the latest signed annex that changed it, or None."""
    if contract.pk is None:
        return None
    rows = sorted((a for a in contract.annexes.all() if a.status == "signed" and a.budget), key=lambda a: a.number)
    return rows[-1].budget if rows else None


def planned(contract: Any) -> grants_budget.Budget:
    """The contract's budget (``grants.budget.Budget``): lines with their value per year, the sources per year."""
    data = signed_annex_budget(contract) or contract.budget
    if data:
        return from_data(data, contract.years)
    # A contract kept without its budget (made outside the services): the offer's rows as they stand.
    offer = contract.offer
    return grants_budget.build(contract.years, offer.cost_lines.all(), offer.funding.all())
