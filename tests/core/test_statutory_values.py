"""Statutory numbers are data: seeded by a migration, valid from a date, read for the day in question."""

import datetime
from decimal import Decimal

import pytest

from razem.core.models import StatutoryValue
from razem.core.reference import MissingStatutoryValue, statutory_days, statutory_value

pytestmark = pytest.mark.django_db


def test_the_statutory_values_are_seeded():
    seeded = dict(StatutoryValue.objects.values_list("code", "value"))

    assert seeded["council_opinion_days"] == Decimal(14)
    assert seeded["council_term_years"] == Decimal(3)
    assert seeded["results_publication_days"] == Decimal(14)


def test_the_value_on_a_day_is_the_newest_one_valid_from_on_or_before_it():
    StatutoryValue.objects.create(code="council_opinion_days", value=Decimal(21), unit="days",
                                  valid_from=datetime.date(2030, 1, 1))  # fmt: skip

    assert statutory_days("council_opinion_days", datetime.date(2029, 12, 31)) == 14
    assert statutory_days("council_opinion_days", datetime.date(2030, 1, 1)) == 21
    assert statutory_days("council_opinion_days", datetime.date(2031, 6, 1)) == 21


def test_no_value_is_valid_before_its_first_row():
    with pytest.raises(MissingStatutoryValue):
        statutory_value("council_term_years", datetime.date(2014, 1, 1))


def test_a_missing_code_raises():
    with pytest.raises(MissingStatutoryValue):
        statutory_value("no_such_value")
