"""Fixtures of the meetings module tests. ``venue``, ``make_meeting``, ``register`` and the organization fixtures
are shared by every app's tests: see ``tests/fixtures.py``.

- ``meeting``: ``make_meeting()`` with 100 seats;
- ``body`` / ``body_member``: the body "Krakowska Rada Działalności Pożytku Publicznego" (KRDPP, no term) and a
  person with a current membership in it (Bogdan Radny, since a year ago, no term, no institution).
"""

import datetime

import pytest
from conftest import make_person
from django.utils import timezone

from razem.bodies.models import Body
from razem.events.models import Meeting
from tests.factories import BodyFactory, BodyMembershipFactory


@pytest.fixture
def meeting(make_meeting) -> Meeting:
    return make_meeting(capacity=100)


@pytest.fixture
def body(db) -> Body:
    return BodyFactory(
        name="Krakowska Rada Działalności Pożytku Publicznego", short_name="KRDPP", slug="krdpp", kind="council",
        current_term=None,
    )  # fmt: skip


@pytest.fixture
def body_member(body):
    person = make_person("radny@example.org", full_name="Bogdan Radny")
    BodyMembershipFactory(
        body=body, person=person, term=None, institution="",
        start_date=timezone.localdate() - datetime.timedelta(days=365),
    )  # fmt: skip
    return person
