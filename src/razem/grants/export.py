"""The office's export of the offers of a call (point 12): CSV and XLSX through ``core.lists`` and the formula-safe
writer of ``core.spreadsheet``.

One row per offer: number, oferent(s), title, form, dates, total cost, the requested grant per budget year and in
total, the own contribution with its financial and non-financial parts and their shares, fees from recipients,
status, when filed, the version and its SHA-256. The XLSX has a second sheet of cost lines: one row per cost line
of each offer listed (V.A), with the offer's number, so that the office can sum or filter them in a spreadsheet
(the issue's "one sheet per cost line" read as one sheet of cost lines). Every figure comes from the current
filed version (``selectors.staff.figures``), as on the page.

Amounts are written as plain decimals with a comma ("12345,67", no thousands separator), shares as "12,50":
what Polish Excel reads as numbers from the CSV. The kernel's writer stores every XLSX cell as text.
"""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.lists import Column, Export, ExtraSheet
from razem.grants.models import Call, CostLine, Offer
from razem.grants.selectors.staff import figures, oferent_names

# The columns the list page shows (in this order, taken from the export's columns); the rest are export-only.
ON_PAGE = ("number", "oferents", "title", "status", "total_cost", "grant", "own", "filed_at", "version")


def amount(value: Decimal | None) -> str:
    """An amount for a spreadsheet: "12345,67"."""
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def _filed_at(offer: Offer) -> str:
    version = offer.current_version
    return timezone.localtime(version.filed_at).strftime("%Y-%m-%d %H:%M:%S") if version else ""


def _task(offer: Offer, key: str) -> str:
    version = offer.current_version
    return str(((version.content or {}).get("task") or {}).get(key, "")) if version else ""


def _figure(attribute: str) -> Any:
    def value(offer: Offer) -> str:
        if offer.current_version is None:
            return ""
        return amount(getattr(figures(offer.current_version), attribute))

    return value


def _grant_in(year: int) -> Any:
    def value(offer: Offer) -> str:
        if offer.current_version is None:
            return ""
        return amount(figures(offer.current_version).grant_by_year.get(year))

    return value


def _status(offer: Offer) -> str:
    return str(offer.get_status_display())


def columns(call: Call) -> list[Column]:
    """The columns of the list and of its export: the grant per year for each budget year of the call."""
    per_year = [
        Column(f"grant_{year}", gettext_lazy("Requested grant %(year)s") % {"year": year}, _grant_in(year))
        for year in call.years
    ]
    return [
        Column("number", gettext_lazy("Offer number"), lambda o: o.number, sort="number"),
        Column(
            "oferents",
            gettext_lazy("Oferent(s)"),
            lambda o: "; ".join(oferent_names(o.current_version)) if o.current_version else o.organization.name,
            sort="organization__name",
        ),
        Column("title", gettext_lazy("Title of the task"), lambda o: _task(o, "title"), sort="filed_title"),
        Column(
            "task_form",
            gettext_lazy("Form of the task"),
            lambda o: (o.current_version.content or {}).get("task_form_label", "") if o.current_version else "",
        ),
        Column("start_date", gettext_lazy("Start date"), lambda o: _task(o, "start_date")),
        Column("end_date", gettext_lazy("End date"), lambda o: _task(o, "end_date")),
        Column("status", gettext_lazy("Status"), _status, sort="status"),
        Column("total_cost", gettext_lazy("Total cost"), _figure("total_cost"), sort="current_version__total_cost"),
        *per_year,
        Column("grant", gettext_lazy("Requested grant"), _figure("grant"), sort="current_version__grant_requested"),
        Column("own", gettext_lazy("Own contribution"), _figure("own"), sort="own_share"),
        Column("own_share", gettext_lazy("Own contribution (per cent of the total cost)"), _figure("own_share")),
        Column("own_financial", gettext_lazy("Own financial contribution"), _figure("own_financial")),
        Column("own_financial_share", gettext_lazy("Own financial contribution, %"), _figure("own_financial_share")),
        Column("own_nonfinancial", gettext_lazy("Own non-financial contribution"), _figure("own_nonfinancial")),
        Column(
            "own_nonfinancial_share",
            gettext_lazy("Own non-financial contribution, %"),
            _figure("own_nonfinancial_share"),
        ),
        Column("recipient_fees", gettext_lazy("Fees from recipients"), _figure("recipient_fees")),
        Column("filed_at", gettext_lazy("Filed"), _filed_at, sort="current_version__filed_at"),
        Column(
            "version",
            gettext_lazy("Version"),
            lambda o: o.current_version.number if o.current_version else "",
            sort="current_version__number",
        ),
        Column("checksum", gettext_lazy("SHA-256"), lambda o: o.current_version.checksum if o.current_version else ""),
    ]


def _category(value: str) -> str:
    return str(dict(CostLine.Category.choices).get(value, value))


def cost_line_header(call: Call) -> list[Any]:
    return [
        gettext_lazy("Offer number"),
        gettext_lazy("Oferent"),
        gettext_lazy("No."),
        gettext_lazy("Category"),
        gettext_lazy("Activity"),
        gettext_lazy("Kind of cost"),
        gettext_lazy("Unit"),
        gettext_lazy("Unit cost"),
        gettext_lazy("Number of units"),
        gettext_lazy("Value"),
        *(gettext_lazy("Value %(year)s") % {"year": year} for year in call.years),
    ]


def cost_line_rows(call: Call) -> Any:
    """The rows of the cost-line sheet for the offers of the (filtered, sorted) list."""
    years = [str(year) for year in call.years]

    def rows(queryset: QuerySet[Any]) -> Iterator[list[Any]]:
        for offer in queryset.iterator(chunk_size=200):
            version = offer.current_version
            if version is None:
                continue
            content = version.content or {}
            names = oferent_names(version)
            for line in content.get("costs") or []:
                index = int(line.get("oferent") or 1)
                activity = " ".join(p for p in (line.get("activity", ""), line.get("activity_name", "")) if p)
                per_year = line.get("year_amounts") or {}
                yield [
                    offer.number,
                    names[index - 1] if 0 < index <= len(names) else "",
                    line.get("number", ""),
                    _category(str(line.get("category", ""))),
                    activity,
                    line.get("name", ""),
                    line.get("unit", ""),
                    amount(Decimal(line["unit_cost"])) if line.get("unit_cost") not in (None, "") else "",
                    str(line.get("quantity", "")).replace(".", ","),
                    amount(Decimal(line["value"])) if line.get("value") not in (None, "") else "",
                    *(amount(Decimal(per_year[y])) if per_year.get(y) not in (None, "") else "" for y in years),
                ]

    return rows


def export(call: Call) -> Export:
    return Export(
        stem=f"oferty-{call.slug}",
        sheet_title=_("Offers"),
        action="grants.offer.exported",
        permission="grants.view_call_offers",
        sheets=(ExtraSheet(_("Cost lines"), cost_line_header(call), cost_line_rows(call)),),
    )
