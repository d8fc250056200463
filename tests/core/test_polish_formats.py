"""One rule for dates in Polish (docs/polish.md, Dates): "7 grudnia 2026", "7 grudnia 2026, 17:00", "07.12.2026"."""

import datetime

from django.utils import formats, translation


def test_polish_dates_follow_one_rule():
    moment = datetime.datetime(2026, 12, 7, 17, 0, tzinfo=datetime.UTC)  # formatted as it is, no conversion
    with translation.override("pl"):
        assert formats.date_format(moment.date()) == "7 grudnia 2026"
        assert formats.date_format(moment, "DATETIME_FORMAT") == "7 grudnia 2026, 17:00"
        assert formats.date_format(moment.date(), "SHORT_DATE_FORMAT") == "07.12.2026"
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "07.12.2026, 17:00"
        assert formats.date_format(moment.date(), "MONTH_DAY_FORMAT") == "7 grudnia"
        # Dates typed into forms are still read as Django reads them.
        assert "%d.%m.%Y" in formats.get_format("DATE_INPUT_FORMATS")


def test_english_dates_keep_djangos_formats():
    with translation.override("en"):
        assert formats.date_format(datetime.date(2026, 12, 7)) == "Dec. 7, 2026"
