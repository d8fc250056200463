"""What a contract and an annex say, as plain JSON: the parties, the task, the grant per year with its payment days,
the own contribution, the tolerance, the reporting duties and the annexed offer (its version and SHA-256).

A draft's content is computed from its rows each time; signing freezes it (``Contract.content``), so that the PDF
of a signed contract, rendered from it, is the document that was signed. Amounts are decimal strings and dates ISO
strings, as in ``grants.content``.
"""

import datetime
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.urls import reverse

from razem.contracts import bank, plan
from razem.contracts.predicates import award_of
from razem.core.deadlines import days_of, deadline
from razem.core.money import ZERO, money, pln
from razem.grants import budget as grants_budget

SCHEMA = 1
TEMPLATE = "Dz.U. 2018 poz. 2057, załącznik nr 3"
FORM_LABELS = {
    "powierzenie": "o powierzenie realizacji zadania publicznego",
    "wspieranie": "o wsparcie realizacji zadania publicznego",
}
SOURCE_LABELS = {
    "grant": "Dotacja",
    "own_financial": "Wkład własny finansowy",
    "own_personal": "Wkład własny osobowy",
    "own_material": "Wkład własny rzeczowy",
    "recipient_fees": "Świadczenia pieniężne od odbiorców zadania",
}


def checksum(content: Mapping[str, Any]) -> str:
    """The SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8), as for a filed offer."""
    data = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def _iso(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


def _oferents(contract: Any) -> list[dict[str, Any]]:
    content = contract.version.content if contract.version_id else {}
    rows = content.get("oferents") or []
    if rows:
        keys = ("role", "name", "legal_form_label", "register_label", "krs", "register_number", "nip", "regon")
        return [{**{k: row.get(k, "") for k in keys}, "address": row.get("address", "")} for row in rows]
    organization = contract.offer.organization
    return [
        {
            "role": "lead",
            "name": organization.name,
            "legal_form_label": organization.get_legal_form_display(),
            "register_label": organization.get_register_type_display(),
            "krs": organization.krs,
            "register_number": organization.register_number,
            "nip": organization.nip,
            "regon": organization.regon,
            "address": organization.address,
        }
    ]


def budget_summary(budget: grants_budget.Budget) -> dict[str, Any]:
    """The costs and sources of a budget as the contract states them (§ 3–4 of the template)."""
    sources, shares = budget.sources, budget.shares()
    return {
        "total": str(budget.total_cost),
        "grant": str(sources.grant),
        "own": str(sources.own),
        "own_financial": str(sources.own_financial),
        "own_nonfinancial": str(sources.own_nonfinancial),
        "own_personal": str(sources.own_personal),
        "own_material": str(sources.own_material),
        "recipient_fees": str(sources.recipient_fees),
        "shares": {key: str(value) for key, value in shares.items()},
        "by_year": [
            {
                "year": year,
                "cost": str(budget.cost_in(year)),
                "grant": str(budget.sources_in(year).grant),
                "own": str(budget.sources_in(year).own),
                "recipient_fees": str(budget.sources_in(year).recipient_fees),
            }
            for year in budget.years
        ],
    }


def budget_table(budget: grants_budget.Budget) -> dict[str, Any]:
    """The cost lines and sources of a budget, for an annex that changes them."""
    years = list(budget.years)
    return {
        "years": years,
        "lines": [
            {
                "number": line.number,
                "category": line.category,
                "name": line.name,
                "unit": line.unit,
                "unit_cost": str(line.unit_cost),
                "quantity": f"{line.quantity.normalize():f}",
                "value": str(line.value),
                "years": [str(money(line.year_amounts.get(y, ZERO))) for y in years],
            }
            for line in budget.lines
        ],
        "sources": [
            {
                "key": source,
                "label": SOURCE_LABELS[source],
                "years": [str(getattr(budget.sources_in(y), source)) for y in years],
                "total": str(getattr(budget.sources, source)),
            }
            for source in grants_budget.SOURCES
        ],
        "total": str(budget.total_cost),
        "cost_by_year": [str(budget.cost_in(y)) for y in years],
    }


def reporting(contract: Any, end_date: datetime.date) -> dict[str, Any]:
    """The reporting duties (art. 18): the final report within ``grant_report_days`` after the end; for a
    multi-year task a report of each budget year but the last, counted from the year's end; partial reports on the
    office's demand, due at least ``partial_report_min_days`` after it."""
    final = deadline("grant_report_days", end_date)
    yearly = [
        {"year": year, "due": _iso(deadline("grant_report_days", datetime.date(year, 12, 31)).date)}
        for year in range(contract.start_date.year, end_date.year)
    ]
    return {
        "final_days": final.days,
        "final_due": _iso(final.date),
        "legal_ref": final.legal_ref,
        "partial_min_days": days_of("partial_report_min_days", end_date),
        "yearly": yearly,
    }


def contract_content(contract: Any) -> dict[str, Any]:
    """Everything the contract states, from its rows (a draft) — see ``Contract.content`` for a signed one."""
    offer = contract.offer
    version = contract.version
    call = offer.call
    award = award_of(offer)
    decision = award.decision if award is not None else None
    budget = plan.from_data(contract.budget, contract.years) if contract.budget else plan.planned(contract)
    tranches = list(contract.tranches.all())
    oferents = _oferents(contract)
    return {
        "schema": SCHEMA,
        "template": TEMPLATE,
        "number": contract.number,
        "form": contract.form,
        "form_label": FORM_LABELS.get(contract.form, FORM_LABELS["wspieranie"]),
        "place_of_signing": contract.place_of_signing,
        "signed_on": _iso(contract.signed_on),
        "principal": contract.principal,
        "organ": contract.organ,
        "city_signatories": contract.city_signatories,
        "oferents": oferents,
        "joint": len(oferents) > 1,
        "signatories": list(contract.oferent_signatories or []),
        "small_grant": offer.kind == "small_grant",
        "call": {"number": call.number, "title": call.title, "task_kind": call.task_kind} if call else None,
        "decision": {"number": decision.number, "made_on": _iso(decision.made_on)} if decision else None,
        "task": {
            "title": contract.title,
            "start_date": _iso(contract.start_date),
            "end_date": _iso(contract.end_date),
        },
        "offer": {
            "number": offer.number,
            "version": version.number if version else None,
            "checksum": version.checksum if version else "",
            "filed_at": version.filed_at.isoformat() if version else "",
            "pdf": reverse("grants:version_pdf", args=[offer.pk, version.number]) if version else "",
        },
        "grant": {
            "total": str(money(sum((t.amount for t in tranches), ZERO))),
            "tranches": [
                {"year": t.year, "amount": str(money(t.amount)), "due_date": _iso(t.due_date)} for t in tranches
            ],
        },
        "costs": budget_summary(budget),
        "tolerance": str(money(contract.tolerance)),
        "bank_account": bank.formatted(contract.bank_account),
        "reports": reporting(contract, contract.end_date),
    }


# Annexes -------------------------------------------------------------------------------------------------------


def line_changes(old: grants_budget.Budget, new: grants_budget.Budget) -> list[dict[str, str]]:
    """What an annex changes in the budget, line by line and source by source, as shown."""
    changes: list[dict[str, str]] = []
    for n in range(max(len(old.lines), len(new.lines))):
        a = old.lines[n] if n < len(old.lines) else None
        b = new.lines[n] if n < len(new.lines) else None
        label = f"Pozycja {n + 1}"
        if a is None or b is None:
            if b is not None:
                changes.append({"label": f"{label}: dodana", "old": "", "new": f"{b.name}, {pln(b.value)}"})
            elif a is not None:
                changes.append({"label": f"{label}: usunięta", "old": f"{a.name}, {pln(a.value)}", "new": ""})
            continue
        if a.name != b.name:
            changes.append({"label": f"{label}: rodzaj kosztu", "old": a.name, "new": b.name})
        if a.unit_cost != b.unit_cost or a.quantity != b.quantity or a.unit != b.unit:
            changes.append(
                {
                    "label": f"{label} ({b.name}): koszt jednostkowy × liczba jednostek",
                    "old": f"{pln(a.unit_cost)} × {a.quantity.normalize():f} {a.unit}",
                    "new": f"{pln(b.unit_cost)} × {b.quantity.normalize():f} {b.unit}",
                }
            )
        for year in new.years:
            x, y = money(a.year_amounts.get(year, ZERO)), money(b.year_amounts.get(year, ZERO))
            if x != y:
                changes.append({"label": f"{label} ({b.name}): {year}", "old": pln(x), "new": pln(y)})
    for year in new.years:
        for source in grants_budget.SOURCES:
            x, y = getattr(old.sources_in(year), source), getattr(new.sources_in(year), source)
            if x != y:
                changes.append({"label": f"{SOURCE_LABELS[source]} {year}", "old": pln(x), "new": pln(y)})
    return changes


def date_changes(
    old: tuple[datetime.date, datetime.date], new: tuple[datetime.date, datetime.date]
) -> list[dict[str, str]]:
    rows = []
    for label, a, b in (("Termin rozpoczęcia zadania", old[0], new[0]), ("Termin zakończenia zadania", old[1], new[1])):
        if a != b:
            rows.append({"label": label, "old": a.strftime("%d.%m.%Y"), "new": b.strftime("%d.%m.%Y")})
    return rows


def annex_content(annex: Any) -> dict[str, Any]:
    """Everything the annex states: the contract it changes, its reason, the new dates, the new budget."""
    contract = annex.contract
    frozen = contract.content or contract_content(contract)
    new_budget = plan.from_data(annex.budget, contract.years) if annex.budget else None
    return {
        "schema": SCHEMA,
        "number": annex.number,
        "contract": {
            "number": frozen.get("number") or contract.number,
            "signed_on": frozen.get("signed_on") or _iso(contract.signed_on),
            "form_label": frozen.get("form_label", ""),
            "title": frozen.get("task", {}).get("title", contract.title),
        },
        "principal": contract.principal,
        "organ": contract.organ,
        "city_signatories": contract.city_signatories,
        "oferents": frozen.get("oferents", []),
        "signatories": list(contract.oferent_signatories or []),
        "place_of_signing": contract.place_of_signing,
        "signed_on": _iso(annex.signed_on),
        "reason": annex.reason,
        "task": {"start_date": _iso(annex.start_date), "end_date": _iso(annex.end_date)},
        "budget": budget_table(new_budget) if new_budget is not None else None,
        "costs": budget_summary(new_budget) if new_budget is not None else None,
        "tranches": [{"year": year, "amount": str(new_budget.sources_in(year).grant)} for year in new_budget.years]
        if new_budget is not None
        else [],
        "changes": list(annex.changes or []),
        "reports": reporting(contract, annex.end_date),
    }
