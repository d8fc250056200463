"""The canonical content of an offer as filed, its checksum, and what changed between two filed versions.

``offer_content(offer, declarations=..., signatories=...)`` reads the offer's rows once and returns plain JSON: every
field of sections I–VII of the 2018 form (Załącznik nr 1 to Dz.U. 2018 poz. 2057), the activities per year, the
results, the cost lines with their values per year, the funding per year, the budget as ``grants.budget`` computes
it, the oferents (the lead first, then the confirmed partners), the attachments with their size and SHA-256, the
declarations of section VII and the signatories. Amounts are decimal strings, dates ISO strings, labels of choices
the Polish words of the form (the filed content is a Polish document, whoever files it).

``content_checksum(content)`` is the SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8): the figure
printed on the receipt and on every page of the PDF, and recomputable from the stored version at any time.

``diff(old, new)`` lists what changed between two versions, field by field, with the label of the field.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from django.utils import translation
from django.utils.translation import gettext as _

from razem.core.money import money, pln
from razem.grants import budget as budget_module

SCHEMA = 1
FORM = "Dz.U. 2018 poz. 2057, załącznik nr 1"

# Section VII: the statements that offer alternatives, and their values (the words of the form).
DECLARATION_CHOICES: dict[str, tuple[str, ...]] = {
    "taxes": ("nie zalega", "zalega"),
    "social_insurance": ("nie zalega", "zalega"),
    "register": ("KRS", "inna ewidencja"),
}
CONFIRMED = "confirmed"
YES = {"yes", "on", "true", "1", "tak"}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


def _label(choices: Any, value: str) -> str:
    with translation.override("pl"):
        return str(dict(choices).get(value, value)) if value else ""


def _oferent(organization: Any, role: str) -> dict[str, Any]:
    return {
        "role": role,
        "name": organization.name,
        "legal_form": organization.legal_form,
        "legal_form_label": _label(type(organization).LegalForm.choices, organization.legal_form),
        "register": organization.register_type,
        "register_label": _label(type(organization).RegisterType.choices, organization.register_type),
        "krs": organization.krs,
        "register_number": organization.register_number,
        "nip": organization.nip,
        "regon": organization.regon,
        "address": organization.address,
        "website": organization.website,
        "email": organization.email,
        "phone": organization.phone,
    }


def declarations_content(declarations: Mapping[str, Any] | None) -> dict[str, Any]:
    """The statements of section VII as filed: the alternatives chosen and whether the person confirmed them."""
    declarations = declarations or {}
    result: dict[str, Any] = {key: _text(declarations.get(key)).strip() for key in DECLARATION_CHOICES}
    result[CONFIRMED] = _text(declarations.get(CONFIRMED)).strip().lower() in YES
    return result


def offer_content(
    offer: Any, *, declarations: Mapping[str, Any] | None = None, signatories: Iterable[Any] = ()
) -> dict[str, Any]:
    """The content of ``offer`` as it would be filed now, with these declarations and signatories."""
    call = offer.call
    partners = [
        p for p in offer.partners.select_related("organization").order_by("invited_at", "id") if p.status == "confirmed"
    ]
    organizations = [offer.organization, *(p.organization for p in partners)]
    index = {org.pk: number for number, org in enumerate(organizations, start=1)}
    activities = list(offer.activities.order_by("year", "position", "id"))
    activity_key: dict[int, str] = {}
    by_year: dict[str, list[dict[str, Any]]] = {}
    for activity in activities:
        rows = by_year.setdefault(str(activity.year), [])
        number = f"{activity.year}.{len(rows) + 1}"
        activity_key[activity.pk] = number
        rows.append(
            {
                "number": number,
                "name": activity.name,
                "description": activity.description,
                "target_group": activity.target_group,
                "planned_period": activity.planned_period,
                "subcontracted_scope": activity.subcontracted_scope,
            }
        )
    activity_names = {activity_key[a.pk]: a.name for a in activities}
    cost_rows = list(offer.cost_lines.order_by("category", "position", "id"))
    funding_rows = list(offer.funding.order_by("year"))
    budget = budget_module.build(offer.years, cost_rows, funding_rows)
    years = [str(year) for year in budget.years]
    costs = []
    for row, line in zip(cost_rows, budget.lines, strict=True):
        activity = activity_key.get(row.activity_id or 0, "")
        costs.append(
            {
                "number": line.number,
                "category": line.category,
                "activity": activity,
                "activity_name": activity_names.get(activity, ""),
                "oferent": index.get(row.partner_id or offer.organization_id, 1),
                "name": line.name,
                "unit": line.unit,
                "unit_cost": str(line.unit_cost),
                "quantity": str(row.quantity),
                "value": str(line.value),
                "year_amounts": {y: str(money(line.year_amounts.get(int(y), 0))) for y in years},
            }
        )
    funding = {
        y: {source: str(getattr(budget.sources_in(int(y)), source)) for source in budget_module.SOURCES} for y in years
    }
    split = budget.split()
    shares = []
    for org in organizations:
        per_year = split.get(None if org.pk == offer.organization_id else org.pk, {})
        shares.append(
            {
                "oferent": index[org.pk],
                "name": org.name,
                "years": {y: str(money(per_year.get(int(y), 0))) for y in years},
                "total": str(money(sum(per_year.values(), money(0)))),
            }
        )
    attachments = [
        {
            "name": a.name,
            "size": a.size,
            "sha256": a.sha256,
            "requirement": a.requirement.name if a.requirement_id and a.requirement else "",
        }
        for a in offer.attachments.select_related("requirement").order_by("uploaded_at", "id")
    ]
    people = sorted(
        signatories, key=lambda r: (index.get(r.organization_id, 99), getattr(r, "position", 0), r.full_name, r.pk)
    )
    return {
        "schema": SCHEMA,
        "form": FORM,
        "kind": offer.kind,
        "joint": bool(partners),
        "call": {
            "number": call.number,
            "title": call.title,
            "organ": call.organ,
            "task_kind": call.task_kind,
            "areas": [str(area) for area in call.areas.all()],
        }
        if call is not None
        else None,
        "task_form": offer.task_form,
        "task_form_label": _label(type(offer)._meta.get_field("task_form").choices or (), offer.task_form),
        "oferents": [
            _oferent(org, "lead" if number == 1 else "partner") for number, org in enumerate(organizations, 1)
        ],
        "contact": {"name": offer.contact_name, "phone": offer.contact_phone, "email": offer.contact_email},
        "task": {
            "title": offer.title,
            "start_date": _date(offer.start_date),
            "end_date": _date(offer.end_date),
            "synthetic_description": offer.synthetic_description,
            "results_description": offer.results_description,
        },
        "activities": {y: by_year.get(y, []) for y in sorted(set(years) | set(by_year))},
        "results": [
            {"name": r.name, "target_value": r.target_value, "monitoring": r.monitoring}
            for r in offer.results.order_by("position", "id")
        ],
        "characteristics": {"experience": offer.experience, "resources": offer.resources},
        "costs": costs,
        "funding": funding,
        "budget": budget.as_dict(),
        "split": shares,
        "other": {
            "payment": offer.payment,
            "payment_label": _label(type(offer).Payment.choices, offer.payment),
            "joint_roles": offer.joint_roles,
            "other_info": offer.other_info,
        },
        "declarations": declarations_content(declarations),
        "signatories": [
            {
                "oferent": index.get(r.organization_id, 0),
                "organization": organizations[index[r.organization_id] - 1].name if r.organization_id in index else "",
                "full_name": r.full_name,
                "function": r.function,
            }
            for r in people
        ],
        "attachments": attachments,
    }


def canonical_json(content: Mapping[str, Any]) -> bytes:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def content_checksum(content: Mapping[str, Any]) -> str:
    """The SHA-256 (hex) of the canonical JSON of ``content``."""
    return hashlib.sha256(canonical_json(content)).hexdigest()


# What changed between two versions ---------------------------------------------------------------------------------


class Change(NamedTuple):
    """One changed field: its label (section and field of the form), the old value and the new one, as shown."""

    label: str
    old: str
    new: str


MONEY_FIELDS = {"unit_cost", "value", "total_cost", "grant", *budget_module.SOURCES}


def _shown(key: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key in MONEY_FIELDS:
        try:
            return pln(value)
        except (ArithmeticError, ValueError, TypeError):
            return str(value)
    return str(value)


def _labels() -> dict[str, str]:
    return {
        # II
        "name": _("name"),
        "legal_form_label": _("legal form"),
        "register_label": _("register"),
        "krs": _("KRS number"),
        "register_number": _("number in another register"),
        "nip": _("NIP"),
        "regon": _("REGON"),
        "address": _("address"),
        "website": _("website"),
        "email": _("e-mail"),
        "phone": _("phone"),
        # III.4
        "description": _("description"),
        "target_group": _("target group"),
        "planned_period": _("planned time"),
        "subcontracted_scope": _("scope done by an entity that is not a party to the contract"),
        # III.6
        "target_value": _("planned level (target value)"),
        "monitoring": _("how it is monitored"),
        # V.A
        "category": _("category"),
        "activity_name": _("activity"),
        "oferent": _("oferent"),
        "unit": _("unit"),
        "unit_cost": _("unit cost"),
        "quantity": _("number of units"),
        "value": _("value"),
        # V.B
        "grant": _("requested grant"),
        "own_financial": _("own financial contribution"),
        "own_personal": _("own non-financial contribution: personal"),
        "own_material": _("own non-financial contribution: material"),
        "recipient_fees": _("fees from recipients"),
    }


def _row(row: Mapping[str, Any]) -> str:
    skip = {"number", "activity", "oferent", "year_amounts", "category"}
    return " · ".join(_text(v) for k, v in row.items() if k not in skip and v not in ("", None))


def _rows(
    prefix: str, old: list[Mapping[str, Any]], new: list[Mapping[str, Any]], fields: tuple[str, ...]
) -> Iterator[Change]:
    labels = _labels()
    for n in range(max(len(old), len(new))):
        label = f"{prefix}, " + _("row %(n)s") % {"n": n + 1}
        if n >= len(old):
            yield Change(label + ": " + _("added"), "", _row(new[n]))
            continue
        if n >= len(new):
            yield Change(label + ": " + _("removed"), _row(old[n]), "")
            continue
        for field in fields:
            a, b = old[n].get(field), new[n].get(field)
            if field == "year_amounts":
                for year in sorted(set(a or {}) | set(b or {})):
                    x, y = (a or {}).get(year), (b or {}).get(year)
                    if x != y:
                        yield Change(f"{label}: {year}", _shown("value", x), _shown("value", y))
            elif a != b:
                yield Change(f"{label}: {labels.get(field, field)}", _shown(field, a), _shown(field, b))


def _fields(
    prefix: str, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None, labels: Mapping[str, str]
) -> Iterator[Change]:
    old, new = old or {}, new or {}
    for key, label in labels.items():
        if old.get(key) != new.get(key):
            yield Change(f"{prefix}{label}", _shown(key, old.get(key)), _shown(key, new.get(key)))


def diff(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> list[Change]:
    """What changed from ``old`` to ``new`` (two filed contents), in the order of the form."""
    old, new = old or {}, new or {}
    labels = _labels()
    changes: list[Change] = []
    changes += _fields(
        _("Call") + ": ",
        old.get("call"),
        new.get("call"),
        {"number": _("number"), "title": _("title"), "task_kind": _("kind of public task")},
    )
    if old.get("task_form") != new.get("task_form"):
        changes.append(Change(_("I. Form of the task"), old.get("task_form_label", ""), new.get("task_form_label", "")))
    changes += _rows(
        _("II.1 Oferents"),
        old.get("oferents", []),
        new.get("oferents", []),
        (
            "name",
            "legal_form_label",
            "register_label",
            "krs",
            "register_number",
            "address",
            "website",
            "email",
            "phone",
        ),
    )
    changes += _fields(
        _("II.2 Contact person") + ": ",
        old.get("contact"),
        new.get("contact"),
        {"name": _("name"), "phone": _("phone"), "email": _("e-mail")},
    )
    changes += _fields(
        "",
        old.get("task"),
        new.get("task"),
        {
            "title": _("III.1 Title of the public task"),
            "start_date": _("III.2 Start date"),
            "end_date": _("III.2 End date"),
            "synthetic_description": _("III.3 Synthetic description of the task"),
        },
    )
    old_years, new_years = old.get("activities") or {}, new.get("activities") or {}
    for year in sorted(set(old_years) | set(new_years)):
        changes += _rows(
            _("III.4 Plan and schedule of activities for %(year)s") % {"year": year},
            old_years.get(year, []),
            new_years.get(year, []),
            ("name", "description", "target_group", "planned_period", "subcontracted_scope"),
        )
    changes += _fields(
        "",
        old.get("task"),
        new.get("task"),
        {"results_description": _("III.5 Expected results")},
    )
    changes += _rows(
        _("III.6 Results"),
        old.get("results", []),
        new.get("results", []),
        ("name", "target_value", "monitoring"),
    )
    changes += _fields(
        "",
        old.get("characteristics"),
        new.get("characteristics"),
        {"experience": _("IV.1 Earlier activity of the oferent"), "resources": _("IV.2 Resources of the oferent")},
    )
    changes += _rows(
        _("V.A Cost line"),
        old.get("costs", []),
        new.get("costs", []),
        ("category", "activity_name", "oferent", "name", "unit", "unit_cost", "quantity", "value", "year_amounts"),
    )
    old_funding, new_funding = old.get("funding") or {}, new.get("funding") or {}
    for year in sorted(set(old_funding) | set(new_funding)):
        changes += _fields(
            _("V.B Funding in %(year)s") % {"year": year} + ": ",
            old_funding.get(year),
            new_funding.get(year),
            {source: labels[source] for source in budget_module.SOURCES},
        )
    old_budget, new_budget = old.get("budget") or {}, new.get("budget") or {}
    changes += _fields(
        "",
        old_budget,
        new_budget,
        {"total_cost": _("V. Total cost of the task")},
    )
    if (old_budget.get("sources") or {}).get("grant") != (new_budget.get("sources") or {}).get("grant"):
        changes.append(
            Change(
                _("V. Requested grant"),
                _shown("grant", (old_budget.get("sources") or {}).get("grant")),
                _shown("grant", (new_budget.get("sources") or {}).get("grant")),
            )
        )
    changes += _fields(
        "",
        old.get("other"),
        new.get("other"),
        {
            "payment_label": _("VI.1 Paid or free of charge"),
            "joint_roles": _("VI.2 What each oferent does"),
            "other_info": _("VI.3 Other information"),
        },
    )
    old_decl, new_decl = old.get("declarations") or {}, new.get("declarations") or {}
    changes += _fields(
        _("VII. Statements") + ": ",
        old_decl,
        new_decl,
        {
            "taxes": _("taxes (3)"),
            "social_insurance": _("social insurance (4)"),
            "register": _("register (5)"),
            CONFIRMED: _("confirmed"),
        },
    )
    old_signed = "; ".join(_signatory(s) for s in old.get("signatories", []))
    new_signed = "; ".join(_signatory(s) for s in new.get("signatories", []))
    if old_signed != new_signed:
        changes.append(Change(_("VII. Signatories"), old_signed, new_signed))
    old_files = "; ".join(_attachment(a) for a in old.get("attachments", []))
    new_files = "; ".join(_attachment(a) for a in new.get("attachments", []))
    if old_files != new_files:
        changes.append(Change(_("Attachments"), old_files, new_files))
    return changes


def _signatory(row: Mapping[str, Any]) -> str:
    who = row.get("full_name", "")
    if row.get("function"):
        who += f" ({row['function']})"
    return f"{who}, {row.get('organization', '')}"


def _attachment(row: Mapping[str, Any]) -> str:
    return f"{row.get('name', '')} (SHA-256 {str(row.get('sha256', ''))[:12]}…)"
