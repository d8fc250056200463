"""Fixtures of the small-grants tests: the reference data (the areas of art. 4) for every test here, an officer, a
plan of grants for the years the drafts fall in, and a complete draft (``tests.small_grants.factories.draft``)."""

import pytest
from django.utils import timezone

from tests.small_grants.factories import draft, plan


@pytest.fixture(autouse=True)
def _areas(reference_data):
    """The public-benefit areas (art. 4), which the simplified offer names as its kind of task."""


@pytest.fixture
def plans():
    year = timezone.localdate().year
    return [plan(year), plan(year + 1)]


@pytest.fixture
def offer(plans):
    return draft()
