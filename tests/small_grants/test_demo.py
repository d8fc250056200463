"""The small-grants demo: the plans of this year and the next, one offer in its comment period with a public comment,
one awarded with a signed contract, and a complete draft of the demo NGO account prezeska@razem.demo's foundation
that it can file."""

import pytest
from django.utils import timezone

from razem.contracts.models import Contract
from razem.grants.models import Award, Offer
from razem.organizations.models import Representative
from razem.small_grants import validation
from razem.small_grants.content import content_checksum
from razem.small_grants.models import Comment, YearPlan
from razem.small_grants.services.filing import small_grant_file

pytestmark = pytest.mark.django_db


def small_grants():
    return Offer.objects.filter(kind=Offer.Kind.SMALL_GRANT).select_related("small_grant", "current_version")


def test_the_plans_of_this_year_and_the_next_are_recorded(demo):
    year = timezone.localdate().year
    assert set(YearPlan.objects.values_list("year", flat=True)) >= {year, year + 1}


def test_one_offer_is_in_its_comment_period_with_a_public_comment(demo):
    today = timezone.localdate()
    offer = small_grants().get(status=Offer.Status.PUBLISHED)
    small_grant = offer.small_grant
    # Published on the day the demo was loaded (today, or yesterday when the run crossed midnight).
    assert small_grant.published_on == timezone.localtime(small_grant.published_at).date()
    assert 0 <= (today - small_grant.published_on).days <= 1
    assert small_grant.comments_open(today)
    assert {p.channel for p in small_grant.publications.all()} == {"razem", "bip", "notice_board"}
    assert small_grant.received_on < small_grant.published_on <= small_grant.publication_due
    comment = Comment.objects.get(small_grant=small_grant)
    assert comment.hidden_at is None and comment.author is None and comment.name
    assert offer.current_version.checksum == content_checksum(offer.current_version.content)


def test_one_offer_is_awarded_after_its_comment_period_with_a_signed_contract(demo):
    offer = small_grants().get(status=Offer.Status.AWARDED)
    small_grant = offer.small_grant
    award = Award.objects.select_related("decision").get(offer=offer)
    assert award.decision.call is None and small_grant.decision_id == award.decision_id
    assert award.decision.made_on > small_grant.comments_until
    assert award.amount < award.requested and award.years.get().year == small_grant.year
    contract = Contract.objects.get(offer=offer)
    assert contract.status == Contract.Status.SIGNED and contract.signed_on >= award.decision.made_on


def test_the_demo_ngo_accounts_draft_is_complete_and_can_be_filed(demo):
    president = demo["prezeska@razem.demo"]
    offer = small_grants().get(status=Offer.Status.DRAFT, organization__memberships__user=president)
    assert validation.filing_problems(offer) == []
    assert validation.limit_problems(offer, timezone.localdate()) == []
    signatory = Representative.objects.filter(organization=offer.organization, signs_alone=True).first()
    version = small_grant_file(
        actor=president,
        offer=offer,
        signatories=[signatory],
        declarations={"taxes": "nie zalega", "social_insurance": "nie zalega", "register": "KRS", "confirmed": "yes"},
    )
    assert version.number == 1 and Offer.objects.get(pk=offer.pk).status == Offer.Status.FILED
