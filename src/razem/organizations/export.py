"""Organizations as CSV and XLSX: the rows are built once here, for the public directory and the staff list.

Only public fields are written; ``razem.core.spreadsheet`` writes the files (formula-safe, Polish Excel CSV).
"""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core import spreadsheet
from razem.organizations.models import Organization

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


def csv_response(
    organizations: Iterable[Organization], *, with_status: bool = False, stem: str = "organizacje"
) -> StreamingHttpResponse:
    cols = columns(with_status=with_status)
    return spreadsheet.csv_response(header(cols), rows(organizations, cols), stem=stem)


def xlsx_bytes(organizations: Iterable[Organization], *, with_status: bool = False) -> bytes:
    cols = columns(with_status=with_status)
    return spreadsheet.xlsx_bytes(header(cols), rows(organizations, cols), sheet_title=str(_("Organizations")))


def xlsx_response(
    organizations: Iterable[Organization], *, with_status: bool = False, stem: str = "organizacje"
) -> HttpResponse:
    cols = columns(with_status=with_status)
    return spreadsheet.xlsx_response(
        header(cols), rows(organizations, cols), stem=stem, sheet_title=str(_("Organizations"))
    )


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
