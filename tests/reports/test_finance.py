"""The arithmetic of a report (reports.finance): the tolerance of a line (exactly at the limit passes, a grosz above
fails, the limit rounded half up), the grant's share, the balance of sources and costs, the grant spent against
the grant received, the fees listed, and the settlement of a year (unspent, breach, to return)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from razem.grants.budget import Budget, Line, Sources
from razem.reports import finance

D = Decimal


def plan(lines: list[tuple[str, dict[int, str]]], funding: dict[int, Sources]) -> Budget:
    built = tuple(
        Line(
            number=n, category="realization", name=name, unit="szt.",
            unit_cost=sum((D(v) for v in amounts.values()), D(0)), quantity=D(1),
            year_amounts={y: D(v) for y, v in amounts.items()},
        )
        for n, (name, amounts) in enumerate(lines, start=1)
    )  # fmt: skip
    return Budget(years=tuple(sorted(funding)), lines=built, funding=funding)


def figures(
    actual_costs: dict[tuple[int, int], str | None],
    actual_sources: dict[int, dict[str, str]],
    *,
    tolerance: str = "10",
    budget: Budget | None = None,
    fees: dict[int, Decimal] | None = None,
) -> finance.Figures:
    budget = budget or plan(
        [("Trener", {2026: "1000.00"}), ("Sala", {2026: "9000.00"})],
        {2026: Sources(grant=D("8000.00"), own_financial=D("2000.00"))},
    )
    return finance.build(
        plan=budget,
        years=budget.years,
        tolerance=D(tolerance),
        actual_costs=actual_costs,
        actual_sources=actual_sources,
        fees_listed=fees,
    )


def kinds(problems: list[finance.Problem]) -> list[tuple[str, str]]:
    return [(p.field, p.kind) for p in problems]


# The tolerance --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("planned", "tolerance", "limit"),
    [
        ("1000.00", "10", "1100.00"),
        ("1234.55", "10", "1358.01"),  # 1358.005 rounds half up
        ("0.05", "10", "0.06"),  # 0.055 rounds half up
        ("0.04", "10", "0.04"),  # 0.044 rounds down
        ("999.99", "0", "999.99"),
        ("1000.00", "12.5", "1125.00"),
    ],
)
def test_the_limit_of_a_line_is_rounded_half_up_to_the_grosz(planned, tolerance, limit):
    assert finance.limit(D(planned), D(tolerance)) == D(limit)


def test_a_line_exactly_at_its_tolerance_passes_and_a_grosz_above_fails():
    at = figures({(1, 2026): "1100.00", (2, 2026): "8900.00"}, {2026: {"grant": "8000.00", "own_financial": "2000.00"}})
    assert finance.check(at) == []
    above = figures(
        {(1, 2026): "1100.01", (2, 2026): "8899.99"}, {2026: {"grant": "8000.00", "own_financial": "2000.00"}}
    )
    problems = finance.check(above)
    assert kinds(problems) == [("costs.2026.1", finance.DEVIATION)]
    assert "1\xa0100,00\xa0zł" in problems[0].message and "10,00\xa0%" in problems[0].message


def test_the_half_up_limit_lets_the_rounded_grosz_pass():
    budget = plan([("Materiały", {2026: "1234.55"})], {2026: Sources(grant=D("1234.55"))})
    sources = {2026: {"grant": "1234.55", "own_financial": "123.46"}}
    assert finance.check(figures({(1, 2026): "1358.01"}, sources, budget=budget)) == []
    over = figures({(1, 2026): "1358.02"}, {2026: {"grant": "1234.55", "own_financial": "123.47"}}, budget=budget)
    assert ("costs.2026.1", finance.DEVIATION) in kinds(finance.check(over))


def test_an_amount_not_given_is_an_error():
    problems = finance.check(figures({(1, 2026): None, (2, 2026): "9000.00"}, {2026: {"grant": "8000.00"}}))
    assert ("costs.2026.1", finance.ERROR) in kinds(problems)


# The share, the balance, the grant received, the fees ------------------------------------------------------------


def test_the_grants_share_may_not_rise_above_the_plan():
    # planned 80 %; spent 9 000 of which 7 300 grant = 81,11 %
    rising = figures(
        {(1, 2026): "1000.00", (2, 2026): "8000.00"}, {2026: {"grant": "7300.00", "own_financial": "1700.00"}}
    )
    problems = finance.check(rising)
    assert kinds(problems) == [("sources.2026.grant", finance.DEVIATION)]
    assert "81,11\xa0%" in problems[0].message and "80,00\xa0%" in problems[0].message
    same = figures(
        {(1, 2026): "1000.00", (2, 2026): "8000.00"}, {2026: {"grant": "7200.00", "own_financial": "1800.00"}}
    )
    assert finance.check(same) == []


def test_the_sources_must_balance_the_costs_each_year():
    problems = finance.check(
        figures({(1, 2026): "1000.00", (2, 2026): "9000.00"}, {2026: {"grant": "8000.00", "own_financial": "1999.99"}})
    )
    assert ("sources.2026.grant", finance.ERROR) in kinds(problems)
    assert any("9\xa0999,99\xa0zł" in p.message and "10\xa0000,00\xa0zł" in p.message for p in problems)


def test_the_grant_spent_may_not_exceed_the_grant_received():
    problems = finance.check(
        figures({(1, 2026): "1000.00", (2, 2026): "9000.00"}, {2026: {"grant": "8000.01", "own_financial": "1999.99"}})
    )
    errors = [p for p in problems if p.kind == finance.ERROR]
    assert len(errors) == 1 and "8\xa0000,01\xa0zł" in errors[0].message


def test_the_fees_listed_must_add_up_to_the_fees_among_the_sources():
    sources = {2026: {"grant": "8000.00", "own_financial": "1500.00", "recipient_fees": "500.00"}}
    costs = {(1, 2026): "1000.00", (2, 2026): "9000.00"}
    assert ("fees.2026", finance.ERROR) in kinds(finance.check(figures(costs, sources, fees={2026: D("400.00")})))
    assert finance.check(figures(costs, sources, fees={2026: D("500.00")})) == []
    assert finance.check(figures(costs, sources, fees=None)) == []  # a small grant's form has no II.4


def test_a_multi_year_task_is_checked_year_by_year():
    budget = plan(
        [("Trener", {2026: "1000.00", 2027: "1000.00"})],
        {
            2026: Sources(grant=D("900.00"), own_financial=D("100.00")),
            2027: Sources(grant=D("900.00"), own_financial=D("100.00")),
        },
    )
    checked = finance.build(
        plan=budget, years=[2026, 2027], tolerance=D("10"),
        actual_costs={(1, 2026): "1000.00", (1, 2027): "800.00"},
        actual_sources={2026: {"grant": "900.00", "own_financial": "100.00"}, 2027: {"grant": "800.00"}},
    )  # fmt: skip
    problems = finance.check(checked)
    assert kinds(problems) == [("sources.2027.grant", finance.DEVIATION)]  # 100 % against 90 %


# The settlement ---------------------------------------------------------------------------------------------------


def test_the_unspent_grant_is_returned():
    year = finance.settle_year(
        year=2026, received=D("8000"), spent=D("7500"), planned_cost=D("10000"), actual_cost=D("9500"), excess=D("0")
    )
    assert (year.unspent, year.allowed_grant, year.breach, year.to_return) == (
        D("500.00"),
        D("7600.00"),
        D("0"),
        D("500.00"),
    )


def test_the_grant_above_its_planned_share_is_returned():
    # planned 80 %; spent 9 000 with 7 600 of grant: 80 % of 9 000 is 7 200, 400 above it
    year = finance.settle_year(
        year=2026, received=D("8000"), spent=D("7600"), planned_cost=D("10000"), actual_cost=D("9000"), excess=D("0")
    )
    assert year.unspent == D("400.00")
    assert year.allowed_grant == D("7200.00")
    assert year.breach == D("400.00")
    assert year.to_return == D("800.00")


def test_costs_above_the_tolerance_are_not_eligible():
    # a line of 1 000 spent at 1 300 with 10 %: 200 above its limit; eligible 10 100 − 200 = 9 900, 80 % = 7 920
    checked = figures(
        {(1, 2026): "1300.00", (2, 2026): "8800.00"}, {2026: {"grant": "8000.00", "own_financial": "2100.00"}}
    )
    assert checked.excess(2026) == D("200.00")
    (year,) = finance.settle(checked)
    assert (year.allowed_grant, year.breach, year.unspent, year.to_return) == (
        D("7920.00"), D("80.00"), D("0.00"), D("80.00"),
    )  # fmt: skip


def test_nothing_is_returned_when_the_plan_is_kept():
    checked = figures(
        {(1, 2026): "1000.00", (2, 2026): "9000.00"}, {2026: {"grant": "8000.00", "own_financial": "2000.00"}}
    )
    (year,) = finance.settle(checked)
    assert year.to_return == D("0.00") and year.breach == D("0.00")


def test_the_allowed_grant_is_rounded_half_up_and_never_above_the_grant_received():
    year = finance.settle_year(
        year=2026,
        received=D("2000"),
        spent=D("1999.99"),
        planned_cost=D("3000"),
        actual_cost=D("3000.01"),
        excess=D("0"),
    )
    assert year.allowed_grant == D("2000.00")  # 2000.0066… is capped at the grant received
    odd = finance.settle_year(
        year=2026, received=D("1000"), spent=D("1000"), planned_cost=D("3000"), actual_cost=D("2999.99"), excess=D("0")
    )
    assert odd.allowed_grant == D("1000.00")  # 999.9966… rounds half up
    assert odd.breach == D("0.00")


@given(
    received=st.decimals(min_value=0, max_value=100000, places=2),
    spent_share=st.decimals(min_value=0, max_value=1, places=2),
    planned_cost=st.decimals(min_value=1, max_value=200000, places=2),
    actual_cost=st.decimals(min_value=0, max_value=200000, places=2),
    excess=st.decimals(min_value=0, max_value=1000, places=2),
)
def test_what_is_returned_is_the_grant_received_less_what_it_may_keep(
    received, spent_share, planned_cost, actual_cost, excess
):
    spent = (received * spent_share).quantize(D("0.01"))
    year = finance.settle_year(
        year=2026, received=received, spent=spent, planned_cost=planned_cost, actual_cost=actual_cost, excess=excess
    )
    assert year.to_return == received - min(spent, year.allowed_grant)
    assert D("0") <= year.to_return <= received
    assert year.unspent + year.breach == year.to_return
