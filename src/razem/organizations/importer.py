"""Import of organizations from CSV (UTF-8 or Windows-1250) or XLSX, run by the worker.

Every row is validated on its own; good rows are saved, bad ones reported with their line number and
reasons. Re-running the same file updates instead of duplicating: rows are matched by KRS number, and
organizations outside KRS by their number in another register or, failing that, by name.
"""

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.core import audit
from razem.core.bulk import bulk_update_fields
from razem.core.identifiers import clean_krs, clean_nip, clean_postal_code, clean_regon
from razem.core.models import District, PublicBenefitArea
from razem.organizations.models import ImportJob, Organization, TargetGroup, fold

BATCH = 1000

# Column name (as in the documented template) -> aliases accepted in a header (folded, no diacritics).
COLUMNS: dict[str, tuple[str, ...]] = {
    "nazwa": ("nazwa", "name"),
    "nazwa_skrocona": ("nazwa_skrocona", "skrot", "short_name"),
    "forma_prawna": ("forma_prawna", "forma", "legal_form"),
    "rejestr": ("rejestr", "register", "register_type"),
    "krs": ("krs", "numer_krs"),
    "numer_w_rejestrze": ("numer_w_rejestrze", "register_number"),
    "nip": ("nip",),
    "regon": ("regon",),
    "opp": ("opp", "status_opp"),
    "ulica": ("ulica", "adres", "street"),
    "kod_pocztowy": ("kod_pocztowy", "kod", "postal_code"),
    "miejscowosc": ("miejscowosc", "miasto", "city"),
    "dzielnica": ("dzielnica", "district"),
    "obszary": ("obszary", "sfery", "areas"),
    "grupy_docelowe": ("grupy_docelowe", "target_groups"),
    "opis": ("opis", "description"),
    "www": ("www", "strona", "website"),
    "email": ("email", "e-mail", "e_mail"),
    "telefon": ("telefon", "phone"),
    "status": ("status",),
}
REQUIRED = ("nazwa", "forma_prawna")
TRUE = {"tak", "t", "1", "true", "yes", "y", "x"}
FALSE = {"nie", "n", "0", "false", "no", ""}
_url = URLValidator(schemes=["http", "https"])
_email = EmailValidator()


class FileProblem(Exception):
    """The file as a whole cannot be read (encoding, format, missing columns)."""


@dataclass
class Row:
    line: int
    values: dict[str, str]


@dataclass
class Parsed:
    line: int
    fields: dict[str, Any]
    areas: list[int]
    groups: list[int]
    key: tuple[str, str] = ("", "")
    # The columns the file has, and whether this row gives a status: an organization already in Razem keeps
    # what the file does not mention.
    columns: frozenset[str] = frozenset()
    status_given: bool = False


@dataclass
class Result:
    created: int = 0
    updated: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def _header_key(name: str) -> str:
    return fold(name).strip().replace(" ", "_").replace("-", "_").lstrip("\ufeff")


def map_header(header: list[str]) -> dict[int, str]:
    aliases = {alias: column for column, names in COLUMNS.items() for alias in names}
    mapping: dict[int, str] = {}
    unknown = []
    for index, name in enumerate(header):
        key = _header_key(str(name or ""))
        if not key:
            continue
        column = aliases.get(key) or aliases.get(key.replace("_", "-"))
        if column:
            mapping[index] = column
        else:
            unknown.append(str(name))
    missing = [c for c in REQUIRED if c not in mapping.values()]
    if missing:
        raise FileProblem(
            _("The file has no column %(columns)s. The first row must hold the column names of the template.")
            % {"columns": ", ".join(missing)}
            + (" " + _("Columns not recognised: %(names)s.") % {"names": ", ".join(unknown)} if unknown else "")
        )
    return mapping


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem(_("The file is neither UTF-8 nor Windows-1250 text."))


def read_rows(name: str, data: bytes) -> tuple[int, Iterator[Row]]:
    """The number of data rows and an iterator over them (line numbers as a spreadsheet shows them)."""
    if name.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(decode(data))


def _read_csv(text: str) -> tuple[int, Iterator[Row]]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if first.count("\t") > first.count(",") else ",")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        raise FileProblem(_("The file is empty."))
    mapping = map_header(rows[0])
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(cell.strip() for cell in r)]

    def iterate() -> Iterator[Row]:
        for line, cells in body:
            yield Row(line, {col: (cells[i].strip() if i < len(cells) else "") for i, col in mapping.items()})

    return len(body), iterate()


def _read_xlsx(data: bytes) -> tuple[int, Iterator[Row]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the same problem for the user
        raise FileProblem(_("This file is not a valid XLSX workbook.")) from exc
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise FileProblem(_("The file is empty."))
    mapping = map_header([str(c) if c is not None else "" for c in rows[0]])

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(cell(c) for c in r)]

    def iterate() -> Iterator[Row]:
        for line, cells in body:
            yield Row(line, {col: (cell(cells[i]) if i < len(cells) else "") for i, col in mapping.items()})

    return len(body), iterate()


class Lookups:
    """Reference data and existing organizations, loaded once per import."""

    def __init__(self) -> None:
        today = timezone.localdate()
        self.areas = {a.code.lower(): a.pk for a in PublicBenefitArea.objects.valid_on(today)}
        self.groups = {g.code: g.pk for g in TargetGroup.objects.all()}
        self.groups.update({fold(g.name): g.pk for g in TargetGroup.objects.all()})
        self.districts: dict[str, int] = {}
        for d in District.objects.all():
            self.districts.update({str(d.number): d.pk, d.numeral.lower(): d.pk, fold(d.name): d.pk})
        self.legal_forms = {v: v for v in Organization.LegalForm.values}
        for value, label in Organization.LegalForm.choices:
            self.legal_forms[fold(str(label))] = value
            self.legal_forms[fold(str(label).split(" (")[-1].rstrip(")"))] = value
        self.registers = {v: v for v in Organization.RegisterType.values}
        self.statuses = {v: v for v in Organization.Status.values}
        self.statuses.update({"zweryfikowana": "verified", "oczekuje": "pending", "oczekujaca": "pending"})
        self.by_krs: dict[str, int] = dict(
            Organization.objects.exclude(krs="").values_list("krs", "pk")  # type: ignore[arg-type]
        )
        self.by_other: dict[tuple[str, str], int] = {}
        for pk, name, number in Organization.objects.filter(krs="").values_list("pk", "name", "register_number"):
            self.by_other[("nr", number) if number else ("name", fold(name))] = pk


def parse_row(row: Row, lk: Lookups) -> Parsed | list[str]:
    v = row.values
    errors: list[str] = []
    fields: dict[str, Any] = {}

    def check(label: str, func: Any, value: str) -> str:
        try:
            return func(value)
        except ValidationError as exc:
            errors.append(f"{label}: {' '.join(exc.messages)}")
            return ""

    name = v.get("nazwa", "")
    if not name:
        errors.append(_("name: this field is required"))
    elif len(name) > 300:
        errors.append(_("name: at most 300 characters"))
    fields["name"] = name[:300]
    fields["short_name"] = v.get("nazwa_skrocona", "")[:100]
    form = lk.legal_forms.get(fold(v.get("forma_prawna", "")).replace(" ", "_")) or lk.legal_forms.get(
        fold(v.get("forma_prawna", ""))
    )
    if not form:
        errors.append(_("legal form: unknown value %(value)r") % {"value": v.get("forma_prawna", "")})
    fields["legal_form"] = form or ""
    fields["krs"] = check("KRS", clean_krs, v.get("krs", ""))
    register = fold(v.get("rejestr", "")) or ("krs" if fields["krs"] else "brak")
    if register not in lk.registers:
        errors.append(_("register: unknown value %(value)r") % {"value": v.get("rejestr", "")})
    fields["register_type"] = lk.registers.get(register, "brak")
    if fields["register_type"] == "krs" and not fields["krs"] and "KRS" not in " ".join(errors):
        errors.append(_("KRS: required for an organization in the KRS register"))
    fields["register_number"] = v.get("numer_w_rejestrze", "")[:50]
    fields["nip"] = check("NIP", clean_nip, v.get("nip", ""))
    fields["regon"] = check("REGON", clean_regon, v.get("regon", ""))
    opp = fold(v.get("opp", ""))
    if opp not in TRUE | FALSE:
        errors.append(_("OPP: write tak or nie"))
    fields["is_opp"] = opp in TRUE
    fields["street"] = v.get("ulica", "")[:200]
    fields["postal_code"] = check(_("postal code"), clean_postal_code, v.get("kod_pocztowy", ""))
    fields["city"] = (v.get("miejscowosc", "") or "Kraków")[:100]
    district = v.get("dzielnica", "")
    fields["district_id"] = None
    if district:
        fields["district_id"] = lk.districts.get(fold(district)) or lk.districts.get(district.lower())
        if fields["district_id"] is None:
            errors.append(_("district: unknown value %(value)r") % {"value": district})
    fields["description"] = v.get("opis", "")
    website = v.get("www", "")
    if website and not website.startswith(("http://", "https://")):
        website = "https://" + website
    if website:
        check("www", _url, website)
    fields["website"] = website[:200]
    email = v.get("email", "").lower()
    if email:
        check("e-mail", _email, email)
    fields["email"] = email
    fields["phone"] = v.get("telefon", "")[:32]
    status = fold(v.get("status", "")) or "verified"
    if status not in lk.statuses:
        errors.append(_("status: unknown value %(value)r") % {"value": v.get("status", "")})
    fields["status"] = lk.statuses.get(status, "verified")
    areas = []
    for code in _split(v.get("obszary", "")):
        pk = lk.areas.get(code.lower().removeprefix("pkt").strip())
        if pk is None:
            errors.append(_("areas: no item %(code)r in art. 4") % {"code": code})
        else:
            areas.append(pk)
    groups = []
    for code in _split(v.get("grupy_docelowe", "")):
        pk = lk.groups.get(code) or lk.groups.get(fold(code))
        if pk is None:
            errors.append(_("target groups: unknown value %(value)r") % {"value": code})
        else:
            groups.append(pk)
    if errors:
        return errors
    key = ("krs", fields["krs"]) if fields["krs"] else (
        ("nr", fields["register_number"]) if fields["register_number"] else ("name", fold(name))
    )  # fmt: skip
    return Parsed(
        row.line, fields, sorted(set(areas)), sorted(set(groups)), key,
        columns=frozenset(v), status_given=bool(fold(v.get("status", ""))),
    )  # fmt: skip


def _split(value: str) -> list[str]:
    return [p.strip() for p in value.replace(",", ";").split(";") if p.strip()]


UPDATE_FIELDS = [
    "name", "short_name", "legal_form", "register_type", "krs", "register_number", "nip", "regon", "is_opp",
    "street", "postal_code", "city", "district_id", "description", "website", "email", "phone", "status",
    "slug", "search_text", "status_changed_at", "status_reason",
]  # fmt: skip
# The model fields each column fills. Updating an organization changes only the fields of the file's columns.
COLUMN_FIELDS = {
    "nazwa": ("name",), "nazwa_skrocona": ("short_name",), "forma_prawna": ("legal_form",),
    "rejestr": ("register_type",), "krs": ("krs",), "numer_w_rejestrze": ("register_number",), "nip": ("nip",),
    "regon": ("regon",), "opp": ("is_opp",), "ulica": ("street",), "kod_pocztowy": ("postal_code",),
    "miejscowosc": ("city",), "dzielnica": ("district_id",), "opis": ("description",), "www": ("website",),
    "email": ("email",), "telefon": ("phone",),
}  # fmt: skip


def _apply(parsed: Parsed, org: Organization, now: Any) -> None:
    """Copy onto an organization already in Razem what the row says; keep what the file does not mention."""
    for column in parsed.columns:
        for name in COLUMN_FIELDS.get(column, ()):
            setattr(org, name, parsed.fields[name])
    if parsed.fields["krs"]:
        org.register_type = parsed.fields["register_type"]
    if parsed.status_given and org.status != parsed.fields["status"]:
        org.status = parsed.fields["status"]
        org.status_reason = ""
        org.status_changed_at = now


def _existing_pk(parsed: Parsed, lk: Lookups) -> int | None:
    kind, value = parsed.key
    return lk.by_krs.get(value) if kind == "krs" else lk.by_other.get(parsed.key)


def _current_links(through: Any, column: str, pks: list[int]) -> dict[int, set[int]]:
    links: dict[int, set[int]] = defaultdict(set)
    for organization_id, other_id in through.objects.filter(organization_id__in=pks).values_list(
        "organization_id", column
    ):
        links[organization_id].add(other_id)
    return links


def _snapshot(org: Organization) -> tuple[Any, ...]:
    return tuple(getattr(org, name) for name in UPDATE_FIELDS)


@transaction.atomic
def _save_batch(batch: list[Parsed], lk: Lookups) -> tuple[int, int]:
    """Create the new organizations of a batch and update the existing ones, writing only what changed."""
    now = timezone.now()
    new: list[tuple[Parsed, Organization]] = []
    old: list[tuple[Parsed, Organization]] = []
    changed: list[Organization] = []
    existing = Organization.objects.in_bulk([pk for parsed in batch if (pk := _existing_pk(parsed, lk))])
    for parsed in batch:
        pk = _existing_pk(parsed, lk)
        if pk in existing:
            org = existing[pk]
            before = _snapshot(org)
            _apply(parsed, org, now)
            org.refresh_derived()
            old.append((parsed, org))
            if _snapshot(org) != before:
                changed.append(org)
        else:
            org = Organization(**parsed.fields, status_changed_at=now)
            org.refresh_derived()
            new.append((parsed, org))
    Organization.objects.bulk_create([o for _p, o in new], batch_size=BATCH)
    bulk_update_fields(changed, UPDATE_FIELDS, batch_size=BATCH)
    areas_through = Organization.areas.through
    groups_through = Organization.target_groups.through
    # Areas and target groups are replaced only when the file has their column and they differ.
    old_pks = [o.pk for _p, o in old]
    areas_now = _current_links(areas_through, "publicbenefitarea_id", old_pks)
    groups_now = _current_links(groups_through, "targetgroup_id", old_pks)
    area_rows: list[Any] = []
    group_rows: list[Any] = []
    replace_areas: list[int] = []
    replace_groups: list[int] = []
    for parsed, org in old:
        if "obszary" in parsed.columns and set(parsed.areas) != areas_now.get(org.pk, set()):
            replace_areas.append(org.pk)
            area_rows += [areas_through(organization_id=org.pk, publicbenefitarea_id=a) for a in parsed.areas]
        if "grupy_docelowe" in parsed.columns and set(parsed.groups) != groups_now.get(org.pk, set()):
            replace_groups.append(org.pk)
            group_rows += [groups_through(organization_id=org.pk, targetgroup_id=g) for g in parsed.groups]
    if replace_areas:
        areas_through.objects.filter(organization_id__in=replace_areas).delete()
    if replace_groups:
        groups_through.objects.filter(organization_id__in=replace_groups).delete()
    for parsed, org in new:
        area_rows += [areas_through(organization_id=org.pk, publicbenefitarea_id=a) for a in parsed.areas]
        group_rows += [groups_through(organization_id=org.pk, targetgroup_id=g) for g in parsed.groups]
    areas_through.objects.bulk_create(area_rows, batch_size=5000)
    groups_through.objects.bulk_create(group_rows, batch_size=5000)
    for parsed, org in new:
        kind, value = parsed.key
        if kind == "krs":
            lk.by_krs[value] = org.pk
        else:
            lk.by_other[parsed.key] = org.pk
    return len(new), len(old)


def _save(batch: list[Parsed], lk: Lookups, result: Result) -> None:
    try:
        created, updated = _save_batch(batch, lk)
    except IntegrityError:
        # A conflict with data changed meanwhile: save row by row so that only the culprit is rejected.
        created = updated = 0
        for parsed in batch:
            try:
                c, u = _save_batch([parsed], lk)
                created += c
                updated += u
            except IntegrityError as exc:
                result.errors.append(
                    {"line": parsed.line, "errors": [_("conflicts with a saved organization: %(e)s") % {"e": exc}]}
                )
    result.created += created
    result.updated += updated


def run(job: ImportJob, data: bytes) -> Result:
    """Import the file into the registry, updating ``job`` with progress as it goes."""
    total, rows = read_rows(job.original_name, data)
    ImportJob.objects.filter(pk=job.pk).update(total_rows=total, status=ImportJob.Status.RUNNING)
    lk = Lookups()
    result = Result()
    batch: list[Parsed] = []
    seen: dict[tuple[str, str], int] = {}
    processed = 0
    for row in rows:
        processed += 1
        parsed = parse_row(row, lk)
        if isinstance(parsed, list):
            result.errors.append({"line": row.line, "errors": parsed})
        elif parsed.key in seen:
            result.errors.append(
                {
                    "line": row.line,
                    "errors": [_("the same organization is already on line %(line)s") % {"line": seen[parsed.key]}],
                }
            )
        else:
            seen[parsed.key] = row.line
            batch.append(parsed)
        if len(batch) >= BATCH:
            _save(batch, lk, result)
            batch = []
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=processed)
    if batch:
        _save(batch, lk, result)
    ImportJob.objects.filter(pk=job.pk).update(processed_rows=processed)
    return result


def finish(job: ImportJob, result: Result | None, problem: str = "") -> ImportJob:
    job.refresh_from_db()
    job.finished_at = timezone.now()
    if result is None:
        job.status = ImportJob.Status.FAILED
        job.message = problem
    else:
        job.status = ImportJob.Status.DONE
        job.created_count = result.created
        job.updated_count = result.updated
        job.error_count = len(result.errors)
        job.errors = result.errors[:5000]
        job.processed_rows = job.total_rows
    job.save()
    audit.record(
        actor=job.created_by, action="organizations.import." + ("finished" if result else "failed"), obj=job,
        data={"file": job.original_name, "created": job.created_count, "updated": job.updated_count,
              "rejected": job.error_count, "problem": problem},
    )  # fmt: skip
    return job
