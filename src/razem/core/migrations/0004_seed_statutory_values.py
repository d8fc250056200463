"""Seed the statutory numbers the code reads (DOMAIN.md §7) from core/data/statutory_values.json."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "statutory_values.json"


def seed(apps, schema_editor):
    StatutoryValue = apps.get_model("core", "StatutoryValue")
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        StatutoryValue.objects.get_or_create(
            code=row["code"],
            valid_from=datetime.date.fromisoformat(row["valid_from"]),
            defaults={
                "value": Decimal(row["value"]),
                "unit": row["unit"],
                "legal_ref": row["legal_ref"],
                "description": row["description"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_statutory_values")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
