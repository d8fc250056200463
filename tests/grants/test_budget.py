"""Section V arithmetic (``grants.budget``, ``core.money``): property-style tests of sums, shares, the split between
oferenci and rounding over one and several years, and every rule of ``budget.check`` at its boundary.

One rounding rule everywhere: amounts half up to the grosz, shares half up to 0.01 %. So each share is off by at
most 0.005 %, and the shares of the sources add up to 100 % within 0.01 % per source."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from razem.core.money import ZERO, money, parse_money, percent, pln, share
from razem.grants import budget
from razem.grants.budget import SOURCES
from tests.core.helpers import in_polish

CENT = Decimal("0.01")
amounts = st.decimals(min_value=0, max_value=Decimal("999999.99"), places=2, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=CENT, max_value=Decimal("99999.99"), places=2, allow_nan=False, allow_infinity=False)
quantities = st.decimals(min_value=0, max_value=Decimal("9999.99"), places=2, allow_nan=False, allow_infinity=False)
raw = st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False)


def line(unit_cost, quantity, year_amounts=None, *, category="realization", partner=None):
    return SimpleNamespace(
        category=category,
        name="koszt",
        unit="szt.",
        unit_cost=Decimal(unit_cost),
        quantity=Decimal(quantity),
        year_amounts=year_amounts or {},
        partner_id=partner,
        activity_id=None,
    )


def funding(year, **sources):
    return SimpleNamespace(year=year, **{name: Decimal(sources.get(name, 0)) for name in SOURCES})


def call(**rules):
    defaults = {
        "min_grant": None,
        "max_grant": None,
        "own_share_min": Decimal("0"),
        "own_financial_share_min": Decimal("0"),
        "own_nonfinancial_share_min": Decimal("0"),
        "admin_costs_max": None,
        "recipient_fees_allowed": False,
        "funds": {},
    }
    defaults.update(rules)
    funds = [SimpleNamespace(year=year, amount=Decimal(amount)) for year, amount in defaults.pop("funds").items()]
    return SimpleNamespace(funds=SimpleNamespace(all=lambda: funds), **defaults)


def split_evenly(value: Decimal, years: list[int]) -> dict[int, Decimal]:
    """``value`` over ``years``, in grosze, the remainder in the last year."""
    part = (value / len(years)).quantize(CENT, rounding="ROUND_DOWN")
    amounts = {year: part for year in years}
    amounts[years[-1]] = value - part * (len(years) - 1)
    return amounts


# Rounding ---------------------------------------------------------------------------------------------------------


@given(raw)
def test_money_is_idempotent_and_always_in_grosze(value):
    once = money(value)
    assert money(once) == once
    assert once.as_tuple().exponent == -2
    assert abs(once - value) <= Decimal("0.005")


def test_money_rounds_half_up_to_the_grosz():
    assert money(Decimal("0.005")) == Decimal("0.01")
    assert money(Decimal("0.004999")) == Decimal("0.00")
    assert money(Decimal("-0.005")) == Decimal("-0.01")
    assert money("") == ZERO and money(None) == ZERO


@given(amounts)
def test_a_typed_amount_reads_back_as_the_same_figure(value):
    assert parse_money(pln(value)) == value
    assert parse_money(str(value).replace(".", ",")) == value


def test_typed_amounts_are_read_as_people_write_them():
    assert parse_money("1 234,50") == Decimal("1234.50")
    assert parse_money("1\u00a0234,5 zł") == Decimal("1234.5")
    assert parse_money("abc") is None
    assert parse_money("1,2,3") is None


@given(amounts, positive)
def test_a_share_is_half_up_to_a_hundredth_of_a_per_cent(part, whole):
    exact = part * 100 / whole
    assert abs(share(part, whole) - exact) <= Decimal("0.005")
    assert share(part, whole).as_tuple().exponent == -2


def test_shares_round_half_up_and_a_zero_whole_gives_zero():
    assert share(Decimal("1"), Decimal("3")) == Decimal("33.33")
    assert share(Decimal("2"), Decimal("3")) == Decimal("66.67")
    assert share(Decimal("1"), Decimal("800")) == Decimal("0.13")  # 0.125 up
    assert share(Decimal("5"), ZERO) == ZERO
    assert percent(Decimal("12.5")) == "12,50\u00a0%"


# Sums ---------------------------------------------------------------------------------------------------------------


@given(st.lists(st.tuples(amounts, quantities, st.booleans()), min_size=1, max_size=30))
def test_the_total_is_the_sum_of_the_lines_and_of_the_two_categories(rows):
    lines = [line(c, q, category="administration" if admin else "realization") for c, q, admin in rows]
    figures = budget.build([2027], lines, [])
    values = [money(Decimal(c) * Decimal(q)) for c, q, _admin in rows]
    assert [built.value for built in figures.lines] == values
    assert figures.total_cost == sum(values, ZERO)
    assert figures.realization_cost + figures.administration_cost == figures.total_cost
    # One year: each line's value falls in it without a split.
    assert figures.cost_in(2027) == figures.total_cost
    assert not [p for p in budget.check(figures, None) if p.field.endswith("year_amounts")]


@settings(max_examples=60)
@given(
    st.integers(min_value=2, max_value=5),
    st.lists(st.tuples(positive, st.integers(min_value=1, max_value=40)), min_size=1, max_size=15),
)
def test_over_several_years_the_years_add_up_to_the_total(year_count, rows):
    years = list(range(2027, 2027 + year_count))
    lines = [line(c, q, split_evenly(money(c * q), years)) for c, q in rows]
    figures = budget.build(years, lines, [])
    assert sum((figures.cost_in(y) for y in years), ZERO) == figures.total_cost
    assert all(built.split_total == built.value for built in figures.lines)
    assert not [p for p in budget.check(figures, None) if p.field.startswith("lines.")]


@settings(max_examples=80)
@given(
    st.lists(positive, min_size=1, max_size=4),
    st.lists(st.tuples(positive, st.integers(min_value=1, max_value=30), st.integers(0, 3)), min_size=1, max_size=20),
)
def test_the_split_between_oferenci_adds_up_to_the_costs_of_every_year(weights, rows):
    years = [2027, 2028]
    oferenci = [None, 11, 12, 13]
    lines = [line(c, q, split_evenly(money(c * q), years), partner=oferenci[who]) for c, q, who in rows]
    figures = budget.build(years, lines, [])
    split = figures.split()
    for year in years:
        assert sum((per_year[year] for per_year in split.values()), ZERO) == figures.cost_in(year)
    assert sum((sum(per_year.values(), ZERO) for per_year in split.values()), ZERO) == figures.total_cost
    assert set(split) <= set(oferenci)


@settings(max_examples=120)
@given(positive, st.integers(min_value=1, max_value=50), st.lists(amounts, min_size=4, max_size=4))
def test_the_shares_of_the_sources_add_up_to_one_hundred_per_cent(unit_cost, quantity, parts):
    total = money(unit_cost * quantity)
    weights = [Decimal(p) + CENT for p in parts]
    # Sources that add up exactly to the cost: grant, own financial, own personal, the rest own material.
    allotted = [money(total * w / sum(weights)) for w in weights[:3]]
    assume(sum(allotted) <= total)
    sources = dict(zip(("grant", "own_financial", "own_personal"), allotted, strict=True))
    sources["own_material"] = total - sum(allotted)
    figures = budget.build([2027], [line(unit_cost, quantity)], [funding(2027, **sources)])
    shares = figures.shares()
    assert figures.sources.total == figures.total_cost
    assert abs(shares["grant"] + shares["own"] + shares["recipient_fees"] - 100) <= Decimal("0.01") * 3
    assert abs(shares["own_financial"] + shares["own_nonfinancial"] - shares["own"]) <= Decimal("0.01") * 2
    assert abs(shares["own_personal"] + shares["own_material"] - shares["own_nonfinancial"]) <= Decimal("0.01") * 2
    assert all(0 <= value <= 100 for value in shares.values())
    assert not [p for p in budget.check(figures, None) if p.field.startswith("funding.")]


@settings(max_examples=60)
@given(st.lists(st.tuples(*(amounts for _ in SOURCES)), min_size=1, max_size=5))
def test_sources_summed_over_years_are_the_sum_of_each_source(rows):
    years = list(range(2027, 2027 + len(rows)))
    funded = [funding(year, **dict(zip(SOURCES, row, strict=True))) for year, row in zip(years, rows, strict=True)]
    figures = budget.build(years, [], funded)
    for position, name in enumerate(SOURCES):
        assert getattr(figures.sources, name) == money(sum((Decimal(row[position]) for row in rows), ZERO))
    assert figures.sources.own == figures.sources.own_financial + figures.sources.own_nonfinancial
    assert figures.sources.total == figures.sources.grant + figures.sources.own + figures.sources.recipient_fees


def test_funding_of_a_year_outside_the_task_is_left_out():
    figures = budget.build([2027], [], [funding(2027, grant=100), funding(2029, grant=900)])
    assert figures.grant == Decimal("100.00")


def test_the_canonical_figures_are_text_and_agree_with_the_budget():
    figures = budget.build(
        [2027, 2028],
        [
            line("100.00", "3", {2027: "100.00", 2028: "200.00"}),
            line("50", "1", {2028: "50"}, category="administration"),
        ],
        [funding(2027, grant=90, own_financial=10), funding(2028, grant=200, own_personal=50)],
    )
    data = figures.as_dict()
    assert data["total_cost"] == "350.00"
    assert data["cost_by_year"] == {"2027": "100.00", "2028": "250.00"}
    assert data["sources"]["grant"] == "290.00"
    assert data["shares"]["grant"] == str(share(Decimal("290"), Decimal("350")))
    assert data["administration_cost"] == "50.00"


# budget.check: every rule at its boundary ------------------------------------------------------------------------


def checked(lines, sources, rules=None, years=(2027,)):
    figures = budget.build(list(years), lines, sources)
    return budget.check(figures, call(**(rules or {})) if rules is not None else None)


def fields(problems):
    return [p.field for p in problems]


def test_a_consistent_budget_passes_every_rule():
    problems = checked(
        [line("100", "10")],
        [funding(2027, grant=800, own_financial=100, own_personal=100)],
        {"min_grant": 800, "max_grant": 800, "own_share_min": 20, "funds": {2027: 800}},
    )
    assert problems == []


def test_a_line_worth_nothing_is_reported_on_its_quantity():
    problems = checked([line("100", "0")], [])
    assert fields(problems) == ["lines.1.quantity"]
    zero = in_polish("Cost line %(n)s: the value is zero; give the unit cost and the number of units.")
    assert problems[0].message == zero % {"n": 1}


def test_a_split_that_does_not_add_up_names_both_figures():
    problems = checked([line("100", "3", {2027: "100", 2028: "199.99"})], [], years=(2027, 2028))
    assert fields(problems)[0] == "lines.1.year_amounts"
    assert "299,99" in problems[0].message and "300,00" in problems[0].message
    exact = checked(
        [line("100", "3", {2027: "100", 2028: "200"})],
        [funding(2027, grant=100), funding(2028, grant=200)],
        years=(2027, 2028),
    )
    assert "lines.1.year_amounts" not in fields(exact)


def test_values_in_a_year_outside_the_task_are_reported():
    problems = checked([line("100", "1", {2030: "100"})], [])
    assert "lines.1.year_amounts" in fields(problems)
    assert "2030" in problems[fields(problems).index("lines.1.year_amounts")].message


def test_the_sources_of_a_year_must_equal_its_costs_to_the_grosz():
    assert fields(checked([line("100", "1")], [funding(2027, grant="99.99")])) == ["funding.2027.grant"]
    assert fields(checked([line("100", "1")], [funding(2027, grant="100.01")])) == ["funding.2027.grant"]
    assert checked([line("100", "1")], [funding(2027, grant="100.00")]) == []


@pytest.mark.parametrize(
    ("grant", "broken"), [("50000.00", False), ("50000.01", True), ("1000.00", False), ("999.99", True)]
)
def test_the_grant_lies_between_the_smallest_and_the_largest(grant, broken):
    rules = {"min_grant": Decimal("1000"), "max_grant": Decimal("50000"), "funds": {2027: 100000}}
    problems = checked([line(grant, "1")], [funding(2027, grant=grant)], rules)
    assert ("grant" in fields(problems)) is broken
    if broken:
        assert pln(grant) in problems[0].message


@pytest.mark.parametrize(("grant", "broken"), [("20000.00", False), ("20000.01", True)])
def test_the_grant_of_a_year_fits_the_funds_of_that_year(grant, broken):
    rules = {"funds": {2027: 10000, 2028: 20000}}
    lines = [line("1", "1", {2027: "1"}), line(grant, "1", {2028: grant})]
    problems = checked(lines, [funding(2027, grant=1), funding(2028, grant=grant)], rules, years=(2027, 2028))
    assert ("funding.2028.grant" in fields(problems)) is broken
    if broken:
        assert "2028" in problems[0].message and pln("20000") in problems[0].message


def test_no_grant_may_be_asked_for_a_year_without_funds():
    rules = {"funds": {2027: 10000}}
    lines = [line("10", "1", {2027: "5", 2028: "5"})]
    problems = checked(lines, [funding(2027, grant=5), funding(2028, grant=5)], rules, years=(2027, 2028))
    assert fields(problems) == ["funding.2028.grant"]
    assert checked(lines, [funding(2027, grant=5), funding(2028, own_financial=5)], rules, years=(2027, 2028)) == []


@pytest.mark.parametrize(
    ("rule", "sources", "field", "broken"),
    [
        ("own_share_min", {"grant": 900, "own_financial": 100}, "funding.2027.own_financial", False),
        ("own_share_min", {"grant": "900.10", "own_financial": "99.90"}, "funding.2027.own_financial", True),
        ("own_financial_share_min", {"grant": 900, "own_financial": 100}, "funding.2027.own_financial", False),
        (
            "own_financial_share_min",
            {"grant": 900, "own_financial": "99.9", "own_material": "0.1"},
            "funding.2027.own_financial",
            True,
        ),  # noqa: E501
        (
            "own_nonfinancial_share_min",
            {"grant": 900, "own_personal": 60, "own_material": 40},
            "funding.2027.own_personal",
            False,
        ),  # noqa: E501
        (
            "own_nonfinancial_share_min",
            {"grant": 900, "own_personal": 60, "own_financial": 40},
            "funding.2027.own_personal",
            True,
        ),  # noqa: E501
    ],
)
def test_each_own_contribution_reaches_its_least_share(rule, sources, field, broken):
    problems = checked([line("1000", "1")], [funding(2027, **sources)], {rule: Decimal("10"), "funds": {2027: 1000}})
    assert (field in fields(problems)) is broken
    if broken:
        assert "10,00\u00a0%" in problems[0].message


@pytest.mark.parametrize(("admin", "broken"), [("200.00", False), ("200.04", False), ("200.05", True)])
def test_administrative_costs_stay_within_their_cap(admin, broken):
    """Shares are compared as shown, rounded to 0.01 %: 200,04 zł of 1000 zł is 20,00 %, 200,05 zł is 20,01 %."""
    lines = [line(Decimal("1000") - Decimal(admin), "1"), line(admin, "1", category="administration")]
    problems = checked(lines, [funding(2027, grant=1000)], {"admin_costs_max": Decimal("20"), "funds": {2027: 1000}})
    assert ("lines.administration" in fields(problems)) is broken
    if broken:
        assert "20,00\u00a0%" in problems[0].message and pln(admin) in problems[0].message


def test_fees_from_recipients_only_when_the_call_allows_them():
    lines, sources = [line("100", "1")], [funding(2027, grant=90, recipient_fees=10)]
    assert fields(checked(lines, sources, {"funds": {2027: 100}})) == ["funding.2027.recipient_fees"]
    assert checked(lines, sources, {"funds": {2027: 100}, "recipient_fees_allowed": True}) == []


def test_without_a_call_only_the_arithmetic_is_checked():
    assert checked([line("100", "1")], [funding(2027, grant=100)]) == []
