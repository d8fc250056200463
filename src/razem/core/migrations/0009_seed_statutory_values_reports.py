"""Add the tolerance of a cost line in the report of a small grant (no call sets it) from
core/data/statutory_values.json; existing rows are left as the office set them."""

from django.db import migrations


def seed(apps, schema_editor):
    from razem.core.reference import seed_statutory_values

    seed_statutory_values(apps.get_model("core", "StatutoryValue"))


class Migration(migrations.Migration):
    dependencies = [("core", "0008_seed_statutory_values_grants_two")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
