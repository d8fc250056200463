# Reserved for the decision and results (grants II); squashed into 0004 before landing.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("grants", "0005_formal_check")]
    operations: list = []
