"""Organizations as CSV and XLSX: the rows are built once here, for the public directory and the staff list.

Only public fields are written. CSV is UTF-8 with a byte-order mark and ``;`` between fields, which is what
Excel with Polish regional settings opens without a dialog; it is streamed, so a large list never sits in memory.
A text beginning with ``=``, ``+``, ``-`` or ``@`` could run as a formula in a spreadsheet; such cells are written
as plain text (a leading apostrophe in CSV, the string type in XLSX).
"""

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.organizations.models import Organization

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK_SIZE = 1000

Column = tuple[Any, Callable[[Organization], str]]


def _areas(organization: Organization) -> str:
    # ``all()`` reads the prefetched areas: the selectors prefetch them, so the export costs no query per row.
    return ", ".join(area.code for area in organization.areas.all())


PUBLIC_COLUMNS: list[Column] = [
    (gettext_lazy("Name"), lambda o: o.name),
    (gettext_lazy("Short name"), lambda o: o.short_name),
    (gettext_lazy("Legal form"), lambda o: o.get_legal_form_display()),
    (gettext_lazy("KRS number"), lambda o: o.krs),
    (gettext_lazy("NIP"), lambda o: o.nip),
    (gettext_lazy("REGON"), lambda o: o.regon),
    (gettext_lazy("OPP status"), lambda o: _("yes") if o.is_opp else _("no")),
    (gettext_lazy("Address"), lambda o: o.address),
    (gettext_lazy("District"), lambda o: str(o.district) if o.district_id else ""),
    (gettext_lazy("Public-benefit areas"), _areas),
    (gettext_lazy("Website"), lambda o: o.website),
    (gettext_lazy("E-mail"), lambda o: o.email),
    (gettext_lazy("Phone"), lambda o: o.phone),
]
STATUS_COLUMN: Column = (gettext_lazy("Status"), lambda o: o.get_status_display())


def columns(*, with_status: bool = False) -> list[Column]:
    """The public columns; the staff list adds the status (it lists organizations in any status)."""
    return [*PUBLIC_COLUMNS, STATUS_COLUMN] if with_status else list(PUBLIC_COLUMNS)


def header(cols: list[Column]) -> list[str]:
    return [str(label) for label, _value in cols]


def rows(organizations: Iterable[Organization], cols: list[Column]) -> Iterator[list[str]]:
    """One list of strings per organization, in the order of ``cols``."""
    if isinstance(organizations, QuerySet):
        organizations = organizations.iterator(chunk_size=CHUNK_SIZE)
    for organization in organizations:
        yield [value(organization) or "" for _label, value in cols]


_PHONE_LIKE = re.compile(r"^[+-][\d\s()./-]*$")


def is_formula_like(value: str) -> bool:
    """Would a spreadsheet read this text as a formula? (A phone number such as +48 12 ... is fine.)"""
    if not value:
        return False
    if value[0] in "=@\t\r":
        return True
    return value[0] in "+-" and not _PHONE_LIKE.match(value)


def _csv_safe(value: str) -> str:
    return "'" + value if is_formula_like(value) else value


def filename(extension: str, stem: str = "organizacje") -> str:
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(
    organizations: Iterable[Organization], *, with_status: bool = False, stem: str = "organizacje"
) -> StreamingHttpResponse:
    """A streamed CSV download for Polish Excel: UTF-8 with BOM, ``;`` separated."""
    cols = columns(with_status=with_status)
    writer = csv.writer(_Echo(), delimiter=";")

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header(cols))
        for row in rows(organizations, cols):
            yield writer.writerow([_csv_safe(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename("csv", stem)}"'
    return response


def xlsx_bytes(organizations: Iterable[Organization], *, with_status: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cols = columns(with_status=with_status)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(_("Organizations"))[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for label in header(cols):
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for row in rows(organizations, cols):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value or None)
            if value:
                cell.data_type = "s"  # always text: never a formula, and KRS/NIP keep their leading zeros
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    organizations: Iterable[Organization], *, with_status: bool = False, stem: str = "organizacje"
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(organizations, with_status=with_status), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename("xlsx", stem)}"'
    return response


# The "organizations" section of a person's personal-data export (razem.accounts.export)


def personal_data(user: Any) -> dict[str, list[dict[str, Any]]]:
    """The person's memberships (any status) and the invitations sent to their e-mail address."""
    from razem.organizations.models import Invitation, Membership

    memberships = Membership.objects.filter(user=user).select_related("organization").order_by("created_at", "pk")
    invitations = (
        Invitation.objects.filter(email__iexact=user.email).select_related("organization").order_by("created_at", "pk")
        if user.email
        else Invitation.objects.none()
    )
    return {
        "memberships": [
            {
                "organization": m.organization.name,
                "organization_krs": m.organization.krs,
                "role": m.role,
                "status": m.status,
                "message": m.message,
                "since": m.created_at.isoformat(),
                "decided_at": m.decided_at and m.decided_at.isoformat(),
            }
            for m in memberships
        ],
        "invitations": [
            {
                "organization": i.organization.name,
                "email": i.email,
                "role": i.role,
                "sent_at": i.created_at.isoformat(),
                "expires_at": i.expires_at.isoformat(),
                "accepted_at": i.accepted_at and i.accepted_at.isoformat(),
                "withdrawn_at": i.revoked_at and i.revoked_at.isoformat(),
            }
            for i in invitations
        ],
    }
