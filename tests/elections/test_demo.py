"""The demo elections: a finished KRDPP election with published results, a by-election the demo NGO accounts can
vote in, and a KDO election taking nominations."""

from collections import Counter

import pytest
from django.utils import timezone

from razem.accounts.models import User
from razem.bodies.models import BodyMembership
from razem.core.demo import load_demo
from razem.elections import demo, services
from razem.elections.models import Ballot, Candidacy, Election, Elector, Support
from razem.organizations.models import Organization

pytestmark = pytest.mark.django_db

DEMO_NGOS = {"przedstawiciel@razem.demo": "Stowarzyszenie Przyjaciół Nowej Huty",
             "prezeska@razem.demo": "Fundacja Pod Wawelem"}  # fmt: skip


@pytest.fixture
def demo_users(demo):
    """The demo, loaded once per session (see ``demo`` in tests/fixtures.py)."""
    return demo


def test_the_finished_krdpp_election_has_published_results_with_8_elected(demo_users):
    election = Election.objects.get(slug=demo.PAST_SLUG)
    accepted = election.candidacies.filter(status=Candidacy.Status.ACCEPTED)

    assert election.phase() == Election.Phase.RESULTS
    assert election.body.slug == "krdpp" and election.term_name.startswith("V kadencja")
    assert timezone.localtime(election.voting_open).year == election.body.terms.get(number=5).starts_on.year
    assert election.results_published_at and election.closed_at
    assert election.results_published_at > election.closed_at > election.voting_close
    assert (election.seats, election.max_marks, election.support_needed) == (8, 8, 3)
    assert accepted.count() == 14
    assert accepted.filter(elected=True).count() == 8
    assert not accepted.filter(elected__isnull=True).exists()
    assert all(c.consent_at and c.ballot_number for c in accepted)
    assert all(Support.objects.filter(candidacy=c).count() >= 3 for c in accepted)
    # The winners are the V term's members from organizations in the bodies demo.
    members = set(
        BodyMembership.objects.filter(body=election.body, term__number=5, appointment="elected").values_list(
            "person_id", flat=True
        )
    )
    assert set(accepted.filter(elected=True).values_list("person_id", flat=True)) == members
    if accepted.filter(tied=True).exists():
        assert election.tie_note


def test_the_finished_election_counts_turnout_and_invalid_paper_ballots(demo_users):
    election = Election.objects.get(slug=demo.PAST_SLUG)
    ballots = Ballot.objects.filter(election=election)
    electors = Elector.objects.filter(election=election)

    assert election.electorate_size == electors.count() >= 150
    assert election.ballots_cast == ballots.count() == 120
    assert election.invalid_ballots == ballots.filter(is_valid=False).count() == 2
    assert election.turnout == election.ballots_cast / election.electorate_size
    # At the count every paper ballot got a decoy tracker hash (elections.services.secrecy): no row says "paper".
    assert ballots.filter(tracker_sha256__isnull=True).count() == 0
    assert Counter(electors.exclude(voted_at=None).values_list("channel", flat=True)) == {"online": 110, "paper": 10}
    assert not electors.filter(channel="paper", recorded_by=None).exists()
    votes, _ballots, _invalid = services.tally(election)
    assert {c.pk: c.votes for c in election.candidacies.all()} == {
        c.pk: votes.get(c.pk, 0) for c in election.candidacies.all()
    }
    assert all(len(choices) <= election.max_marks for choices in ballots.values_list("choices", flat=True))


def test_the_by_election_is_open_and_the_demo_ngo_accounts_can_vote(demo_users):
    election = Election.objects.get(slug=demo.BY_ELECTION_SLUG)
    previous = Election.objects.get(slug=demo.PAST_SLUG)

    assert election.phase() == Election.Phase.VOTING and election.electorate_frozen_at
    assert election.previous == previous
    assert election.candidacies.filter(status=Candidacy.Status.ACCEPTED).count() == 9
    assert election.electorate_size == election.electors.count()
    assert election.electors.exclude(voted_at=None).count() == Ballot.objects.filter(election=election).count() == 40
    for email, name in DEMO_NGOS.items():
        user = User.objects.get(email=email)
        organization = Organization.objects.get(name=name)
        assert organization.status == Organization.Status.VERIFIED
        assert services.eligible_organizations(election).filter(pk=organization.pk).exists()
        assert election.electors.get(organization=organization).voted_at is None
        assert user.has_perm("elections.vote_election", election), email
        assert user.has_perm("organizations.act_for_organization", organization), email


def test_the_demo_representative_can_cast_a_ballot_in_the_by_election(demo_users):
    election = Election.objects.get(slug=demo.BY_ELECTION_SLUG)
    user = User.objects.get(email="przedstawiciel@razem.demo")
    organization = Organization.objects.get(name=DEMO_NGOS[user.email])
    first = election.candidacies.get(ballot_number=1)

    tracker = services.ballot_cast(actor=user, election=election, organization=organization, choices=[first.pk])

    assert Ballot.objects.filter(election=election, tracker_sha256=services.tracker_hash(tracker)).exists()
    assert election.electors.get(organization=organization).channel == "online"


def test_the_kdo_election_takes_nominations_one_candidacy_awaits_consent(demo_users):
    election = Election.objects.get(slug=demo.KDO_SLUG)
    candidacies = election.candidacies.all()

    assert election.phase() == Election.Phase.NOMINATIONS
    assert election.areas.filter(code="16").exists()
    assert sorted(candidacies.values_list("status", flat=True)) == ["awaiting_consent", "submitted"]
    assert Support.objects.filter(candidacy__election=election).count() == 1
    representative = User.objects.get(email="przedstawiciel@razem.demo")
    assert representative.has_perm("elections.support_election", election)


def test_loading_the_demo_again_adds_no_elections_data(demo_users):
    def counts():
        return (Election.objects.count(), Candidacy.objects.count(), Support.objects.count(),
                Elector.objects.count(), Ballot.objects.count())  # fmt: skip

    before = counts()
    load_demo()

    assert counts() == before
    assert before[0] == 4
