"""Loading reference data (districts, public-benefit areas) from the JSON files in core/data/."""

import datetime
import json
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from razem.core import audit
from razem.core.models import District, PublicBenefitArea, StatutoryValue

DATA_DIR = Path(__file__).resolve().parent / "data"

# Choice lists of reference data, kept in each process for RAZEM_REFERENCE_CACHE_SECONDS: filter forms on
# busy list pages need them on every request, and they change about once a year.
_choices: dict[str, tuple[float, list[tuple[int, str]]]] = {}


def _cached(key: str, load: Callable[[], list[tuple[int, str]]]) -> list[tuple[int, str]]:
    ttl = settings.RAZEM_REFERENCE_CACHE_SECONDS
    if ttl <= 0:
        return load()
    now = time.monotonic()
    hit = _choices.get(key)
    if hit is not None and now - hit[0] < ttl:
        return hit[1]
    value = load()
    _choices[key] = (now, value)
    return value


def forget_choices() -> None:
    _choices.clear()


def district_choices() -> list[tuple[int, str]]:
    return _cached("districts", lambda: [(d.pk, str(d)) for d in District.objects.order_by("number")])


def area_choices(day: datetime.date | None = None) -> list[tuple[int, str]]:
    """The public-benefit areas valid on ``day`` (today by default), as (id, "code. wording")."""
    day = day or timezone.localdate()
    return _cached(
        f"areas:{day.isoformat()}",
        lambda: [(a.pk, str(a)) for a in PublicBenefitArea.objects.valid_on(day).order_by("position")],
    )


@transaction.atomic
def load_districts(*, actor=None, path: Path | None = None) -> int:  # type: ignore[no-untyped-def]
    data = json.loads((path or DATA_DIR / "districts_krakow.json").read_text(encoding="utf-8"))
    count = 0
    for row in data["districts"]:
        _, created = District.objects.update_or_create(
            number=row["number"], defaults={"numeral": row["numeral"], "name": row["name"]}
        )
        count += 1
    forget_choices()
    audit.record(actor=actor, action="core.reference.districts_loaded", data={"count": count, "source": data["source"]})
    return count


@transaction.atomic
def load_public_benefit_areas(*, actor=None, path: Path | None = None) -> int:  # type: ignore[no-untyped-def]
    data = json.loads((path or DATA_DIR / "public_benefit_areas.json").read_text(encoding="utf-8"))
    count = 0
    for version in data["versions"]:
        valid_from = datetime.date.fromisoformat(version["valid_from"])
        valid_to = datetime.date.fromisoformat(version["valid_to"]) if version["valid_to"] else None
        for position, row in enumerate(version["areas"], start=1):
            area, _ = PublicBenefitArea.objects.update_or_create(
                code=row["code"],
                valid_from=valid_from,
                defaults={
                    "name": row["name"],
                    "legal_ref": row["legal_ref"],
                    "valid_to": valid_to,
                    "position": position,
                },
            )
            area.full_clean()
            count += 1
    forget_choices()
    audit.record(actor=actor, action="core.reference.areas_loaded", data={"count": count})
    return count


class MissingStatutoryValue(LookupError):
    pass


def _seeded_values() -> list[dict[str, str]]:
    return json.loads((DATA_DIR / "statutory_values.json").read_text(encoding="utf-8"))


def statutory_record(code: str, day: datetime.date | None = None) -> StatutoryValue:
    """The statutory number valid on a day (e.g. ``council_opinion_days``), with its unit and legal reference.

    The office keeps them in ``core.StatutoryValue`` (seeded by migrations from core/data/statutory_values.json,
    changed in the admin when the law changes); the file answers for a code the table does not hold."""
    day = day or timezone.localdate()
    found = StatutoryValue.objects.valid_on(day).filter(code=code).first()
    if found is not None:
        return found
    rows = [r for r in _seeded_values() if r["code"] == code and datetime.date.fromisoformat(r["valid_from"]) <= day]
    if not rows:
        raise MissingStatutoryValue(f"No statutory value {code!r} is valid on {day}.")
    return _from_row(StatutoryValue, max(rows, key=lambda r: r["valid_from"]))


def _from_row(model: type, row: dict[str, str]):  # type: ignore[no-untyped-def]
    return model(
        code=row["code"],
        value=Decimal(row["value"]),
        unit=row["unit"],
        valid_from=datetime.date.fromisoformat(row["valid_from"]),
        legal_ref=row["legal_ref"],
        description=row["description"],
    )


def seed_statutory_values(model: type) -> int:
    """Add the values of the data file that the table (``model``, real or historical) lacks; returns how many."""
    added = 0
    for row in _seeded_values():
        value = _from_row(model, row)
        _, created = model.objects.get_or_create(  # type: ignore[attr-defined]
            code=value.code,
            valid_from=value.valid_from,
            defaults={"value": value.value, "unit": value.unit, "legal_ref": value.legal_ref,
                      "description": value.description},
        )  # fmt: skip
        added += created
    return added


def statutory_value(code: str, day: datetime.date | None = None) -> Decimal:
    return statutory_record(code, day).value


def statutory_days(code: str, day: datetime.date | None = None) -> int:
    return int(statutory_value(code, day))
