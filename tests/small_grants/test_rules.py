"""The permission matrix of small grants: anonymous visitor, a person acting for the oferent, a person acting for
another verified organization, and an officer, against every stage of the offer, for every permission; and the
refusals the pages show."""

import pytest
from django.contrib.auth.models import AnonymousUser

from razem.core.permissions import why_not
from razem.grants.models import Offer
from razem.small_grants.services.filing import small_grant_withdraw
from tests.core.helpers import in_polish
from tests.factories import MembershipFactory, UserFactory
from tests.small_grants.factories import comments_over, decide, draft, filed, published

pytestmark = pytest.mark.django_db

STAGES = ("draft", "filed", "open", "over", "awarded", "not_awarded", "withdrawn")
PERMS = (
    "view_offer",
    "edit_offer",
    "file_offer",
    "withdraw_offer",
    "view_public",
    "comment_offer",
    "publish_offer",
    "decide_offer",
)
PUBLIC = {"open", "over", "awarded", "not_awarded"}
EXPECTED = {
    "anonymous": {"view_public": PUBLIC, "comment_offer": {"open"}},
    "other_rep": {"view_public": PUBLIC, "comment_offer": {"open"}},
    "rep": {
        "view_offer": set(STAGES),
        "edit_offer": {"draft"},
        "file_offer": {"draft"},
        "withdraw_offer": {"filed", "open", "over"},
        "view_public": PUBLIC,
        "comment_offer": {"open"},
    },
    "staff": {
        "view_offer": set(STAGES) - {"draft"},
        "view_public": PUBLIC,
        "comment_offer": {"open"},
        "publish_offer": {"filed"},
        "decide_offer": {"over"},
    },
}


@pytest.fixture
def world(plans):
    officer = UserFactory(officer=True)
    rep = UserFactory(full_name="Reprezentantka")
    offers = {}
    for stage in STAGES:
        offer = draft(filer=rep) if stage == "draft" else draft(filer=UserFactory())
        if stage != "draft":
            MembershipFactory(organization=offer.organization, user=rep, representative=True)
        offers[stage] = offer
    filed(offers["filed"])
    filed(offers["withdrawn"])
    small_grant_withdraw(actor=rep, offer=Offer.objects.get(pk=offers["withdrawn"].pk))
    published(offers["open"], officer)
    for stage in ("over", "awarded", "not_awarded"):
        published(offers[stage], officer)
        comments_over(offers[stage])
    decide(offers["awarded"], officer)
    decide(offers["not_awarded"], officer, accept=False)
    people = {
        "anonymous": AnonymousUser(),
        "rep": rep,
        "other_rep": MembershipFactory(representative=True).user,
        "staff": officer,
    }
    fresh = {stage: Offer.objects.select_related("small_grant").get(pk=o.pk) for stage, o in offers.items()}
    return people, fresh


@pytest.mark.parametrize("role", list(EXPECTED))
def test_who_may_do_what_at_each_stage(world, role):
    people, offers = world
    user = people[role]
    found = {
        perm: {stage for stage in STAGES if user.has_perm(f"small_grants.{perm}", offers[stage])} for perm in PERMS
    }
    expected = {perm: EXPECTED[role].get(perm, set()) for perm in PERMS}
    assert found == expected


def test_starting_an_offer_needs_a_verified_organization():
    assert not AnonymousUser().has_perm("small_grants.start_offer")
    assert why_not(UserFactory(), "small_grants.start_offer") == in_polish(
        "Only a person who may act for a verified organization can do this."
    )
    assert MembershipFactory(representative=True).user.has_perm("small_grants.start_offer")


def test_the_office_list_and_the_plans_are_the_offices():
    assert UserFactory(officer=True).has_perm("small_grants.view_office")
    assert not UserFactory().has_perm("small_grants.view_office")
    assert not MembershipFactory(representative=True).user.has_perm("small_grants.manage_plans")


def test_an_offer_in_a_call_is_not_a_small_grant(plans):
    from tests.factories import OfferFactory

    offer = OfferFactory()
    officer = UserFactory(officer=True)
    assert not officer.has_perm("small_grants.view_offer", offer)
    assert not AnonymousUser().has_perm("small_grants.view_public", offer)
