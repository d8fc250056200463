"""Meetings' slugs made again with ``core.text.slugify_pl``: "ł" was dropped before ("Pełnomocnik" -> "penomocnik").

The old address keeps working: a meeting's page is found by its number and a wrong slug answers 301 to the current
one (``events.views.public.detail``), so no ``core.SlugRedirect`` is needed.
"""

from django.db import migrations

from razem.core.text import slugify_pl


def reslug_meetings(apps, schema_editor):
    Meeting = apps.get_model("events", "Meeting")
    changed = []
    for meeting in Meeting.objects.only("pk", "title", "slug").iterator():
        slug = slugify_pl(meeting.title, max_length=80, default="spotkanie")
        if slug != meeting.slug:
            meeting.slug = slug
            changed.append(meeting)
    Meeting.objects.bulk_update(changed, ["slug"], batch_size=500)
    return len(changed)


class Migration(migrations.Migration):
    dependencies = [("events", "0002_seed_checkin_early_hours")]

    operations = [migrations.RunPython(reslug_meetings, migrations.RunPython.noop, elidable=True)]
