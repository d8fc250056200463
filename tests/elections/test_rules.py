"""Who may do what in elections: the matrix of elections/rules.py, persona × phase of the election.

The table is read as written: a row per permission, one cell per persona listing the initials of the phases in
which the persona holds it ("-": never). Phases: D draft (prepared, not announced), N nominations, S support,
V voting (electorate frozen), C counting (voting closed, not yet counted), R results (counted and published).
Every check uses a fresh user object, as a new request would (the predicates cache memberships on the user).

Personas:
    anonymous       a visitor who is not signed in
    resident        signed in, acts for no organization
    member          a plain member of a verified organization
    representative  the representative of a verified organization
    pending_rep     the representative of an organization awaiting verification (and of nothing else)
    officer         city officer
"""

import datetime

import pytest
from conftest import make_person
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from razem.accounts.models import User
from razem.elections.models import Election
from razem.organizations.models import Membership, Organization
from tests.factories import PHASES, add_membership, make_organization

PERSONAS = ["anonymous", "resident", "member", "representative", "pending_rep", "officer"]

MATRIX = """
permission   anonymous resident member representative pending_rep officer
view         NSVCR     NSVCR    NSVCR  NSVCR          NSVCR       DNSVCR
nominate     -         -        -      N              -           -
support      -         -        -      NS             -           -
vote         -         -        -      V              -           -
view_ballots R         R        R      R              R           R
manage       -         -        -      -              -           DNSVCR
"""
PERMISSIONS = {
    "view": "elections.view_election",
    "nominate": "elections.nominate_election",
    "support": "elections.support_election",
    "vote": "elections.vote_election",
    "view_ballots": "elections.view_ballots_election",
    "manage": "elections.manage_election",
}


def parse(table: str) -> dict[str, dict[str, str]]:
    header, *rows = [line.split() for line in table.strip().splitlines()]
    assert header[1:] == PERSONAS, header
    parsed = {}
    for row, *cells in rows:
        assert len(cells) == len(PERSONAS), row
        parsed[row] = {persona: ("" if cell == "-" else cell) for persona, cell in zip(PERSONAS, cells, strict=True)}
    return parsed


EXPECTED = parse(MATRIX)


def fresh(user):
    return AnonymousUser() if user is None or not user.is_authenticated else User.objects.get(pk=user.pk)


@pytest.fixture
def personas(anonymous, resident, verified_org, org_member, officer):
    representative = make_person("przedstawicielka@example.org", full_name="Paula Przedstawicielka")
    add_membership(verified_org, representative, Membership.Role.REPRESENTATIVE)
    waiting = make_organization("Fundacja Czekająca", krs="0000200001", status=Organization.Status.PENDING)
    pending_rep = make_person("czekajacy@example.org", full_name="Czesław Czekający")
    add_membership(waiting, pending_rep, Membership.Role.REPRESENTATIVE)
    return {
        "anonymous": anonymous,
        "resident": resident,
        "member": org_member,
        "representative": representative,
        "pending_rep": pending_rep,
        "officer": officer,
    }


@pytest.fixture
def elections(make_election) -> dict[str, Election]:
    now = timezone.now()
    return {
        "D": make_election("nominations", status=Election.Status.DRAFT),
        "N": make_election("nominations"),
        "S": make_election("support"),
        "V": make_election("voting", electorate_frozen_at=now, electorate_size=1),
        "C": make_election("counting", electorate_frozen_at=now - datetime.timedelta(days=10)),
        "R": make_election(
            "counting",
            electorate_frozen_at=now - datetime.timedelta(days=10),
            closed_at=now,
            ballots_cast=0,
            invalid_ballots=0,
            results_published_at=now,
        ),  # fmt: skip
    }


def test_the_elections_are_in_the_phases_of_the_table(elections):
    assert {initial: e.phase() for initial, e in elections.items()} == {
        "D": "draft", "N": "nominations", "S": "support", "V": "voting", "C": "counting", "R": "results",
    }  # fmt: skip


@pytest.mark.parametrize("permission", list(EXPECTED))
def test_who_may_do_what_in_each_phase_of_an_election(personas, elections, permission):
    for persona, user in personas.items():
        allowed = {i for i, e in elections.items() if fresh(user).has_perm(PERMISSIONS[permission], e)}
        assert allowed == set(EXPECTED[permission][persona]), (permission, persona)


def test_nobody_votes_before_the_office_freezes_the_electorate(personas, make_election):
    election = make_election("voting")

    assert election.phase() == "voting"
    assert not any(fresh(user).has_perm("elections.vote_election", election) for user in personas.values())


def test_the_ballots_are_public_once_counted_even_before_publication(personas, make_election):
    election = make_election("counting", electorate_frozen_at=timezone.now(), closed_at=timezone.now())

    assert all(fresh(user).has_perm("elections.view_ballots_election", election) for user in personas.values())


def test_a_cancelled_election_offers_no_nomination_support_or_vote(personas, make_election):
    for phase in PHASES:
        election = make_election(phase, status=Election.Status.CANCELLED, electorate_frozen_at=timezone.now())
        user = fresh(personas["representative"])
        for verb in ("nominate", "support", "vote"):
            assert not user.has_perm(PERMISSIONS[verb], election), (phase, verb)
