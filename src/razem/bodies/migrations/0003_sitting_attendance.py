"""Attendance of members at sittings (present, absent excused or unexcused), and the number of consecutive unexcused
absences after which a council member is dismissed (art. 41g ust. 2 pkt 5), added to the statutory values from
core/data/statutory_values.json (existing rows are left as the office set them)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def seed(apps, schema_editor):
    from razem.core.reference import seed_statutory_values

    seed_statutory_values(apps.get_model("core", "StatutoryValue"))


class Migration(migrations.Migration):

    dependencies = [
        ('bodies', '0002_terms_acts_applications_workspace'),
        ('core', '0009_seed_statutory_values_reports'),
        ('events', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SittingAttendance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('present', 'Present at the sitting'), ('excused', 'Absent, excused'), ('unexcused', 'Absent, unexcused')], max_length=16, verbose_name='attendance')),
                ('note', models.CharField(blank=True, help_text='E.g. why the absence is excused. Seen by the office only.', max_length=300, verbose_name='reason or note')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='recorded')),
                ('membership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendance', to='bodies.bodymembership', verbose_name='member')),
                ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                ('sitting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='member_attendance', to='events.meeting', verbose_name='sitting')),
            ],
            options={
                'verbose_name': 'attendance at a sitting',
                'verbose_name_plural': 'attendance at sittings',
                'ordering': ['sitting', 'membership'],
                'constraints': [models.UniqueConstraint(fields=('sitting', 'membership'), name='bodies_attendance_once')],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
