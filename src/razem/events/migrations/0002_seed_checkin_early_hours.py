"""Add the office's practice value ``checkin_early_hours`` (how long before a meeting starts check-in at the door
needs no confirmation) from core/data/statutory_values.json; existing rows are left as the office set them."""

from django.db import migrations


def seed(apps, schema_editor):
    from razem.core.reference import seed_statutory_values

    seed_statutory_values(apps.get_model("core", "StatutoryValue"))


class Migration(migrations.Migration):
    dependencies = [("core", "0009_seed_statutory_values_reports"), ("events", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
