"""Seats under real concurrent transactions: no overbooking, no double registration, no seat given twice.

PostgreSQL only (``DATABASE_URL=postgres://...``): SQLite serializes every write transaction, so it cannot show a
race. Each thread works in its own database connection and closes it at the end.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from razem.accounts.models import User
from razem.events.models import Registration
from razem.events.services import registrations
from tests.core.helpers import in_polish

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent transactions need PostgreSQL (run with DATABASE_URL=postgres://...)",
    ),
    pytest.mark.django_db(transaction=True),
]

WORKERS = 30


def crowd(count: int, prefix: str = "osoba") -> list[User]:
    User.objects.bulk_create(
        User(email=f"{prefix}{n}@example.org", full_name=f"Osoba {n}", role=User.Role.RESIDENT) for n in range(count)
    )
    return list(User.objects.filter(email__startswith=prefix).order_by("pk"))


def all_at_once(tasks: list, work) -> list:
    """Run ``work(task)`` for every task, WORKERS at a time, each batch released together by a barrier."""
    assert len(tasks) % WORKERS == 0 or len(tasks) < WORKERS
    start = threading.Barrier(min(WORKERS, len(tasks)), timeout=60)

    def run(task):
        try:
            start.wait()
            return work(task)
        except ValidationError as exc:
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(run, tasks))


def test_150_people_registering_at_once_for_100_seats_get_100_seats_and_a_waiting_list_of_50(make_meeting):
    meeting = make_meeting(capacity=100)
    people = crowd(150)

    outcomes = all_at_once(people, lambda person: registrations.register(actor=person, meeting=meeting))

    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert Registration.objects.confirmed().filter(meeting=meeting).count() == 100
    waiting = list(Registration.objects.waiting().filter(meeting=meeting))
    assert len(waiting) == 50
    assert {r.person_id for r in Registration.objects.filter(meeting=meeting)} == {p.pk for p in people}
    # First come, first served: every seat went to someone who registered before everyone on the waiting list,
    # and the waiting list's order (registration time) is the order in which the registrations were saved.
    confirmed = Registration.objects.confirmed().filter(meeting=meeting)
    assert max(r.created_at for r in confirmed) <= min(r.created_at for r in waiting)
    assert [r.pk for r in waiting] == sorted(r.pk for r in waiting)
    assert len({r.created_at for r in waiting}) == 50


def test_one_person_submitting_twice_at_once_ends_with_one_registration(make_meeting):
    meeting = make_meeting(capacity=100)
    [person] = crowd(1)

    outcomes = all_at_once([person] * 5, lambda p: registrations.register(actor=p, meeting=meeting))

    assert Registration.objects.filter(meeting=meeting, person=person).count() == 1
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 4
    # The threads speak the site's default language, Polish: "Masz już zapis na to spotkanie..."
    already = in_polish("You are already registered for this meeting.").rstrip(".")
    assert all(already in " ".join(o.messages) for o in refused)


def test_cancellations_at_once_promote_exactly_as_many_people_waiting(make_meeting):
    meeting = make_meeting(capacity=30)
    people = crowd(60)
    for person in people:  # one after the other: the first 30 get seats, the rest wait in order
        registrations.register(actor=person, meeting=meeting)
    leaving = list(Registration.objects.confirmed().filter(meeting=meeting))
    queue = [r.person_id for r in Registration.objects.waiting().filter(meeting=meeting)]

    outcomes = all_at_once(leaving, lambda r: registrations.cancel(actor=r.person, registration=r))

    assert not [o for o in outcomes if isinstance(o, Exception)]
    confirmed = Registration.objects.confirmed().filter(meeting=meeting)
    assert confirmed.count() == 30  # every freed seat given once
    assert {r.person_id for r in confirmed} == set(queue)
    assert not Registration.objects.waiting().filter(meeting=meeting).exists()
    assert Registration.objects.filter(meeting=meeting, status=Registration.Status.CANCELLED).count() == 30


def test_seats_freed_at_once_go_to_the_front_of_the_waiting_list_in_order(make_meeting):
    meeting = make_meeting(capacity=30)
    people = crowd(80)
    for person in people:
        registrations.register(actor=person, meeting=meeting)
    queue = [r.person_id for r in Registration.objects.waiting().filter(meeting=meeting)]
    assert len(queue) == 50
    leaving = list(Registration.objects.confirmed().filter(meeting=meeting))[:20]

    all_at_once(leaving, lambda r: registrations.cancel(actor=r.person, registration=r))

    confirmed = {r.person_id for r in Registration.objects.confirmed().filter(meeting=meeting)}
    assert len(confirmed) == 30
    assert set(queue[:20]) <= confirmed
    assert [r.person_id for r in Registration.objects.waiting().filter(meeting=meeting)] == queue[20:]
