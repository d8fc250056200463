"""A report's content (``reports.content``) arranged for the pages and the PDF: the costs grouped by year, the
sources with their planned and actual values and shares, the split between oferents, the problems by kind."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from razem.core.money import ZERO, money

SOURCE_ROWS = (
    ("grant", "1."),
    ("own", "2."),
    ("own_financial", "2.1."),
    ("own_nonfinancial", "2.2."),
    ("own_personal", ""),
    ("own_material", ""),
    ("recipient_fees", "3."),
)


def source_labels() -> dict[str, str]:
    return {
        "grant": _("Grant"),
        "own": _("Own contribution"),
        "own_financial": _("Own financial contribution"),
        "own_nonfinancial": _("Own non-financial contribution (personal and material)"),
        "own_personal": _("of which personal"),
        "own_material": _("of which material"),
        "recipient_fees": _("Monetary fees from the recipients of the task"),
    }


def declaration_labels() -> dict[str, str]:
    return {
        "status_unchanged": _("The legal status of the oferent(s) has not changed since the contract was made."),
        "true_information": _("All the information in this report is true, as the law and the facts stand."),
        "procurement": _(
            "Supplies, services and works paid from the grant were bought under the public procurement rules "
            "where they apply."
        ),
        "data_protection": _(
            "The people whose personal data the report contains have made the statements the data protection "
            "rules require."
        ),
    }


def _sources(figures: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows of II.2 for a year's (or the whole task's) figures: planned and actual values and shares."""
    planned, actual = figures.get("planned") or {}, figures.get("actual") or {}
    shares_planned, shares_actual = figures.get("planned_shares") or {}, figures.get("actual_shares") or {}
    labels = source_labels()
    return [
        {
            "key": key,
            "number": number,
            "label": labels[key],
            "minor": not number,
            "planned": money(planned.get(key)),
            "actual": money(actual.get(key)),
            "planned_share": money(shares_planned.get(key)),
            "actual_share": money(shares_actual.get(key)),
        }
        for key, number in SOURCE_ROWS
    ]


def present(content: Mapping[str, Any]) -> dict[str, Any]:
    years = [int(y) for y in content.get("years") or []]
    by_year = content.get("by_year") or {}
    costs_by_year: dict[int, list[dict[str, Any]]] = {y: [] for y in years}
    for cost in content.get("costs") or []:
        actual = cost.get("actual")
        row = {
            **cost,
            "planned": money(cost.get("planned")),
            "actual": money(actual) if actual is not None else None,
            "limit": money(cost.get("limit")),
            "difference": money(money(actual) - money(cost.get("planned"))) if actual is not None else None,
        }
        costs_by_year.setdefault(int(cost["year"]), []).append(row)
    per_year = []
    for year in years:
        figures = by_year.get(str(year)) or {}
        rows = costs_by_year.get(year, [])
        per_year.append(
            {
                "year": year,
                "costs": rows,
                "realization": [r for r in rows if r.get("category") == "realization"],
                "administration": [r for r in rows if r.get("category") != "realization"],
                "planned_cost": money(figures.get("planned_cost")),
                "actual_cost": money(figures.get("actual_cost")),
                "sources": _sources(figures),
                "planned_total": money((figures.get("planned") or {}).get("total")),
                "actual_total": money((figures.get("actual") or {}).get("total")),
            }
        )
    totals = content.get("totals") or {}
    split = [
        {
            "name": row["name"],
            "years": [
                {
                    "year": y,
                    "planned": money(((row.get("years") or {}).get(str(y)) or {}).get("planned")),
                    "actual": money(((row.get("years") or {}).get(str(y)) or {}).get("actual")),
                }
                for y in years
            ],
        }
        for row in content.get("split") or []
    ]
    problems = content.get("problems") or []
    labels = declaration_labels()
    return {
        "years": years,
        "multi_year": len(years) > 1,
        "per_year": per_year,
        "totals": {
            "planned_cost": money(totals.get("planned_cost")),
            "actual_cost": money(totals.get("actual_cost")),
            "sources": _sources(totals),
        },
        "split": split,
        "other_income": [{**i, "amount": money(i.get("amount"))} for i in content.get("other_income") or []],
        "other_income_total": money(sum((money(i.get("amount")) for i in content.get("other_income") or []), ZERO)),
        "fees": [{**i, "amount": money(i.get("amount"))} for i in content.get("fees") or []],
        "fees_total": money(sum((money(i.get("amount")) for i in content.get("fees") or []), ZERO)),
        "errors": [p for p in problems if p.get("kind") != "deviation"],
        "deviations": [p for p in problems if p.get("kind") == "deviation"],
        "declarations": [
            {"key": key, "label": labels.get(key, key), "given": bool(given)}
            for key, given in (content.get("declarations") or {}).items()
        ],
        "tolerance": Decimal(str(content.get("tolerance") or "0")),
    }
