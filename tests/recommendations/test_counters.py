"""Every counter of the recommendations tracker counts what its label says (issue 14, item 5).

The page is parsed as a reader sees it: the headline total and its sub-recommendations, each status count (and the
list its link opens), the number of recommendations found, and each row's number of sub-recommendations; each is
recomputed from the listed rows and from the database. A headline that says nothing was implemented while a
sub-recommendation was fails here.
"""

import html
import re

import pytest
from django.db.models import Q

from razem.recommendations.models import Recommendation

S = Recommendation.Status
BASE = "/rekomendacje/"
STAFF = "/panel/rekomendacje/"


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _element(page: str, element_id: str) -> str:
    """The inner HTML of the element with this id (its tag closes at the first closing tag of the same name)."""
    match = re.search(rf'<(\w+)[^>]*\bid="{element_id}"[^>]*>(.*?)</\1>', page, re.S)
    assert match, f"no element #{element_id} on the page"
    return match.group(2)


def _numbers(fragment: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", _text(fragment))]


def _rows(page: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", page, re.S)
    if body is None:
        return []
    rows = re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
    return [[_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]


def _summary(page: str) -> list[tuple[str, str, int]]:
    """The status counts: (label, link, count) for each item of the summary."""
    items = re.findall(
        r'<li[^>]*><a href="([^"]+)">(.*?)</a>:\s*<strong>(\d+)</strong></li>', _element(page, "status-summary")
    )
    return [(_text(label), html.unescape(href), int(count)) for href, label, count in items]


@pytest.fixture
def tracked(make_recommendation):
    """Two main recommendations accepted, whose sub-recommendations were implemented or are being implemented; one
    main recommendation rejected and one being analysed, without sub-recommendations."""
    first = make_recommendation(status=S.ACCEPTED, title="Lokale dla organizacji")
    make_recommendation(parent=first, status=S.IMPLEMENTED, title="Lista wolnych lokali")
    make_recommendation(parent=first, status=S.IMPLEMENTED, title="Regulamin najmu")
    second = make_recommendation(status=S.ACCEPTED, title="Klauzule społeczne")
    make_recommendation(parent=second, status=S.IMPLEMENTING, title="Wzór klauzuli")
    make_recommendation(status=S.REJECTED, title="Fundusz pożyczkowy")
    make_recommendation(status=S.ANALYSIS, title="Centrum organizacji")
    return Recommendation.objects.all()


def test_the_headline_counts_every_recommendation_and_says_how_many_are_sub_recommendations(client, tracked):
    page = client.get(BASE).content.decode()

    total, sub = _numbers(_element(page, "summary-title"))
    assert total == tracked.count() == 7
    assert sub == tracked.filter(parent__isnull=False).count() == 3
    assert sum(count for _label, _href, count in _summary(page)) == total


def test_each_status_count_includes_sub_recommendations_and_its_link_lists_exactly_them(client, tracked):
    page = client.get(BASE).content.decode()
    summary = _summary(page)

    assert len(summary) == len(S.choices)
    for (label, href, count), (value, _label) in zip(summary, S.choices, strict=True):
        assert count == tracked.filter(status=value).count(), label
        listed = client.get(BASE + href).content.decode()
        assert _numbers(_element(listed, "result-count")) == [count], label
        assert len(_rows(listed)) == count, label
    # What the issue saw: the sub-recommendations were implemented, so the tracker says so.
    implemented = dict((value, count) for (_l, _h, count), (value, _v) in zip(summary, S.choices, strict=True))
    assert implemented[S.IMPLEMENTED] == 2


def test_the_unfiltered_list_counts_the_main_recommendations_it_lists_and_their_sub_recommendations(client, tracked):
    page = client.get(BASE).content.decode()
    rows = _rows(page)

    main = tracked.filter(parent__isnull=True)
    assert _numbers(_element(page, "result-count")) == [main.count()] == [len(rows)]
    total, sub = _numbers(_element(page, "summary-title"))
    assert total - sub == len(rows)
    by_number = {r.number: r for r in main}
    for row in rows:
        number, sub_count = row[0], int(row[-1])
        assert sub_count == by_number[number].children.count(), number
    assert sum(int(row[-1]) for row in rows) == sub


def test_a_filtered_list_counts_the_rows_it_shows(client, tracked):
    page = client.get(BASE, {"q": "lokal"}).content.decode()

    rows = _rows(page)
    expected = tracked.filter(Q(title__icontains="lokal") | Q(text__icontains="lokal")).count()
    assert _numbers(_element(page, "result-count")) == [expected] == [len(rows)]


def test_the_office_list_counts_every_recommendation_it_lists_by_status(officer_client, tracked):
    page = officer_client.get(STAFF).content.decode()

    counts = [int(n) for n in re.findall(r"<strong>(\d+)</strong>", _element(page, "status-summary"))]
    assert sum(counts) == tracked.count() == _numbers(_element(page, "result-count"))[0]
    for count, (value, _label) in zip(counts, S.choices, strict=True):
        assert count == tracked.filter(status=value).count()
