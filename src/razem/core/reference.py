"""Loading reference data (districts, public-benefit areas) from the JSON files in core/data/."""

import datetime
import json
from pathlib import Path

from django.db import transaction

from razem.core import audit
from razem.core.models import District, PublicBenefitArea

DATA_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def load_districts(*, actor=None, path: Path | None = None) -> int:  # type: ignore[no-untyped-def]
    data = json.loads((path or DATA_DIR / "districts_krakow.json").read_text(encoding="utf-8"))
    count = 0
    for row in data["districts"]:
        _, created = District.objects.update_or_create(
            number=row["number"], defaults={"numeral": row["numeral"], "name": row["name"]}
        )
        count += 1
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
    audit.record(actor=actor, action="core.reference.areas_loaded", data={"count": count})
    return count
