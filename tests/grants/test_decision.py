"""The decision on a call (grants.services.results.decision_record): the awards per offer and year, the states it
moves, the update it asks for, and every refusal of the issue's "Bad input" about it, each with its Polish message
and nothing changed."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from razem.core.deadlines import deadline
from razem.core.models import LogEntry
from razem.core.money import pln, share
from razem.core.schedule import when
from razem.grants.models import Award, AwardYear, Call, Decision, Offer
from razem.grants.selectors.results import prefill, requested_by_year, split_amount, year_sums
from razem.grants.services.results import award_field
from tests.core.helpers import in_polish
from tests.factories import UserFactory
from tests.grants.test_results_factories import admit, awards, close, decide, filed, multi_year_call, open_call

pytestmark = pytest.mark.django_db

D = Decimal


def refused(officer, call, given, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        decide(officer, call, given, **kwargs)
    return caught.value


def assert_nothing_decided(call, *offers):
    call.refresh_from_db()
    assert call.status == Call.Status.ANNOUNCED
    assert not Decision.objects.exists() and not Award.objects.exists() and not AwardYear.objects.exists()
    for offer in offers:
        offer.refresh_from_db()
        assert offer.status == Offer.Status.ADMITTED
    assert not LogEntry.objects.filter(action__in=["grants.decision.recorded", "grants.call.decided"]).exists()
    assert not LogEntry.objects.filter(action__in=["grants.offer.awarded", "grants.offer.not_awarded"]).exists()


@pytest.fixture
def one_year(db):
    call = open_call()
    first = filed(call, "8000.00", title="Seniorzy w sieci")
    second = filed(call, "6000.00", title="Spacery z historią")
    close(call)
    admit(first, points="88.50", proposed="8000.00")
    admit(second, points="61.00", proposed="4000.00")
    return call, first, second


# Recording ------------------------------------------------------------------------------------------------------


def test_the_decision_awards_per_offer_and_year_and_moves_the_offers_and_the_call(officer, one_year):
    call, first, second = one_year
    year = call.years[0]

    decision = decide(officer, call, awards((first, "8000.00"), (second, "4000.00")), note="Zgodnie z opinią komisji.")

    call.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert call.status == Call.Status.DECIDED
    assert decision.number == "1234/2026" and decision.recorded_by == officer and decision.call == call
    assert first.status == second.status == Offer.Status.AWARDED
    full, partial = first.award, second.award
    assert full.amount == D("8000.00") and full.requested == D("8000.00") and full.points == D("88.50")
    assert full.update == Award.Update.NOT_NEEDED and full.update_due is None
    assert partial.amount == D("4000.00") and partial.requested == D("6000.00") and partial.is_partial
    assert partial.update == Award.Update.AWAITED
    assert partial.update_due == deadline("award_update_days", timezone.localdate()).date
    assert [(y.year, y.amount) for y in partial.years.all()] == [(year, D("4000.00"))]
    # The share of the grant in the total cost of the version awarded on: 6 000 of 6 667 (own 667, rounded up).
    version = second.current_version
    assert partial.version == version
    assert partial.grant_share == share(version.grant_requested, version.total_cost) == D("90.00")
    actions = set(LogEntry.objects.values_list("action", flat=True))
    assert {"grants.decision.recorded", "grants.call.decided", "grants.offer.awarded"} <= actions
    entry = LogEntry.objects.get(action="grants.decision.recorded")
    assert entry.data["funded"] == 2 and entry.data["partial"] == 1 and entry.data["awarded"] == {str(year): "12000.00"}


def test_zero_or_empty_is_not_funded_and_makes_no_award(officer, one_year):
    call, first, second = one_year

    decide(officer, call, {first.pk: {call.years[0]: D("0")}, second.pk: {call.years[0]: None}})

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == Offer.Status.NOT_AWARDED
    assert not Award.objects.exists()
    assert Call.objects.get(pk=call.pk).status == Call.Status.DECIDED


def test_an_offer_left_out_of_the_awards_is_not_funded(officer, one_year):
    call, first, second = one_year

    decide(officer, call, awards((first, "5000.00")))

    second.refresh_from_db()
    assert second.status == Offer.Status.NOT_AWARDED


def test_only_admitted_offers_take_part_rejected_and_withdrawn_do_not(officer):
    call = open_call()
    admitted = filed(call, "8000.00")
    rejected = filed(call, "7000.00")
    withdrawn = filed(call, "6000.00")
    close(call)
    admit(admitted)
    Offer.objects.filter(pk=rejected.pk).update(status=Offer.Status.REJECTED)
    Offer.objects.filter(pk=withdrawn.pk).update(status=Offer.Status.WITHDRAWN)

    decide(officer, call, awards((admitted, "8000.00")))

    statuses = dict(Offer.objects.values_list("pk", "status"))
    assert statuses == {admitted.pk: "awarded", rejected.pk: "rejected", withdrawn.pk: "withdrawn"}


def test_the_update_is_due_from_the_later_of_the_order_and_today(officer, one_year):
    call, first, second = one_year
    made_on = timezone.localdate() - datetime.timedelta(days=1)
    Call.objects.filter(pk=call.pk).update(submission_deadline=timezone.now() - datetime.timedelta(days=3))

    decide(officer, call, awards((first, "8000.00"), (second, "1000.00")), made_on=made_on)

    assert Award.objects.get(offer=second).update_due == deadline("award_update_days", timezone.localdate()).date


def test_multi_year_awards_are_kept_per_year(officer):
    call = multi_year_call()
    first_year, second_year = call.years
    offer = filed(call, {first_year: D("30000.00"), second_year: D("20000.00")})
    close(call)
    admit(offer, proposed="40000.00")

    decide(officer, call, {offer.pk: {first_year: D("24000.00"), second_year: D("16000.00")}})

    award = Award.objects.get(offer=offer)
    assert award.amount == D("40000.00") and award.requested == D("50000.00")
    assert [(y.year, y.amount) for y in award.years.all()] == [
        (first_year, D("24000.00")),
        (second_year, D("16000.00")),
    ]


# Refusals -------------------------------------------------------------------------------------------------------


def test_awards_beyond_the_funds_of_a_year_are_refused_naming_the_year_and_the_figures(officer):
    call = multi_year_call()
    first_year, second_year = call.years  # funds 100 000 and 50 000
    a = filed(call, {first_year: D("60000.00"), second_year: D("30000.00")})
    b = filed(call, {first_year: D("30000.00"), second_year: D("30000.00")})
    close(call)
    admit(a)
    admit(b)

    error = refused(
        officer,
        call,
        {a.pk: {first_year: D("60000.00"), second_year: D("30000.00")},
         b.pk: {first_year: D("30000.00"), second_year: D("25000.00")}},
    )  # fmt: skip

    expected = in_polish(
        "In %(year)s the grants awarded add up to %(awarded)s, more than the call's funds for that year, "
        "%(funds)s (by %(excess)s)."
    ) % {"year": second_year, "awarded": pln(D("55000")), "funds": pln(D("50000")), "excess": pln(D("5000"))}
    assert error.message_dict["__all__"] == [expected]
    assert_nothing_decided(call, a, b)


def test_more_than_requested_is_refused_on_the_offers_field(officer, one_year):
    call, first, second = one_year
    year = call.years[0]

    error = refused(officer, call, awards((first, "8000.01"), (second, "1000.00")))

    expected = in_polish(
        "%(amount)s is more than offer %(number)s requests for %(year)s, %(requested)s; a grant may be smaller than "
        "requested, never larger."
    ) % {"amount": pln(D("8000.01")), "number": first.number, "year": year, "requested": pln(D("8000.00"))}
    assert error.message_dict == {award_field(first.pk, year): [expected]}
    assert_nothing_decided(call, first, second)


def test_more_than_requested_in_one_year_is_refused_even_when_the_total_is_less(officer):
    call = multi_year_call()
    first_year, second_year = call.years
    offer = filed(call, {first_year: D("30000.00"), second_year: D("20000.00")})
    close(call)
    admit(offer)

    error = refused(officer, call, {offer.pk: {first_year: D("10000.00"), second_year: D("20000.50")}})

    assert list(error.message_dict) == [award_field(offer.pk, second_year)]
    assert_nothing_decided(call, offer)


def test_a_grant_in_a_year_the_offer_requests_nothing_for_is_refused(officer):
    call = multi_year_call()
    first_year, second_year = call.years
    offer = filed(call, {first_year: D("30000.00")})
    close(call)
    admit(offer)

    error = refused(officer, call, {offer.pk: {second_year: D("100.00")}})

    expected = in_polish("Offer %(number)s requests no grant for %(year)s.") % {
        "number": offer.number,
        "year": second_year,
    }
    assert error.message_dict == {award_field(offer.pk, second_year): [expected]}
    assert_nothing_decided(call, offer)


def test_a_negative_amount_is_refused(officer, one_year):
    call, first, second = one_year

    error = refused(officer, call, awards((first, "-1.00")))

    assert error.message_dict == {award_field(first.pk, call.years[0]): [in_polish("The amount cannot be negative.")]}
    assert_nothing_decided(call, first, second)


def test_the_decision_without_the_commissions_opinion_is_refused(officer, one_year):
    call, first, second = one_year
    Offer.objects.filter(pk=second.pk).update(points=None)

    error = refused(officer, call, awards((first, "8000.00")))

    expected = in_polish("The commission has not given its opinion on %(offers)s; the decision comes after it.") % {
        "offers": second.number
    }
    assert error.message_dict["__all__"] == [expected]
    assert_nothing_decided(call, first, second)


def test_the_decision_before_the_formal_check_is_finished_is_refused(officer, one_year):
    call, first, second = one_year
    Offer.objects.filter(pk=second.pk).update(status=Offer.Status.CORRECTING)

    error = refused(officer, call, awards((first, "8000.00")))

    expected = in_polish("The formal check of %(offers)s is not finished; the decision comes after it.") % {
        "offers": second.number
    }
    assert expected in error.message_dict["__all__"]
    assert not Decision.objects.exists() and Offer.objects.get(pk=first.pk).status == Offer.Status.ADMITTED


def test_an_award_to_an_offer_not_admitted_is_refused(officer, one_year):
    call, first, second = one_year
    Offer.objects.filter(pk=second.pk).update(status=Offer.Status.REJECTED)

    error = refused(officer, call, awards((first, "8000.00"), (second, "1000.00")))

    expected = in_polish("Offer %(number)s is not among the offers admitted in this call (it is %(status)s).") % {
        "number": second.number,
        "status": in_polish("Rejected formally", "offer status").lower(),
    }
    assert error.message_dict["__all__"] == [expected]
    assert not Decision.objects.exists()


def test_nothing_admitted_is_refused(officer):
    call = open_call()
    offer = filed(call, "8000.00")
    close(call)
    Offer.objects.filter(pk=offer.pk).update(status=Offer.Status.REJECTED)

    with pytest.raises(ValidationError) as caught:
        decide(officer, call, {})

    assert caught.value.messages == [
        in_polish(
            "No offer in this call was admitted after the formal check, so there is nothing to decide; if none meets "
            "the requirements, cancel the call (art. 18a)."
        )
    ]
    assert not Decision.objects.exists()


def test_the_number_and_a_sound_date_are_required(officer, one_year):
    call, first, second = one_year
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    error = refused(officer, call, awards((first, "8000.00")), number=" ", made_on=tomorrow)

    assert error.message_dict == {
        "number": [in_polish("Give the number of the order (zarządzenie) of the Mayor.")],
        "made_on": [in_polish("The order is dated %(date)s, in the future.") % {"date": when(tomorrow)}],
    }
    before = timezone.localtime(call.submission_deadline).date() - datetime.timedelta(days=1)
    error = refused(officer, call, awards((first, "8000.00")), made_on=before)
    assert error.message_dict["made_on"] == [
        in_polish("The order is dated %(date)s, before the deadline for offers (%(deadline)s).")
        % {"date": when(before), "deadline": when(call.submission_deadline)}
    ]
    assert_nothing_decided(call, first, second)


def test_only_the_office_decides_and_only_once_after_the_deadline(officer, one_year):
    call, first, second = one_year
    representative = first.person

    error = refused(representative, call, awards((first, "8000.00")))
    assert error.messages == [in_polish("Only the city office records the decision on a call.")]
    assert_nothing_decided(call, first, second)

    Call.objects.filter(pk=call.pk).update(submission_deadline=timezone.now() + datetime.timedelta(days=1))
    call.refresh_from_db()
    error = refused(officer, call, awards((first, "8000.00")))
    assert error.messages == [
        in_polish(
            "Offers are accepted until %(deadline)s; the decision comes after the deadline, the formal check and the "
            "commission's opinion."
        )
        % {"deadline": when(call.submission_deadline)}
    ]

    close(call)
    decision = decide(officer, call, awards((first, "8000.00")))
    error = refused(officer, Call.objects.get(pk=call.pk), awards((first, "8000.00")), number="2/2026")
    assert error.messages == [
        in_polish("The decision on this call is recorded: order no. %(number)s of %(date)s.")
        % {"number": decision.number, "date": when(decision.made_on)}
    ]
    assert Decision.objects.count() == 1


def test_a_failure_halfway_saves_nothing(officer, one_year):
    call, first, second = one_year

    with (
        mock.patch("razem.grants.workflows.calls.CALL.take", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        decide(officer, call, awards((first, "8000.00"), (second, "1000.00")))

    assert_nothing_decided(call, first, second)


def test_a_resident_is_refused_like_anyone_outside_the_office(one_year):
    call, first, _second = one_year

    error = refused(UserFactory(), call, awards((first, "8000.00")))

    assert error.messages == [in_polish("Only the city office records the decision on a call.")]


# Arithmetic ------------------------------------------------------------------------------------------------------


def test_the_proposal_is_split_in_proportion_to_the_requests_with_the_remainder_in_the_last_year():
    assert split_amount(D("100.00"), {2027: D("1"), 2028: D("1"), 2029: D("1")}) == {
        2027: D("33.33"), 2028: D("33.33"), 2029: D("33.34"),
    }  # fmt: skip
    assert split_amount(D("40000.00"), {2027: D("30000.00"), 2028: D("20000.00")}) == {
        2027: D("24000.00"), 2028: D("16000.00"),
    }  # fmt: skip
    # Half up to the grosz in each year but the last: 10 × 1/3 = 3.333… → 3.33; 10 × 2/3 → 6.67 (the rest).
    assert split_amount(D("10.00"), {2027: D("1.00"), 2028: D("2.00")}) == {2027: D("3.33"), 2028: D("6.67")}
    assert split_amount(D("10.00"), {2027: D("2.00"), 2028: D("1.00")}) == {2027: D("6.67"), 2028: D("3.33")}
    assert split_amount(D("5.00"), {2027: D("0")}) == {2027: D("5.00")}
    assert split_amount(D("5.00"), {}) == {}


def test_the_last_year_never_gets_more_than_it_requests():
    # 0.05 × 0.01 / 0.03 … the rounding of the first years leaves the last one above its request: a grosz moves back.
    parts = split_amount(D("0.02"), {2027: D("0.01"), 2028: D("0.01"), 2029: D("0.01")})
    assert sum(parts.values()) == D("0.02") and all(parts[y] <= D("0.01") for y in parts)


@given(
    st.lists(st.integers(min_value=0, max_value=5_000_000), min_size=1, max_size=6),
    st.integers(min_value=0, max_value=1000),
)
def test_a_split_adds_up_and_stays_within_each_years_request(weights, permille):
    requested = {2026 + n: D(w) / 100 for n, w in enumerate(weights)}
    whole = sum(requested.values(), D("0"))
    amount = (whole * permille / 1000).quantize(D("0.01"))

    parts = split_amount(amount, requested)

    assert sum(parts.values(), D("0")) == amount
    assert all(part >= 0 for part in parts.values())
    if whole:
        assert all(parts[year] <= requested[year] for year in requested)


def test_the_prefill_caps_the_proposal_at_the_request_and_leaves_none_at_zero():
    requested = {2027: D("30000.00"), 2028: D("20000.00")}
    assert prefill(D("60000.00"), requested) == requested
    assert prefill(None, requested) == {2027: D("0.00"), 2028: D("0.00")}
    assert prefill(D("25000.00"), requested) == {2027: D("15000.00"), 2028: D("10000.00")}


def test_the_requests_per_year_come_from_the_filed_version(one_year):
    _call, first, _second = one_year
    assert requested_by_year(first.current_version) == {first.call.years[0]: D("8000.00")}


def test_year_sums_compare_the_awards_with_the_funds():
    rows = year_sums({2027: D("100.00"), 2028: D("50.00")}, [{2027: D("60.00"), 2028: D("30.00")}, {2028: D("25")}])
    assert [(r.year, r.awarded, r.over, r.left, r.excess) for r in rows] == [
        (2027, D("60.00"), False, D("40.00"), D("0.00")),
        (2028, D("55.00"), True, D("-5.00"), D("5.00")),
    ]


def test_a_grant_below_the_calls_smallest_grant_is_refused(officer, one_year):
    call, first, second = one_year  # the call's smallest grant: 1 000 zł
    field = award_field(first.pk, call.years[0])

    error = refused(officer, call, awards((first, "999.99"), (second, "6000.00")))

    expected = in_polish(
        "%(amount)s for offer %(number)s is below the call's smallest grant, %(min)s: award at least that, or nothing."
    ) % {"amount": pln(D("999.99")), "number": first.number, "min": pln(D("1000.00"))}
    assert error.message_dict == {field: [expected]}
    assert_nothing_decided(call, first, second)
