"""Add the values of grants II (small-grant limits, partial reports, updates after a partial award, report reminders)
from core/data/statutory_values.json; existing rows are left as the office set them."""

from django.db import migrations


def seed(apps, schema_editor):
    from razem.core.reference import seed_statutory_values

    seed_statutory_values(apps.get_model("core", "StatutoryValue"))


class Migration(migrations.Migration):
    dependencies = [("core", "0007_seed_statutory_values_grants")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
