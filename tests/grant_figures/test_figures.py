"""The figures of a budget year: what counts, by department, by area, small grants apart, and a constant number of
queries (grant_figures.selectors.figures)."""

import pytest

from razem.grant_figures.selectors.figures import Figures, figure_years, year_figures
from razem.grants.models import Call
from tests.core.helpers import in_polish
from tests.grant_figures.factories import WKD, WPS, D, award, decide, filed, make_call, sign, small_grant


def figures(funds, offers, requested, funded, awarded, contracts, returned):
    return Figures(D(funds) if funds is not None else None, offers, D(requested), funded, D(awarded), contracts,
                   D(returned))  # fmt: skip


def rows(table, group):
    found = next(g for g in table.groups if g.key == group)
    return {row.label: row.figures for row in found.rows}


def test_the_departments_of_a_year_add_up_and_leave_out_the_cancelled_call_drafts_and_withdrawn_offers(dataset):
    data = year_figures(2027)
    table = data.by_department

    assert rows(table, "competitions") == {
        # A: 40 000 asked in the version the decision was made on, although the update asks for 30 000 since.
        WPS: figures(100_000, 2, 65_000, 1, 30_000, 1, 1_500),
        WKD: figures(60_000, 2, 30_000, 1, 20_000, 1, 0),
    }
    assert table.groups[0].subtotal.figures == figures(160_000, 4, 95_000, 2, 50_000, 2, 1_500)
    assert rows(table, "small-grants") == {in_polish("All small grants"): figures(None, 1, 9_000, 1, 8_000, 1, 500)}
    assert table.total.figures == figures(160_000, 5, 104_000, 3, 58_000, 3, 2_000)


def test_a_multi_year_award_counts_in_each_year_by_its_part_and_unpublished_results_do_not_count(dataset):
    data = year_figures(2028)

    assert rows(data.by_department, "competitions") == {
        # B1's 25 000 of 2028 (its 20 000 of 2027 counts in 2027); D's award waits for its results to be published.
        WKD: figures(120_000, 3, 55_000, 1, 25_000, 1, 0),
    }
    assert data.by_department.total.figures == figures(120_000, 4, 60_000, 1, 25_000, 1, 0)


def test_a_call_counts_under_each_of_its_areas_and_the_totals_count_it_once(dataset):
    table = year_figures(2027).by_area
    competitions = rows(table, "competitions")

    area_1 = next(label for label in competitions if label.startswith("1. "))
    area_16 = next(label for label in competitions if label.startswith("16. "))
    assert competitions == {
        area_1: figures(160_000, 4, 95_000, 2, 50_000, 2, 1_500),
        area_16: figures(60_000, 2, 30_000, 1, 20_000, 1, 0),  # call B only: call C is cancelled
    }
    assert table.groups[0].subtotal.figures == figures(160_000, 4, 95_000, 2, 50_000, 2, 1_500)
    assert sum(f.funds for f in competitions.values()) > table.groups[0].subtotal.figures.funds
    small = rows(table, "small-grants")
    assert list(small.values()) == [figures(None, 1, 9_000, 1, 8_000, 1, 500)]
    assert next(iter(small)).startswith("10. ")
    assert table.total.figures == year_figures(2027).by_department.total.figures


def test_the_overview_has_the_competitions_and_the_small_grants(dataset):
    overview = year_figures(2027).overview

    assert [row.key for row in overview.groups[0].rows] == ["competitions", "small-grants"]
    assert overview.groups[0].rows[0].figures == figures(160_000, 4, 95_000, 2, 50_000, 2, 1_500)
    assert overview.groups[0].rows[1].figures.funds is None
    assert overview.total.figures == figures(160_000, 5, 104_000, 3, 58_000, 3, 2_000)


def test_the_years_listed_are_those_with_any_figure(dataset):
    assert figure_years() == [2028, 2027]


def test_a_resigned_award_and_a_draft_call_do_not_count(reference_data):
    call = make_call(years=[2027], funds={2027: 10_000}, status=Call.Status.DECIDED)
    offer = filed(call, {2027: 5_000})
    award(offer, decide(call), {2027: 5_000})
    offer.status = "resigned"
    offer.save(update_fields=["status"])
    draft = make_call(years=[2027], funds={2027: 70_000}, status=Call.Status.DRAFT)
    filed(draft, {2027: 1_000})

    data = year_figures(2027)

    assert data.by_department.total.figures == figures(10_000, 1, 5_000, 0, 0, 0, 0)


def test_an_empty_year_has_zero_rows_and_says_so(reference_data):
    data = year_figures(2031)

    assert not data.has_data
    assert data.by_department.groups[0].rows == []
    assert data.by_department.total.figures == figures(0, 0, 0, 0, 0, 0, 0)


def _calls(n):
    for i in range(n):
        call = make_call(
            years=[2027], funds={2027: 10_000}, department=f"Wydział {i % 4}", areas=("1", "16") if i % 2 else ("10",),
            status=Call.Status.DECIDED,
        )  # fmt: skip
        first = filed(call, {2027: 3_000})
        filed(call, {2027: 2_000})
        award(first, decide(call, number=f"{i}/2027"), {2027: 3_000})
        sign(first)
    small_grant({2027: 1_000})


@pytest.mark.parametrize("calls", [2, 10])
def test_the_figures_take_nine_queries_whatever_the_number_of_calls(reference_data, django_assert_num_queries, calls):
    _calls(calls)

    with django_assert_num_queries(9):
        figure_years()
        data = year_figures(2027)

    assert data.by_department.total.figures.offers == 2 * calls + 1
