# Reserved for the decision and results (grants II); squashed into 0004 before landing. The decision, the results,
# the questions and the update need no change of the models of grants/models/results.py: nothing to migrate.
from typing import ClassVar

from django.db import migrations
from django.db.migrations.operations.base import Operation


class Migration(migrations.Migration):
    dependencies = [("grants", "0005_formal_check")]
    operations: ClassVar[list[Operation]] = []
