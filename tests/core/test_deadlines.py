"""Deadlines counted from the statutory values: calendar days, or Polish working days without public holidays."""

import datetime

import pytest

from razem.core.deadlines import add_working_days, days_of, deadline, is_working_day
from razem.core.models import StatutoryValue

pytestmark = pytest.mark.django_db


def test_a_council_opinion_is_due_14_calendar_days_after_delivery_with_its_legal_basis():
    due = deadline("council_opinion_days", datetime.date(2026, 12, 20))

    assert due.date == datetime.date(2027, 1, 3)
    assert (due.days, due.counting) == (14, "days")
    assert due.legal_ref == "art. 41i ust. 2 u.d.p.p.w."


def test_working_days_skip_weekends_and_polish_holidays_christmas_eve_included_since_2025():
    assert not is_working_day(datetime.date(2026, 12, 24))  # Wigilia, a public holiday from 2025
    assert not is_working_day(datetime.date(2026, 4, 6))  # Easter Monday
    assert not is_working_day(datetime.date(2026, 6, 4))  # Corpus Christi
    assert is_working_day(datetime.date(2026, 12, 23))
    # From Monday 21 December: 22, 23, (24-27 off), 28, 29, 30, 31, (1 Jan off), 4 January.
    assert add_working_days(datetime.date(2026, 12, 21), 7) == datetime.date(2027, 1, 4)


def test_a_small_grant_offer_is_published_within_7_working_days():
    due = deadline("small_grant_publication_working_days", datetime.date(2026, 4, 2))  # a Thursday before Easter

    assert due.counting == "working_days"
    assert due.date == datetime.date(2026, 4, 14)  # 3, 7, 8, 9, 10, 13, 14 April (Easter Monday off)


def test_a_change_of_the_law_applies_from_its_date_and_the_office_can_count_in_working_days():
    StatutoryValue.objects.create(code="council_opinion_days", value=10, unit="working_days",
                                  valid_from=datetime.date(2027, 1, 1), legal_ref="nowelizacja")  # fmt: skip

    before = deadline("council_opinion_days", datetime.date(2026, 12, 31))
    after = deadline("council_opinion_days", datetime.date(2027, 1, 4))

    assert before.date == datetime.date(2027, 1, 14) and before.legal_ref.startswith("art. 41i")
    # 5, (6 January off), 7, 8, 11, 12, 13, 14, 15, 18, 19 January.
    assert after.date == datetime.date(2027, 1, 19) and after.legal_ref == "nowelizacja"


def test_practice_windows_are_values_too():
    assert days_of("opinion_warning_days") == 7
    assert days_of("invitation_valid_days") == 14
