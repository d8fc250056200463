"""Tables as CSV and XLSX downloads, safe to open in a spreadsheet.

CSV is UTF-8 with a byte-order mark and ``;`` between fields, which is what Excel with Polish regional settings
opens without a dialog; it is streamed, so a large table never sits in memory. A text beginning with ``=``,
``+``, ``-`` or ``@`` could run as a formula in a spreadsheet; such cells are written as plain text (a leading
apostrophe in CSV, the string type in XLSX). A workbook may hold more than one sheet (``Sheet``, ``more_sheets``),
e.g. a list of offers and, on a second sheet, their cost lines.
"""

import csv
import dataclasses
import io
import re
from collections.abc import Iterable, Iterator

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_PHONE_LIKE = re.compile(r"^[+-][\d\s()./-]*$")


def is_formula_like(value: str) -> bool:
    """Would a spreadsheet read this text as a formula? (A phone number such as +48 12 ... is fine.)"""
    if not value:
        return False
    if value[0] in "=@\t\r":
        return True
    return value[0] in "+-" and not _PHONE_LIKE.match(value)


def csv_safe(value: str) -> str:
    return "'" + value if is_formula_like(value) else value


def filename(extension: str, stem: str) -> str:
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(header: list[str], rows: Iterable[list[str]], *, stem: str) -> StreamingHttpResponse:
    """A streamed CSV download for Polish Excel: UTF-8 with BOM, ``;`` separated."""
    writer = csv.writer(_Echo(), delimiter=";")

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow([csv_safe(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename("csv", stem)}"'
    return response


@dataclasses.dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its title (cut to Excel's 31 characters), the header row and the rows."""

    title: str
    header: list[str]
    rows: Iterable[list[str]]


def workbook_bytes(sheets: Iterable[Sheet]) -> bytes:
    """An XLSX workbook of one or more sheets, each with a bold, frozen header row and every value as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for spec in sheets:
        sheet = workbook.create_sheet(title=spec.title[:31])
        sheet.freeze_panes = "A2"
        heading = []
        for label in spec.header:
            cell = WriteOnlyCell(sheet, value=label)
            cell.font = bold
            heading.append(cell)
        sheet.append(heading)
        for row in spec.rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value or None)
                if value:
                    cell.data_type = "s"  # always text: never a formula, and numbers keep their leading zeros
                cells.append(cell)
            sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(
    header: list[str], rows: Iterable[list[str]], *, sheet_title: str, more_sheets: Iterable[Sheet] = ()
) -> bytes:
    """A workbook whose first sheet is ``header`` and ``rows``, followed by ``more_sheets``."""
    return workbook_bytes([Sheet(sheet_title, header, rows), *more_sheets])


def xlsx_response(
    header: list[str],
    rows: Iterable[list[str]],
    *,
    stem: str,
    sheet_title: str,
    more_sheets: Iterable[Sheet] = (),
) -> HttpResponse:
    content = xlsx_bytes(header, rows, sheet_title=sheet_title, more_sheets=more_sheets)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename("xlsx", stem)}"'
    return response
