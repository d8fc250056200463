"""Add the statutory values and the office's practice values added to core/data/statutory_values.json since 0004
(deadlines of grants and small grants, reminders, warnings); existing rows are left as the office set them."""

from django.db import migrations


def seed(apps, schema_editor):
    from razem.core.reference import seed_statutory_values

    seed_statutory_values(apps.get_model("core", "StatutoryValue"))


class Migration(migrations.Migration):
    dependencies = [("core", "0004_seed_statutory_values")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
