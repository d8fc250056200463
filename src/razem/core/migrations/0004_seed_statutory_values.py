"""Seed the statutory numbers the code reads (DOMAIN.md §7); change them here or in the admin, never in code."""

import datetime
from decimal import Decimal

from django.db import migrations

VALUES = [
    # (code, value, unit, valid from, legal reference, description)
    ("council_opinion_days", Decimal(14), "days", datetime.date(2010, 3, 12), "art. 41i ust. 2 u.d.p.p.w.",
     "Days a public benefit council has to give its opinion on the cooperation programme or the development "
     "strategy; silence means a waiver."),
    ("council_term_years", Decimal(3), "years", datetime.date(2015, 12, 1), "art. 41e ust. 3 u.d.p.p.w.",
     "Term of office of a public benefit council."),
    ("results_publication_days", Decimal(14), "days", datetime.date(2016, 4, 13), "uchwała XLI/731/16 RMK",
     "Days to publish the results of the KRDPP election."),
]  # fmt: skip


def seed(apps, schema_editor):
    StatutoryValue = apps.get_model("core", "StatutoryValue")
    for code, value, unit, valid_from, legal_ref, description in VALUES:
        StatutoryValue.objects.get_or_create(
            code=code,
            valid_from=valid_from,
            defaults={"value": value, "unit": unit, "legal_ref": legal_ref, "description": description},
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_statutory_values")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
