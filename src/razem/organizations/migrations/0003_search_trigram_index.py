"""On PostgreSQL, a trigram index makes the directory's substring search fast at 100,000 organizations."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS organizations_search_trgm "
        "ON organizations_organization USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS organizations_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_seed_target_groups")]
    operations = [migrations.RunPython(create, drop)]
