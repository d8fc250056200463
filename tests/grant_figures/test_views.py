"""The public figures page (/konkursy/liczby/): the year chooser, the tables and charts, the downloads (CSV
formula-safe, XLSX, audited), the menu entry, and a constant number of queries."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from razem.core.models import LogEntry
from razem.grants.models import Call
from tests.core.helpers import in_polish, text_of
from tests.grant_figures.factories import award, decide, filed, make_call, sign, small_grant

URL = "/konkursy/liczby/"


def test_the_address_is_the_one_the_menu_links_to():
    assert reverse("grant_figures:figures") == URL


def test_the_page_shows_the_chosen_year_with_tables_and_charts(client, dataset):
    response = client.get(URL, {"rok": 2027})

    assert response.status_code == 200
    text = text_of(response)
    assert '<option value="2027" selected>' in text
    for table in ("overview", "departments", "areas"):
        assert f'id="table-{table}"' in text
    assert 'role="img"' in text and 'id="chart-overview-title"' in text and 'id="chart-departments"' in text
    assert "160\u00a0000,00\u00a0zł" in text  # the funds announced in 2027
    assert "104\u00a0000,00\u00a0zł" in text  # requested in total
    assert in_polish("Small grants (art. 19a)") in text
    assert '<th scope="rowgroup"' in text and "<caption>" in text and "<tfoot>" in text


def test_without_a_year_the_page_shows_this_year(client, dataset):
    response = client.get(URL)

    assert response.context["data"].year == timezone.localdate().year
    assert f'<option value="{timezone.localdate().year}" selected>' in text_of(response)


def test_a_year_without_figures_says_so_and_an_unknown_year_is_refused_on_the_field(client, dataset):
    response = client.get(URL, {"rok": "1999"})

    text = text_of(response)
    assert in_polish("We have no figures for this year. Choose one of the years listed.") in text
    assert 'aria-invalid="true"' in text
    assert response.context["data"].year == timezone.localdate().year

    response = client.get(URL, {"rok": "abc"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in text_of(response)


def _csv(response):
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body), delimiter=";"))


def test_the_csv_holds_every_table_with_plain_amounts_and_is_audited(client, dataset):
    response = client.get(URL, {"rok": 2027, "eksport": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="dotacje-w-liczbach-2027-' in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0][:3] == [in_polish("Table"), in_polish("Group"), in_polish("Row")]
    totals = [row for row in rows if row[2] == in_polish("Total")]
    assert len(totals) == 3
    assert totals[0][3:] == ["160000,00", "5", "104000,00", "3", "58000,00", "3", "2000,00"]
    small = next(row for row in rows if row[2] == in_polish("All small grants"))
    assert small[3] == ""  # no funds announced for small grants
    entry = LogEntry.objects.get(action="grant_figures.figures.exported")
    assert entry.data == {"format": "csv", "year": 2027}


def test_a_department_written_as_a_formula_is_plain_text_in_the_csv(client, reference_data):
    call = make_call(years=[2027], funds={2027: 1_000}, department='=HYPERLINK("http://zle.example","x")')
    filed(call, {2027: 500})

    rows = _csv(client.get(URL, {"rok": 2027, "eksport": "csv"}))

    assert '\'=HYPERLINK("http://zle.example","x")' in [row[2] for row in rows]
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_the_xlsx_has_a_sheet_per_table(client, dataset):
    response = client.get(URL, {"rok": 2028, "eksport": "xlsx"})

    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 3
    assert all(name.endswith("2028") for name in workbook.sheetnames)
    first = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert first[-1][1] == in_polish("Total") and first[-1][2] == "120000,00"


def test_the_list_of_calls_links_to_the_figures(client, reference_data):
    text = text_of(client.get("/konkursy/"))

    assert f'href="{URL}"' in text
    assert in_polish("Grants in figures: funds announced, requested, awarded and returned per year") in text


def _calls(n):
    for i in range(n):
        call = make_call(years=[2027], funds={2027: 10_000}, department=f"Wydział {i % 3}", areas=("1", "16"),
                         status=Call.Status.DECIDED)  # fmt: skip
        offer = filed(call, {2027: 4_000})
        award(offer, decide(call, number=f"{i}/2027"), {2027: 3_000})
        sign(offer)
    small_grant({2027: 1_000})


@pytest.mark.parametrize("calls", [2, 10])
def test_the_page_takes_the_same_queries_for_2_and_10_calls(client, reference_data, django_assert_num_queries, calls):
    _calls(calls)
    client.get(URL, {"rok": 2027})  # the session, the menu's caches

    with django_assert_num_queries(9):
        response = client.get(URL, {"rok": 2027})

    assert response.context["data"].by_department.total.figures.offers == calls + 1


def test_the_page_only_answers_reads(client, reference_data):
    assert client.post(URL).status_code == 405
    assert not LogEntry.objects.filter(action="grant_figures.figures.exported").exists()
