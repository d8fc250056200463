"""The decided calls of the demo (``grants.demo.results``): a call decided with its results published in the three
channels, a partial award whose update was filed through the reopening, an offer not funded whose question was
answered; and a call whose tasks ended in 2026, every offer awarded in full."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from razem.core.money import share
from razem.grants.content import content_checksum
from razem.grants.demo.results import SLUGS
from razem.grants.models import Award, Call, Offer, Publication, Question
from razem.grants.reopening import reopening
from razem.grants.selectors.results import results_of

pytestmark = pytest.mark.django_db


def test_the_culture_call_is_decided_published_updated_and_asked_about(demo, client):
    call = Call.objects.get(slug=SLUGS["culture"])
    decision = call.decision

    assert call.status == Call.Status.DECIDED and call.years == [2026]
    assert decision.number == "0812/2026" and decision.made_on == datetime.date(2026, 3, 16)
    assert decision.results_published_at.date() == datetime.date(2026, 3, 18)
    channels = set(call.publications.filter(subject=Publication.Subject.RESULTS).values_list("channel", flat=True))
    assert channels == {"razem", "bip", "notice_board"}
    statuses = sorted(call.offers.values_list("status", flat=True))
    assert statuses == ["awarded"] * 4 + ["not_awarded"]
    awards = Award.objects.filter(decision=decision)
    assert sum(a.amount for a in awards) <= call.funds.get().amount

    partial = awards.get(update=Award.Update.FILED)
    assert partial.offer.organization.name == "Fundacja Pod Wawelem" and partial.is_partial
    updated = partial.updated_version
    assert updated.number == 2 and content_checksum(updated.content) == updated.checksum
    assert Decimal(updated.content["budget"]["sources"]["grant"]) == partial.amount == Decimal("15000.00")
    assert share(partial.amount, updated.total_cost) <= partial.grant_share
    assert reopening(Offer.objects.get(pk=partial.offer_id)) is None

    question = Question.objects.get(call=call)
    assert question.offer.status == Offer.Status.NOT_AWARDED and question.answered_at > question.asked_at
    assert question.answer

    response = client.get(reverse("grants:results", args=[call.slug]))
    assert response.status_code == 200
    results = response.context["results"]
    assert len(results.funded) == 4 and len(results.not_funded) == 1 and results.rejected == 0


def test_the_summer_call_ended_in_2026_and_every_offer_got_what_it_asked(demo):
    call = Call.objects.get(slug=SLUGS["summer"])

    assert call.status == Call.Status.DECIDED
    assert call.realization_start == datetime.date(2026, 3, 1) and call.realization_end == datetime.date(2026, 9, 30)
    assert call.realization_end < timezone.localdate()
    awards = list(Award.objects.filter(decision__call=call).select_related("offer__organization"))
    assert len(awards) == 3 and all(a.amount == a.requested and a.update == Award.Update.NOT_NEEDED for a in awards)
    assert "Stowarzyszenie Przyjaciół Nowej Huty" in {a.offer.organization.name for a in awards}
    assert results_of(call).published


def test_every_demo_offer_was_filed_before_its_deadline(demo):
    for slug in SLUGS.values():
        call = Call.objects.get(slug=slug)
        for offer in call.offers.all():
            first = offer.versions.order_by("number").first()
            assert first.filed_at <= call.submission_deadline
