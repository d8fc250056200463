"""The course of a call on its public page (grant_figures.selectors.path, the page section of "grants.call"): the
steps at each stage, what each says, and a constant number of queries."""

import datetime

import pytest
from django.utils import timezone

from razem.commissions.models import Member, Opinion
from razem.grant_figures.selectors.path import call_path, steps
from razem.grants.models import Call, Offer, Publication
from tests.core.helpers import in_polish, text_of
from tests.factories import UserFactory
from tests.grant_figures.factories import D, award, decide, filed, make_call, settle, sign


def states(call):
    path = call_path(call)
    return {step["key"]: step["state"] for step in steps(path)}


def page(client, call):
    response = client.get(call.get_absolute_url())
    assert response.status_code == 200
    return text_of(response)


def section(text):
    start = text.index('id="przebieg"')
    return text[start : text.index("</section>", start)]


def publish(call):
    today = timezone.localdate()
    for channel in ("razem", "bip", "notice_board"):
        Publication.objects.create(call=call, subject="call", channel=channel, published_on=today)


def appoint(call, **roles):
    for role, count in roles.items():
        for _ in range(count):
            Member.objects.create(call=call, role=role, user=UserFactory(), full_name="Członek Komisji")


@pytest.fixture
def open_call(reference_data):
    call = make_call(years=[2027], funds={2027: 100_000}, deadline_passed=False)
    publish(call)
    filed(call, {2027: 40_000})
    return call


def test_an_open_call_shows_its_announcement_and_the_deadline_but_not_the_offers_yet(client, open_call):
    assert states(open_call) == {
        "announcement": "done", "offers": "current", "commission": "upcoming", "results": "upcoming",
        "contracts": "upcoming", "reports": "upcoming",
    }  # fmt: skip

    text = section(page(client, open_call))

    assert in_polish("Course of the call") in text
    assert 'aria-current="step"' in text and 'id="przebieg-krok-offers"' in text
    assert in_polish("Public Information Bulletin (BIP)") in text
    assert "przebieg-offers-filed" not in text  # no count before the deadline


def test_a_closed_call_shows_the_offers_filed_and_the_commission(client, reference_data):
    call = make_call(years=[2027], funds={2027: 100_000})
    publish(call)
    filed(call, {2027: 40_000})
    filed(call, {2027: 25_500.50}, status=Offer.Status.REJECTED)
    filed(call, {2027: 90_000}, status=Offer.Status.WITHDRAWN)
    filed(call, {2027: 90_000}, status=Offer.Status.DRAFT)
    appoint(call, mayor=2, ngo=1, expert=1)
    Member.objects.create(call=call, role="ngo", user=UserFactory(), full_name="Wykluczony", excluded=True)

    assert states(call)["offers"] == "done" and states(call)["commission"] == "current"
    path = call_path(call)
    assert (path.offers.filed, path.offers.requested, path.offers.rejected) == (2, D("65500.50"), 1)
    assert (path.commission.members, path.commission.mayor, path.commission.ngo) == (4, 2, 1)

    text = section(page(client, call))
    assert "65\u00a0500,50\u00a0zł" in text
    assert in_polish("The call has been cancelled") not in text

    Opinion.objects.create(call=call, sat_on=datetime.date(2027, 1, 10), adopted_at=timezone.now())
    assert states(call)["commission"] == "done" and states(call)["results"] == "current"


def test_a_decided_call_shows_its_results_once_published(client, reference_data):
    call = make_call(years=[2027], funds={2027: 100_000})
    publish(call)
    first = filed(call, {2027: 40_000})
    second = filed(call, {2027: 20_000}, status=Offer.Status.NOT_AWARDED)
    decision = decide(call, published=False, number="1234/2027")
    award(first, decision, {2027: 30_000}, update=True)

    text = section(page(client, call))
    assert "1234/2027" not in text
    assert "30\u00a0000,00\u00a0zł" not in text

    decision.results_published_at = timezone.now()
    decision.save()
    call.status = Call.Status.DECIDED
    call.save()
    Publication.objects.create(call=call, subject="results", channel="bip", published_on=timezone.localdate())

    assert states(call)["results"] == "done" and states(call)["contracts"] == "current"
    path = call_path(call)
    assert (path.offers.funded, path.offers.awarded, path.offers.not_funded) == (1, D(30_000), 1)
    assert path.offers.requested == D(60_000)  # as asked before the update
    text = section(page(client, call))
    assert "1234/2027" in text
    assert "30\u00a0000,00\u00a0zł" in text
    assert second.pk  # not funded, counted


def test_a_call_with_contracts_shows_them_then_the_reports_and_returns(client, reference_data):
    call = make_call(years=[2027], funds={2027: 100_000}, status=Call.Status.DECIDED)
    publish(call)
    offers = [filed(call, {2027: 20_000}) for _ in range(3)]
    decision = decide(call)
    for offer in offers:
        award(offer, decision, {2027: 15_000})
    signed = sign(offers[0])
    sign(offers[1])
    sign(offers[2], signed=False)

    assert states(call)["contracts"] == "done" and states(call)["reports"] == "current"
    path = call_path(call)
    assert (path.offers.contracts, path.offers.contracted) == (2, D(30_000))
    assert path.reports_accepted == 0

    settle(signed, 2027, to_return=1_200, returned=1_000)
    path = call_path(call)
    assert (path.reports_accepted, path.to_return, path.returned) == (1, D(1_200), D(1_000))
    text = section(page(client, call))
    assert "1\u00a0000,00\u00a0zł" in text and "1\u00a0200,00\u00a0zł" in text


def test_a_cancelled_call_ends_with_its_cancellation(client, reference_data):
    call = make_call(years=[2027], funds={2027: 100_000}, status=Call.Status.CANCELLED, status_reason="Brak ofert.")
    publish(call)

    assert list(states(call)) == ["announcement", "offers", "cancelled"]
    assert 'href="#cancellation"' in section(page(client, call))


def test_a_draft_call_has_no_path(reference_data):
    call = make_call(years=[2027], funds={2027: 100_000}, status=Call.Status.DRAFT)

    assert call_path(call) is None


@pytest.mark.parametrize("offers", [2, 10])
def test_the_path_takes_six_queries_whatever_the_number_of_offers(django_assert_num_queries, reference_data, offers):
    call = make_call(years=[2027], funds={2027: 10 * 20_000}, status=Call.Status.DECIDED)
    decision = decide(call)
    for _ in range(offers):
        offer = filed(call, {2027: 20_000})
        award(offer, decision, {2027: 10_000})
        settle(sign(offer), 2027, to_return=100, returned=100)
    appoint(call, mayor=2, ngo=2)
    call = Call.objects.prefetch_related("publications").get(pk=call.pk)

    with django_assert_num_queries(6):
        path = call_path(call)

    assert (path.offers.funded, path.reports_accepted) == (offers, offers)
