"""Add the practice values of the grants module (deadline reminders, the days to correct formal defects) from
core/data/statutory_values.json; existing rows are left as the office set them."""

from django.db import migrations


def seed(apps, schema_editor):
    from razem.core.reference import seed_statutory_values

    seed_statutory_values(apps.get_model("core", "StatutoryValue"))


class Migration(migrations.Migration):
    dependencies = [("core", "0006_document_snapshots")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
