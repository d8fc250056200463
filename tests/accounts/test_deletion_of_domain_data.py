"""An account deletion covers what every app holds about the person (the registries of razem.core): a past
candidate, a follower, a member of a body."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.accounts.export import personal_data
from razem.accounts.services import user_delete_account
from razem.bodies.models import BodyMembership
from razem.elections.models import Candidacy
from razem.recommendations.models import Follower
from tests.factories import BodyFactory, BodyMembershipFactory, CandidacyFactory, ElectionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_past_candidate_can_delete_the_account_and_the_statement_goes_the_result_stays():
    person = UserFactory()
    election = ElectionFactory(phase="counting", results_published_at=timezone.now())
    candidacy = CandidacyFactory(election=election, person=person, votes=12, elected=True, biography="O mnie")

    assert personal_data(person)["elections"]["candidacies"][0]["votes"] == 12
    user_delete_account(actor=person, user=person)

    candidacy = Candidacy.objects.get(pk=candidacy.pk)
    assert (candidacy.statement, candidacy.biography, candidacy.votes, candidacy.elected) == ("", "", 12, True)
    person.refresh_from_db()
    assert not person.is_active and person.anonymised_at is not None


def test_a_running_candidate_is_told_to_withdraw_first_and_nothing_is_deleted():
    person = UserFactory()
    CandidacyFactory(election=ElectionFactory(phase="voting"), person=person)

    with pytest.raises(ValidationError) as refused:
        user_delete_account(actor=person, user=person)

    assert refused.value.messages[0].endswith("poproś urząd o wycofanie kandydatury.")
    person.refresh_from_db()
    assert person.is_active


def test_a_sitting_member_is_refused_and_a_followers_follows_go(make_recommendation):
    member, follower = UserFactory(), UserFactory()
    body = BodyFactory()
    BodyMembershipFactory(body=body, person=member)
    Follower.objects.create(recommendation=make_recommendation(), person=follower)

    with pytest.raises(ValidationError):
        user_delete_account(actor=member, user=member)
    user_delete_account(actor=follower, user=follower)

    assert BodyMembership.objects.filter(person=member).exists()
    assert not Follower.objects.filter(person=follower).exists()
