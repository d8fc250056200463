"""The directory's area filter reads the organizations of one area: an index on (area, organization) of the
organizations' areas answers it from the index alone (the table's own indexes start with the organization, or hold
the area without the organization). Plain SQL that SQLite and PostgreSQL both understand: the table is the one
Django creates for ``Organization.areas``, which has no model of its own to declare the index on."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("organizations", "0005_representatives")]
    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS organizations_areas_by_area "
            "ON organizations_organization_areas (publicbenefitarea_id, organization_id)",
            "DROP INDEX IF EXISTS organizations_areas_by_area",
        )
    ]
