"""The commission's arithmetic: averages of the voting members' totals (experts, conflicted and excluded members
and incomplete scores do not count), half-up rounding to two decimals, the per-criterion averages, the order of the
ranking and its ties, and the proposals split between the years against the call's funds."""

import datetime
from decimal import Decimal

import pytest

from razem.commissions.arithmetic import mean, parse_points, points_text, split
from razem.commissions.models import Member, Proposal, Score
from razem.commissions.selectors import ranking
from tests.commissions.factories import admitted_offer, closed_call, give, seat

D = Decimal


# Pure arithmetic ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([D("10.1"), D("10"), D("10"), D("10")], D("10.03")),  # 10.025: half up, not to even
        ([D("10"), D("10"), D("11")], D("10.33")),  # 10.333…
        ([D("20"), D("21")], D("20.50")),
        ([D("2"), D("2"), D("2.1")], D("2.03")),  # 2.0333…
        ([D("0.1"), D("0")], D("0.05")),
        ([D("1"), D("1"), D("0")], D("0.67")),  # 0.666…
        ([D("30")], D("30.00")),
    ],
)
def test_the_mean_is_rounded_once_half_up_to_two_decimals(values, expected):
    assert mean(values) == expected
    assert str(mean(values)) == str(expected)


def test_the_mean_of_nothing_is_none():
    assert mean([]) is None


@pytest.mark.parametrize(
    ("typed", "value"),
    [("4,5", D("4.5")), ("4.5", D("4.5")), (" 5 ", D("5")), ("0", D("0")), ("abc", None), ("", None), ("NaN", None)],
)
def test_points_are_read_as_people_type_them(typed, value):
    assert parse_points(typed) == value


def test_points_are_shown_with_a_decimal_comma_and_no_trailing_zeros():
    assert points_text(D("4.5")) == "4,5"
    assert points_text(D("5.0")) == "5"
    assert points_text(D("12.25")) == "12,25"
    assert points_text(None) == ""


def test_a_proposal_is_split_between_the_years_as_the_requests_and_adds_up_exactly():
    parts = split(D("1000.00"), {2027: D("333.33"), 2028: D("333.33"), 2029: D("333.34")})
    assert parts == {2027: D("333.33"), 2028: D("333.33"), 2029: D("333.34")}
    parts = split(D("100.00"), {2027: D("1.00"), 2028: D("2.00")})
    assert parts == {2027: D("33.33"), 2028: D("66.67")}
    assert sum(parts.values()) == D("100.00")
    assert split(D("50.00"), {2027: D("0"), 2028: D("0")}) == {2027: D("50.00"), 2028: D("0.00")}
    assert split(D("50.00"), {}) == {}


# The ranking -------------------------------------------------------------------------------------------------------


@pytest.fixture
def call(db):
    return closed_call()


def _row(result, offer):
    return next(r for r in result.rows if r.offer.pk == offer.pk)


def test_the_average_counts_only_the_voting_members_totals(call):
    offer = admitted_offer(call)
    mayor = seat(call, Member.Role.MAYOR, signed=True)
    ngo = seat(call, Member.Role.NGO, signed=True)
    expert = seat(call, Member.Role.EXPERT, signed=True)
    give(mayor, offer, [5, 4, 3, 5, 4, 4])  # 25
    give(ngo, offer, [3, 3, 3, 3, 3, 3.5])  # 18.5
    give(expert, offer, 5)  # 30: advisory

    row = _row(ranking(call), offer)

    assert row.average == D("21.75")  # (25 + 18.5) / 2
    assert (row.scored, row.expected) == (2, 2)
    assert row.expert_average == D("30.00") and row.experts_scored == 1
    assert row.criteria == [D("4.00"), D("3.50"), D("3.00"), D("4.00"), D("3.50"), D("3.75")]


def test_per_criterion_averages_round_half_up_each(call):
    offer = admitted_offer(call)
    for points in ([4.1, 1, 1, 1, 1, 1], [4, 1, 1, 1, 1, 1], [4, 1, 1, 1, 1, 1], [4, 1, 1, 1, 1, 1.1]):
        give(seat(call, signed=True), offer, points)

    row = _row(ranking(call), offer)

    assert row.criteria[0] == D("4.03")  # 16.1 / 4 = 4.025
    assert row.criteria[5] == D("1.03")  # 4.1 / 4 = 1.025
    assert row.average == D("9.05")  # (9.1 + 9 + 9 + 9.1) / 4 = 9.05


def test_a_conflicted_member_does_not_count_nor_is_expected(call):
    offer = admitted_offer(call)
    honest = seat(call, signed=True)
    conflicted = seat(call, signed=True, conflicts=[offer])
    give(honest, offer, 4)
    give(conflicted, offer, 1)  # should never happen; were it there, it does not count

    row = _row(ranking(call), offer)

    assert row.average == D("24.00")
    assert (row.scored, row.expected) == (1, 1)
    assert row.criteria == [D("4.00")] * 6


def test_an_excluded_nominee_does_not_count(call):
    offer = admitted_offer(call)
    mayor = seat(call, signed=True)
    excluded = seat(call, Member.Role.NGO, excluded=True, signed=True)
    give(mayor, offer, 3)
    give(excluded, offer, 5)

    row = _row(ranking(call), offer)

    assert row.average == D("18.00") and row.scored == 1 and row.expected == 1
    assert row.criteria == [D("3.00")] * 6


def test_incomplete_and_missing_scores_do_not_count(call):
    scored, unscored = admitted_offer(call), admitted_offer(call)
    first, second = seat(call, signed=True), seat(call, signed=True)
    give(first, scored, 2)
    rows = give(second, scored, 5)
    Score.objects.filter(pk=rows[-1].pk).delete()  # one criterion missing: not a complete score

    result = ranking(call)

    assert _row(result, scored).average == D("12.00") and _row(result, scored).scored == 1
    assert _row(result, scored).criteria == [D("2.00")] * 6  # the incomplete card's points left out
    missing = _row(result, unscored)
    assert missing.average is None and missing.unscored and missing.expected == 2
    assert missing.criteria == [None] * 6
    assert result.rows[-1] is missing and missing.position is None
    assert [r.offer for r in result.unscored] == [unscored]


def test_offers_are_sorted_by_points_and_ties_share_their_place(call):
    offers = [admitted_offer(call) for _ in range(4)]
    member = seat(call, signed=True)
    for offer, points in zip(offers, [3, 5, 3, 4], strict=True):
        give(member, offer, points)

    result = ranking(call)

    assert [r.offer for r in result.rows] == [offers[1], offers[3], offers[0], offers[2]]
    assert [r.position for r in result.rows] == [1, 2, 3, 3]


def test_offers_awarded_or_not_stay_in_the_ranking_but_others_do_not(call):
    admitted = admitted_offer(call)
    awarded = admitted_offer(call, status="awarded")
    rejected = admitted_offer(call, status="rejected")
    filed = admitted_offer(call, status="filed")

    offers = {r.offer for r in ranking(call).rows}

    assert offers == {admitted, awarded}
    assert rejected not in offers and filed not in offers


def test_the_sums_per_year_hold_the_funds_the_requests_and_the_proposals(db):
    call = closed_call(
        realization_start=datetime.date(2027, 2, 1), realization_end=datetime.date(2027, 11, 30),
        funds={2027: D("20000.00")},
    )  # fmt: skip
    first, second = admitted_offer(call, grant="12000.00"), admitted_offer(call, grant="9000.50")
    Proposal.objects.create(offer=first, amount=D("12000.00"))
    Proposal.objects.create(offer=second, amount=D("8000.01"))

    result = ranking(call)

    (year,) = result.years
    assert (year.year, year.funds, year.requested, year.proposed) == (2027, D("20000.00"), D("21000.50"), D("20000.01"))
    assert year.over and result.over and year.left == D("-0.01")
    assert result.total.proposed == D("20000.01")
    assert _row(result, second).proposal_by_year == {2027: D("8000.01")}


def test_an_officer_on_the_commission_sees_only_the_points_of_the_offers_they_may_open(call, officer):
    offer, other = admitted_offer(call), admitted_offer(call)
    officer_seat = seat(call, signed=True, conflicts=[offer])
    later = admitted_offer(call)

    result = ranking(call, viewer=officer_seat.user)

    assert _row(result, offer).hidden == "conflict" and _row(result, other).hidden == ""
    assert _row(result, later).hidden == "declaration"
    assert all(not r.hidden for r in ranking(call, viewer=officer).rows)
