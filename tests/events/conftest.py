"""Shared fixtures for the meetings module tests.

The organization fixtures and people of ``tests/organizations/conftest.py`` are available here too
(``verified_org``, ``org_admin``, ``org_representative``, ``org_member``, ``pending_org``, ``reference_data``,
``english``, ``media_root``...).

- ``venue``: "Centrum Obywatelskie", ul. Reymonta 20, district V Krowodrza, with the room "Sala 1w038" (70 seats);
- ``make_meeting(**fields)``: a meeting saved directly (no service, no audit); by default a published public
  civic-dialogue forum at the venue, starting in 7 days for 2 hours, with registration open now (opened a day
  ago, closing at the start) and no capacity limit. Pass ``areas=[...]`` for public-benefit areas;
- ``meeting``: ``make_meeting()`` with 100 seats;
- ``body`` / ``body_member``: the body "Krakowska Rada Działalności Pożytku Publicznego" (KRDPP) and a person with
  a current membership in it (Bogdan Radny);
- ``register(meeting, person, **kw)``: the registration service, with on-commit callbacks run (e-mails sent).
"""

import datetime

import pytest
from conftest import make_person
from django.utils import timezone

from razem.bodies.models import Body, BodyMembership
from razem.core.models import District, Room, Venue
from razem.events.models import Meeting
from tests.organizations.conftest import (  # noqa: F401 - fixtures re-exported for the events tests
    add_membership,
    english,
    make_organization,
    media_root,
    org_admin,
    org_member,
    org_representative,
    pending_org,
    reference_data,
    requester,
    suspended_org,
    verified_org,
)


@pytest.fixture
def venue(reference_data) -> Venue:  # noqa: F811
    place = Venue.objects.create(
        name="Centrum Obywatelskie",
        address="ul. Reymonta 20",
        postal_code="30-059",
        district=District.objects.get(number=5),
    )
    Room.objects.create(venue=place, name="Sala 1w038", capacity=70)
    return place


@pytest.fixture
def make_meeting(db, venue, officer):
    def make(**fields) -> Meeting:
        now = timezone.now()
        starts_at = fields.pop("starts_at", now + datetime.timedelta(days=7))
        areas = fields.pop("areas", ())
        defaults = {
            "title": "Forum dialogu obywatelskiego",
            "kind": Meeting.Kind.FORUM,
            "organizer_kind": Meeting.Organizer.CITY,
            "place_kind": Meeting.Place.VENUE,
            "venue": venue,
            "room": venue.rooms.first(),
            "district": venue.district,
            "starts_at": starts_at,
            "ends_at": fields.pop("ends_at", starts_at + datetime.timedelta(hours=2)),
            "visibility": Meeting.Visibility.PUBLIC,
            "status": Meeting.Status.PUBLISHED,
            "registration_enabled": True,
            "registration_opens_at": now - datetime.timedelta(days=1),
            "registration_closes_at": None,
            "created_by": officer,
            "published_at": now - datetime.timedelta(days=1),
        }
        defaults.update(fields)
        meeting = Meeting.objects.create(**defaults)
        if areas:
            meeting.areas.set(areas)
        return meeting

    return make


@pytest.fixture
def meeting(make_meeting) -> Meeting:
    return make_meeting(capacity=100)


@pytest.fixture
def body(db) -> Body:
    return Body.objects.create(
        name="Krakowska Rada Działalności Pożytku Publicznego", short_name="KRDPP", slug="krdpp", kind="council"
    )


@pytest.fixture
def body_member(body):
    person = make_person("radny@example.org", full_name="Bogdan Radny")
    BodyMembership.objects.create(
        body=body, person=person, start_date=timezone.localdate() - datetime.timedelta(days=365)
    )
    return person


@pytest.fixture
def register(django_capture_on_commit_callbacks):
    from razem.events.services import registrations

    def run(meeting: Meeting, person, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return registrations.register(actor=person, meeting=meeting, **kwargs)

    return run
