"""The content of a report on the 2018 form as one canonical structure: built from the rows (``build``) for the page
while it is prepared, frozen into ``ReportFiling.content`` when filed (its SHA-256 is
``grants.content.content_checksum``), and rendered from it by the office's page and the PDF. Amounts are decimal
strings ("1234.50"), so that the JSON, its checksum and every rendering agree to the grosz."""

from typing import Any

from django.conf import settings

from razem.core.money import ZERO, money
from razem.grants.budget import SOURCES, Sources
from razem.reports import finance
from razem.reports.models import IncomeRow, Report

# The statements of the 2018 report form (and of the simplified one); the oferent ticks each before filing.
DECLARATIONS = ("status_unchanged", "true_information", "procurement", "data_protection")
FORM_2018 = "2018"
FORM_SIMPLIFIED = "2018-uproszczone"


def _sources(sources: Sources) -> dict[str, str]:
    values = {field: str(getattr(sources, field)) for field in SOURCES}
    values["own"] = str(sources.own)
    values["own_nonfinancial"] = str(sources.own_nonfinancial)
    values["total"] = str(sources.total)
    return values


def _shares(shares: dict[str, Any]) -> dict[str, str]:
    return {key: str(value) for key, value in shares.items()}


def _oferents(report: Report) -> list[dict[str, Any]]:
    from razem.grants.models import OfferPartner

    offer = report.contract.offer
    partners = (
        OfferPartner.objects.filter(offer=offer, status=OfferPartner.Status.CONFIRMED)
        .select_related("organization")
        .order_by("invited_at", "id")
    )
    lead = {"id": None, "name": offer.organization.name, "krs": offer.organization.krs}
    return [
        lead,
        *({"id": p.organization_id, "name": p.organization.name, "krs": p.organization.krs} for p in partners),
    ]


def _default_organ() -> str:
    from razem.grants.models import Call

    return str(Call._meta.get_field("organ").default)


def build(report: Report, figures: finance.Figures, *, problems: list[finance.Problem] | None = None) -> dict[str, Any]:
    """Everything the report says, as filed (``problems`` default to the figures' check)."""
    contract = report.contract
    offer = contract.offer
    small = report.is_small
    oferents = _oferents(report)
    names = {o["id"]: o["name"] for o in oferents}
    problems = finance.check(figures) if problems is None else problems
    years = list(figures.years)
    costs = [
        {
            "year": cost.year,
            "number": cost.number,
            "name": cost.name,
            "category": cost.category,
            "oferent": names.get(cost.partner_id, "") if cost.partner_id else names[None],
            "partner_id": cost.partner_id,
            "planned": str(cost.planned),
            "actual": str(cost.actual) if cost.actual is not None else None,
            "limit": str(cost.limit),
            "in_plan": cost.in_plan,
            "over": cost.over,
        }
        for cost in figures.costs
    ]
    by_year = {}
    for year in years:
        by_year[str(year)] = {
            "planned_cost": str(figures.planned_cost(year)),
            "actual_cost": str(figures.actual_cost(year)),
            "excess": str(figures.excess(year)),
            "grant_received": str(figures.grant_received(year)),
            "grant_spent": str(figures.actual_sources(year).grant),
            "planned": _sources(figures.planned_sources(year)),
            "actual": _sources(figures.actual_sources(year)),
            "planned_shares": _shares(figures.planned_shares(year)),
            "actual_shares": _shares(figures.actual_shares(year)),
        }
    split = []
    if len(oferents) > 1 and not small:
        per_oferent = figures.split()
        for oferent in oferents:
            values = per_oferent.get(oferent["id"], {})
            split.append(
                {
                    "name": oferent["name"],
                    "years": {
                        str(y): {
                            "planned": str(values.get(y, (ZERO, ZERO))[0]),
                            "actual": str(values.get(y, (ZERO, ZERO))[1]),
                        }
                        for y in years
                    },
                }
            )
    income = list(report.income.all())
    rows = list(report.results.all())
    call = offer.call
    return {
        "form": FORM_SIMPLIFIED if small else FORM_2018,
        "kind": report.kind,
        "small": small,
        "organ": call.organ if call is not None else _default_organ(),
        "office": settings.RAZEM_OFFICE.get("name", ""),
        "contract": {
            "number": contract.number,
            "signed_on": contract.signed_on.isoformat() if contract.signed_on else None,
            "title": contract.title,
            "start_date": contract.start_date.isoformat(),
            "end_date": contract.end_date.isoformat(),
        },
        "call": {"number": call.number, "title": call.title} if call is not None else None,
        "oferents": [{"name": o["name"], "krs": o["krs"]} for o in oferents],
        "joint": len(oferents) > 1,
        "period": {"start": report.period_start.isoformat(), "end": report.period_end.isoformat()},
        "results_description": report.results_description,
        "activities_description": report.activities_description,
        "results": [
            {
                "name": r.name,
                "planned": r.planned,
                "achieved": r.achieved,
                "measured": r.measured,
                "comment": r.comment,
            }
            for r in rows
        ]
        if not small
        else [],
        "tolerance": str(figures.tolerance),
        "years": years,
        "costs": costs,
        "by_year": by_year,
        "totals": {
            "planned_cost": str(figures.total(figures.planned_cost)),
            "actual_cost": str(figures.total(figures.actual_cost)),
            "planned": _sources(figures.planned_total_sources),
            "actual": _sources(figures.actual_total_sources),
            "planned_shares": _shares(figures.planned_shares()),
            "actual_shares": _shares(figures.actual_shares()),
        },
        "split": split,
        "other_income": [
            {"year": i.year, "description": i.description, "amount": str(money(i.amount))}
            for i in income
            if i.kind == IncomeRow.Kind.OTHER
        ],
        "fees": [
            {"year": i.year, "description": i.description, "amount": str(money(i.amount))}
            for i in income
            if i.kind == IncomeRow.Kind.FEE
        ],
        "cost_remarks": report.cost_remarks,
        "additional_info": report.additional_info if not small else "",
        "declarations": {key: (report.declarations or {}).get(key) == "yes" for key in DECLARATIONS},
        "deviations_declared": report.deviations_declared,
        "problems": [{"field": p.field, "message": p.message, "kind": p.kind} for p in problems],
    }
