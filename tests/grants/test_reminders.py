"""Reminders of the deadline to organizations whose offer is still a draft (grants.jobs.remind_drafts, a daily job):
at ``offer_first_reminder_days`` and ``offer_last_reminder_days`` before the deadline (statutory values, not
literals), each once, never for a filed or withdrawn offer or a call that is not open."""

import datetime

import pytest
from conftest import make_person
from django.utils import timezone

from razem.core.models import Notification, StatutoryValue
from razem.grants.jobs import remind_drafts
from razem.grants.models import Call, Offer
from razem.organizations.models import Membership
from tests.factories import CallFactory, OfferFactory, add_membership, make_organization

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def people():
    """A lead organization with a representative and an admin (both act for it) and a plain member."""
    organization = make_organization("Stowarzyszenie Szkicowe")
    acting = [make_person("rep@example.org"), make_person("admin@example.org")]
    add_membership(organization, acting[0], Membership.Role.REPRESENTATIVE)
    add_membership(organization, acting[1], Membership.Role.ADMIN)
    add_membership(organization, make_person("member@example.org"), Membership.Role.MEMBER)
    return organization


def draft_due_in(organization, days: int, **offer_fields) -> Offer:
    call = CallFactory(submission_deadline=timezone.now() + days * DAY + datetime.timedelta(seconds=5))
    return OfferFactory(call=call, organization=organization, **offer_fields)


def told() -> list[str]:
    return sorted(Notification.objects.filter(kind="grants/draft_reminder").values_list("recipient__email", flat=True))


def test_the_first_reminder_goes_three_days_before_the_deadline_once_to_the_people_acting_for_the_lead(people):
    offer = draft_due_in(people, 3)

    assert remind_drafts() == 1
    assert told() == ["admin@example.org", "rep@example.org"]
    offer.refresh_from_db()
    assert offer.reminders_sent == ["first"]
    assert remind_drafts() == 0
    assert len(told()) == 2


def test_the_last_reminder_goes_the_day_before_and_never_twice(people):
    offer = draft_due_in(people, 3)
    remind_drafts()
    Offer.objects.filter(pk=offer.pk).update(reminders_sent=["first"])

    later = timezone.now() + 2 * DAY
    assert remind_drafts(now=later) == 1
    offer.refresh_from_db()
    assert offer.reminders_sent == ["first", "last"]
    assert remind_drafts(now=later) == 0
    assert remind_drafts(now=later + datetime.timedelta(minutes=30)) == 0
    titles = list(Notification.objects.filter(kind="grants/draft_reminder").values_list("title", flat=True))
    assert len(titles) == 4


def test_a_draft_started_on_the_last_day_gets_only_the_last_reminder(people):
    offer = draft_due_in(people, 1)

    assert remind_drafts() == 1
    offer.refresh_from_db()
    assert offer.reminders_sent == ["first", "last"]
    assert len(told()) == 2
    assert remind_drafts() == 0


@pytest.mark.parametrize(
    "case",
    ["filed", "withdrawn", "far", "past", "cancelled", "draft_call"],
)
def test_no_reminder_for_a_filed_or_withdrawn_offer_a_far_or_past_deadline_or_a_call_not_open(people, case):
    if case == "filed":
        draft_due_in(people, 1, status=Offer.Status.FILED)
    elif case == "withdrawn":
        draft_due_in(people, 1, status=Offer.Status.WITHDRAWN)
    elif case == "far":
        draft_due_in(people, 5)
    elif case == "past":
        call = CallFactory(submission_deadline=timezone.now() - datetime.timedelta(seconds=1))
        OfferFactory(call=call, organization=people)
    elif case == "cancelled":
        call = CallFactory(submission_deadline=timezone.now() + DAY, status=Call.Status.CANCELLED)
        OfferFactory(call=call, organization=people)
    else:
        call = CallFactory(submission_deadline=timezone.now() + DAY, status=Call.Status.DRAFT)
        OfferFactory(call=call, organization=people)

    assert remind_drafts() == 0
    assert told() == []


def test_the_days_are_statutory_values_not_literals(people):
    StatutoryValue.objects.create(
        code="offer_first_reminder_days", value=5, unit="days", valid_from=timezone.localdate() - DAY,
        legal_ref="practice of the office", description="test",
    )  # fmt: skip
    offer = draft_due_in(people, 5)

    assert remind_drafts() == 1
    offer.refresh_from_db()
    assert offer.reminders_sent == ["first"]


def test_the_reminder_is_a_registered_daily_job():
    from razem.core import registry

    job = registry.daily_jobs.get("grants.remind_drafts")
    assert job.run() == "Draft offers reminded of the deadline: 0."
