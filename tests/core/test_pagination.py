import pytest

from razem.core.models import District
from razem.core.pagination import paginate
from razem.core.reference import load_districts


@pytest.fixture
def districts(db):
    load_districts()
    return District.objects.order_by("number")


def test_a_page_brings_its_rows_and_the_total_in_one_query(districts, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = paginate(districts, "2", 5)

    assert [d.number for d in page.object_list] == [6, 7, 8, 9, 10]
    assert page.paginator.count == 18
    assert page.paginator.num_pages == 4
    assert page.has_previous() and page.has_next()


@pytest.mark.parametrize(("asked", "shown"), [("99", 4), ("abc", 1), (None, 1), ("-3", 1)])
def test_a_page_number_out_of_range_or_not_a_number_shows_a_real_page(districts, asked, shown):
    page = paginate(districts, asked, 5)

    assert page.number == shown
    assert page.object_list


def test_an_empty_list_has_one_empty_page(db):
    page = paginate(District.objects.none(), "1", 5)

    assert page.paginator.count == 0
    assert list(page.object_list) == []
    assert not page.has_other_pages()
