"""Calls' slugs made again with ``core.text.slugify_pl`` where the old ``slugify`` dropped a Polish letter ("ł").

Only a slug the old helper derived from the call's number (or title) is changed, with any "-2" suffix it had; a slug
typed by the office is left alone. The old slug is recorded in ``core.SlugRedirect``: links to it answer 301.
"""

import re

from django.db import migrations
from django.utils import timezone
from django.utils.text import slugify as django_slugify  # the old helper, to recognise the slugs it made

from razem.core.text import slugify_pl


def reslug_calls(apps, schema_editor):
    Call = apps.get_model("grants", "Call")
    SlugRedirect = apps.get_model("core", "SlugRedirect")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = None
    taken = set(Call.objects.values_list("slug", flat=True))
    changed = 0
    for call in Call.objects.only("pk", "number", "title", "slug").order_by("pk").iterator():
        source = (call.number or call.title or "konkurs").replace("/", "-")
        old_base = django_slugify(source)[:70] or "konkurs"
        new_base = slugify_pl(source, max_length=70, default="konkurs")
        match = re.fullmatch(re.escape(old_base) + r"(-\d+)?", call.slug)
        if old_base == new_base or match is None:
            continue
        slug, n = new_base + (match.group(1) or ""), 1
        while slug in taken:
            n += 1
            slug = f"{new_base}-{n}"
        if content_type is None:
            content_type, _created = ContentType.objects.get_or_create(app_label="grants", model="call")
        SlugRedirect.objects.update_or_create(
            content_type=content_type,
            old_slug=call.slug,
            defaults={"object_id": call.pk, "created_at": timezone.now()},
        )
        taken.discard(call.slug)
        taken.add(slug)
        Call.objects.filter(pk=call.pk).update(slug=slug)
        changed += 1
    return changed


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0004_grants_two"),
        ("core", "0010_slug_redirects"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(reslug_calls, migrations.RunPython.noop, elidable=True)]
