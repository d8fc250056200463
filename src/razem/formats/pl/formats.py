"""Polish formats: Django's, with one rule for dates written in full (docs/polish.md, Dates).

A date reads "7 grudnia 2026" (day, month in the genitive, lowercase); with the time, "7 grudnia 2026, 17:00";
the short form is the Polish "07.12.2026". Weekday and month names are lowercase (core/date_names.py sets them in
the catalogue); a template that begins a sentence or a heading with one adds ``|capfirst``.
"""

from django.conf.locale.pl.formats import *  # noqa: F403 (input formats, separators and the first day of the week)

DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"
