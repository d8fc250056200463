"""The test kit itself: every factory makes a row, and the demo loaded once stays out of the other tests."""

import pytest

from razem.elections.models import Election
from razem.organizations.models import Membership, Organization
from razem.recommendations.models import Recommendation
from tests import factories

pytestmark = pytest.mark.django_db


def test_every_factory_makes_a_row_with_its_defaults(reference_data):
    made = [factory_class() for factory_class in factories.all_factories()]

    assert all(instance.pk for instance in made)
    assert factories.MembershipFactory(requested=True).status == Membership.Status.REQUESTED
    assert factories.MembershipFactory(representative=True).may_act
    assert factories.UserFactory(officer=True).is_city_staff
    assert factories.ElectionFactory(phase="support").phase() == Election.Phase.SUPPORT


def test_a_recommendation_is_recorded_through_the_service_and_moved_along_its_path(reference_data):
    parent = factories.RecommendationFactory(status=Recommendation.Status.ACCEPTED)
    child = factories.RecommendationFactory(parent=parent, actor=factories.UserFactory(officer=True))

    assert parent.status == Recommendation.Status.ACCEPTED and parent.number
    assert child.parent == parent and child.title == "Część 1"


def test_sequences_start_again_in_every_test():
    assert factories.OrganizationFactory().name == "Stowarzyszenie Testowe nr 1"


def test_a_demo_test_reads_the_demo_and_may_change_it(demo):
    assert Organization.objects.count() > 150
    Membership.objects.all().delete()


def test_the_change_was_rolled_back(demo):
    assert Membership.objects.exists()


def test_a_test_without_the_demo_sees_an_empty_database():
    assert not Organization.objects.exists()
    assert not Membership.objects.exists()
