"""One ballot per organization under real concurrent transactions.

PostgreSQL only (``DATABASE_URL=postgres://...``): SQLite serializes every write transaction, so it cannot show a
race. Each thread works in its own database connection and closes it at the end.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import make_person
from django.core.exceptions import ValidationError
from django.db import connection

from razem.elections import services
from razem.elections.models import Ballot, Elector
from razem.organizations.models import Membership
from tests.factories import add_membership

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent transactions need PostgreSQL (run with DATABASE_URL=postgres://...)",
    ),
    pytest.mark.django_db(transaction=True),
]


def all_at_once(tasks: list, work) -> list:
    """Run ``work(task)`` for every task in its own thread, all released together by a barrier."""
    start = threading.Barrier(len(tasks), timeout=60)

    def run(task):
        try:
            start.wait()
            return work(task)
        except ValidationError as exc:
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(tasks)) as pool:
        return list(pool.map(run, tasks))


def test_three_representatives_of_each_of_ten_organizations_voting_at_once_cast_ten_ballots(
    make_election, ready, voters
):
    election = make_election("voting", max_marks=2)
    organizations = voters(10)
    candidacies = ready(election, candidates=3)
    tasks = []
    for n, (organization, first) in enumerate(organizations):
        others = [make_person(f"rep{n}.{k}@example.org") for k in range(2)]
        for person in others:
            add_membership(organization, person, Membership.Role.REPRESENTATIVE)
        for k, person in enumerate([first, *others]):
            tasks.append((organization, person, [candidacies[k].pk]))

    outcomes = all_at_once(
        tasks,
        lambda t: services.ballot_cast(actor=t[1], election=election, organization=t[0], choices=t[2]),
    )

    trackers = [o for o in outcomes if isinstance(o, str)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(trackers) == 10 and len(refused) == 20
    assert {o.code for o in refused} == {"already_voted"}
    assert Ballot.objects.filter(election=election).count() == 10
    voted = Elector.objects.filter(election=election, voted_at__isnull=False)
    assert voted.count() == 10
    assert set(voted.values_list("organization", flat=True)) == {o.pk for o, _p in organizations}


def test_an_online_ballot_and_a_paper_ballot_recorded_at_once_for_one_organization_make_one(
    make_election, ready, voters, officer
):
    election = make_election("voting")
    pairs = voters(5)
    candidacies = ready(election, candidates=2)
    tasks = []
    for organization, person in pairs:
        tasks.append(("online", organization, person))
        tasks.append(("paper", organization, officer))

    def record(task):
        channel, organization, actor = task
        choices = [candidacies[0].pk] if channel == "online" else [candidacies[1].pk]
        if channel == "online":
            return services.ballot_cast(actor=actor, election=election, organization=organization, choices=choices)
        return services.paper_ballot_record(actor=actor, election=election, organization=organization, choices=choices)

    outcomes = all_at_once(tasks, record)

    assert sum(not isinstance(o, ValidationError) for o in outcomes) == 5
    assert Ballot.objects.filter(election=election).count() == 5
    electors = Elector.objects.filter(election=election, organization__in=[o for o, _p in pairs])
    assert all(e.voted_at is not None and e.channel in {"online", "paper"} for e in electors)
    # Each organization's one ballot matches the channel that won: online ballots mark the first candidate, paper
    # ones the second (a paper ballot's tracker hash is a decoy, so it does not tell the channel).
    online = electors.filter(channel="online").count()
    assert Ballot.objects.filter(election=election, choices=[candidacies[0].pk]).count() == online
    trackers = [o for o in outcomes if isinstance(o, str)]
    assert len(trackers) == online
