"""The figures of a year as CSV or XLSX, through the kernel's formula-safe writer (``core.spreadsheet``), audited
as ``grant_figures.figures.exported`` like every export of the kernel's lists.

The CSV holds every table one below the other, a row per line: the table, the group, the row, then the figures;
the XLSX has one sheet per table. Amounts are plain decimals with a comma ("12345,67"), what Polish Excel reads as
numbers; a figure that does not apply (funds announced for small grants) is empty."""

from collections.abc import Iterator
from decimal import Decimal

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from razem.core import audit
from razem.core.spreadsheet import XLSX_CONTENT_TYPE, Sheet, csv_response, filename, workbook_bytes
from razem.grant_figures.selectors.figures import Figures, Row, Table, YearFigures

FORMATS = ("csv", "xlsx")
ACTION = "grant_figures.figures.exported"


def amount(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def figure_header() -> list[str]:
    return [
        _("Funds announced"),
        _("Offers filed"),
        _("Grants requested"),
        _("Offers funded"),
        _("Grants awarded"),
        _("Contracts signed"),
        _("Returned"),
    ]


def figure_cells(figures: Figures) -> list[str]:
    return [
        amount(figures.funds),
        str(figures.offers),
        amount(figures.requested),
        str(figures.funded),
        amount(figures.awarded),
        str(figures.contracts),
        amount(figures.returned),
    ]


def table_rows(table: Table) -> Iterator[tuple[str, Row]]:
    """``(group label, row)`` for every line of ``table``: its rows, the subtotals and the total."""
    for group in table.groups:
        for row in group.rows:
            yield group.label, row
        if group.subtotal is not None:
            yield group.label, group.subtotal
    yield "", table.total


def csv_lines(data: YearFigures) -> Iterator[list[str]]:
    for table in data.tables:
        for group, row in table_rows(table):
            yield [table.caption, group, row.label, *figure_cells(row.figures)]


def sheets(data: YearFigures) -> list[Sheet]:
    titles = {"overview": _("Overview"), "departments": _("Departments"), "areas": _("Areas")}
    return [
        Sheet(
            f"{titles.get(table.key, table.key)} {data.year}",
            [_("Group"), table.header, *figure_header()],
            ([group, row.label, *figure_cells(row.figures)] for group, row in table_rows(table)),
        )
        for table in data.tables
    ]


def response(request: HttpRequest, data: YearFigures, wanted: str) -> HttpResponse | StreamingHttpResponse:
    """The download of ``data`` in ``wanted`` (csv or xlsx), audited."""
    audit.record(actor=request.user, action=ACTION, data={"format": wanted, "year": data.year}, request=request)
    stem = f"dotacje-w-liczbach-{data.year}"
    if wanted == "csv":
        return csv_response([_("Table"), _("Group"), _("Row"), *figure_header()], csv_lines(data), stem=stem)
    result = HttpResponse(workbook_bytes(sheets(data)), content_type=XLSX_CONTENT_TYPE)
    result["Content-Disposition"] = f'attachment; filename="{filename("xlsx", stem)}"'
    return result
