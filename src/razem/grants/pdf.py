"""The filed version of an offer as a PDF in the layout of the 2018 form (Załącznik nr 1 to Dz.U. 2018 poz. 2057).

The PDF is rendered from the version's content (``OfferVersion.content``), never from the offer's rows, which may have
changed since; the offer number, the version and the SHA-256 of the content are printed in the margins of every page,
so that a printed or ePUAP copy can be matched to the filed version. It is always in Polish (the form is a Polish
document, and one version has one document) and issued through ``core.documents.issue_pdf`` (kind
``grants.offer``): kept as a snapshot, reused while its content is unchanged."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils import translation

from razem.core.documents import issue_pdf
from razem.core.models import DocumentSnapshot
from razem.core.money import ZERO, money, percent, pln
from razem.grants.models import OfferVersion

KIND = "grants.offer"
TEMPLATE = "grants/pdf/offer.html"
LANGUAGE = "pl"
SOURCES = ("grant", "own_financial", "own_personal", "own_material", "recipient_fees")


def _css(text: Any) -> str:
    """Text safe inside a CSS string of a page margin box."""
    return "".join(ch for ch in str(text or "") if ch not in '"\\\n\r<>')


def amount(value: Any) -> str:
    """An amount in a table whose column says [PLN]: "12 345,67"."""
    return pln(value).removesuffix("\u00a0zł")


def _amounts(values: Mapping[str, Any], years: list[str]) -> list[str]:
    return [amount(values.get(year, 0)) for year in years]


def _sum_row(lines: list[dict[str, Any]], years: list[str]) -> dict[str, Any]:
    per_year = [amount(sum((money(line["year_amounts"].get(y, 0)) for line in lines), ZERO)) for y in years]
    return {"total": amount(sum((money(line["value"]) for line in lines), ZERO)), "years": per_year}


def cost_table(content: Mapping[str, Any]) -> dict[str, Any]:
    """V.A as rows: category I (grouped by activity, and by oferent in a joint offer) and II, with their sums."""
    years = [str(y) for y in content["budget"]["years"]]
    joint = content.get("joint")
    names = {n: o["name"] for n, o in enumerate(content.get("oferents", []), start=1)}
    realization = [c for c in content.get("costs", []) if c["category"] == "realization"]
    administration = [c for c in content.get("costs", []) if c["category"] != "realization"]
    groups: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for line in realization:
        groups.setdefault((line.get("oferent", 1), line.get("activity", "")), []).append(line)
    rows: list[dict[str, Any]] = []
    for g, ((oferent, _activity), lines) in enumerate(groups.items(), start=1):
        title = lines[0].get("activity_name") or "—"
        if joint:
            title = f"{title} – {names.get(oferent, '')}"
        rows.append({"kind": "group", "number": f"I.{g}.", "name": title})
        for n, line in enumerate(lines, start=1):
            rows.append(_line_row(line, f"I.{g}.{n}.", years))
    admin_rows = [_line_row(line, f"II.{n}.", years) for n, line in enumerate(administration, start=1)]
    total = {
        "total": amount(content["budget"]["total_cost"]),
        "years": _amounts(content["budget"]["cost_by_year"], years),
    }
    return {
        "years": years,
        "realization": rows,
        "realization_sum": _sum_row(realization, years),
        "administration": admin_rows,
        "administration_sum": _sum_row(administration, years),
        "total": total,
    }


def _line_row(line: Mapping[str, Any], number: str, years: list[str]) -> dict[str, Any]:
    return {
        "kind": "line",
        "number": number,
        "name": line["name"],
        "unit": line["unit"],
        "unit_cost": amount(line["unit_cost"]),
        "quantity": f"{Decimal(line['quantity']).normalize():f}".replace(".", ","),
        "total": amount(line["value"]),
        "years": _amounts(line["year_amounts"], years),
    }


def funding_table(content: Mapping[str, Any]) -> list[dict[str, Any]]:
    """V.B: the sources of funding, their values per year and their shares of the total cost."""
    budget = content["budget"]
    years = [str(y) for y in budget["years"]]
    sources, by_year, shares = budget["sources"], budget["sources_by_year"], budget["shares"]

    def value(key: str, year: str | None = None) -> Decimal:
        values = sources if year is None else by_year.get(year, {})
        if key == "own":
            return money(
                sum((money(values.get(k, 0)) for k in ("own_financial", "own_personal", "own_material")), ZERO)
            )
        if key == "own_nonfinancial":
            return money(money(values.get("own_personal", 0)) + money(values.get("own_material", 0)))
        return money(values.get(key, 0))

    def row(number: str, label: str, key: str, minor: bool = False) -> dict[str, Any]:
        return {
            "number": number,
            "label": label,
            "total": amount(value(key)),
            "years": [amount(value(key, y)) for y in years],
            "share": percent(shares.get(key, "0")),
            "minor": minor,
        }

    total = {
        "number": "1.",
        "label": "Suma wszystkich kosztów realizacji zadania",
        "total": amount(budget["total_cost"]),
        "years": _amounts(budget["cost_by_year"], years),
        "share": percent(100 if money(budget["total_cost"]) else 0),
        "minor": False,
    }
    return [
        total,
        row("2.", "Planowana dotacja w ramach niniejszej oferty", "grant"),
        row("3.", "Wkład własny", "own"),
        row("3.1.", "Wkład własny finansowy", "own_financial"),
        row("3.2.", "Wkład własny niefinansowy (osobowy i rzeczowy)", "own_nonfinancial"),
        row("", "w tym wkład osobowy", "own_personal", minor=True),
        row("", "w tym wkład rzeczowy", "own_material", minor=True),
        row("4.", "Świadczenia pieniężne od odbiorców zadania", "recipient_fees"),
    ]


def split_table(content: Mapping[str, Any]) -> dict[str, Any]:
    """V.C: the costs borne by each oferent of a joint offer, per year."""
    years = [str(y) for y in content["budget"]["years"]]
    rows = [
        {"number": f"{n}.", "name": row["name"], "total": amount(row["total"]), "years": _amounts(row["years"], years)}
        for n, row in enumerate(content.get("split", []), start=1)
    ]
    total = {
        "total": amount(content["budget"]["total_cost"]),
        "years": _amounts(content["budget"]["cost_by_year"], years),
    }
    return {"rows": rows, "total": total}


def column_widths(years: int) -> dict[str, Any]:
    """The widths (%) of the columns of V.A–V.C: fixed, so that the tables lay out fast; more than three years go
    on landscape pages."""
    wide = years > 3
    number, unit, quantity, value = (5, 7, 6, 8) if wide else (6, 8, 6, 10)
    return {
        "wide": wide,
        "number": number,
        "unit": unit,
        "quantity": quantity,
        "value": value,
        "name": 100 - number - unit - quantity - value * (2 + years),
        "source_b": 100 - number - value * (2 + (years if years > 1 else 0)),
        "source_c": 100 - number - value * (1 + years),
    }


def pdf_context(version: OfferVersion) -> dict[str, Any]:
    content = version.content
    offer = version.offer
    return {
        "widths": column_widths(len(content["budget"]["years"])),
        "version": version,
        "c": content,
        "number": offer.number,
        "header": {
            "number": _css(offer.number),
            "version": version.number,
            "checksum": _css(version.checksum),
        },
        "years": [str(y) for y in content["budget"]["years"]],
        "costs": cost_table(content),
        "funding": funding_table(content),
        "split": split_table(content),
        "activities": [
            {"year": year, "rows": rows} for year, rows in sorted((content.get("activities") or {}).items()) if rows
        ],
        "start_date": _day(content["task"].get("start_date")),
        "end_date": _day(content["task"].get("end_date")),
    }


def _day(iso: str | None) -> str:
    """An ISO date as the form's "dd.mm.rrrr"."""
    if not iso:
        return "—"
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def offer_pdf(*, version: OfferVersion, actor: Any = None) -> DocumentSnapshot:
    """The PDF of ``version`` as issued (the same snapshot while its rendering is unchanged)."""
    with translation.override(LANGUAGE):
        return issue_pdf(
            template=TEMPLATE,
            context=pdf_context(version),
            kind=KIND,
            obj=version,
            title=f"Oferta {version.offer.number}, wersja {version.number}",
            actor=actor,
        )


def filename(version: OfferVersion) -> str:
    number = (version.offer.number or str(version.offer_id)).replace("/", "-")
    return f"oferta-{number}-v{version.number}.pdf"
