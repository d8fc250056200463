import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "target_groups.json"


def seed(apps, schema_editor):
    TargetGroup = apps.get_model("organizations", "TargetGroup")
    for position, row in enumerate(json.loads(DATA.read_text(encoding="utf-8"))["target_groups"], start=1):
        TargetGroup.objects.update_or_create(code=row["code"], defaults={"name": row["name"], "position": position})


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
