"""Pagination that fetches a page and the total in one query (``COUNT(*) OVER ()``).

Django's Paginator runs the filtered query twice: once for ``COUNT(*)``, once for the page. For a search over
a large table the second pass costs as much as the first; a window count returns the total with every row.
"""

from typing import Any

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Count, QuerySet, Window


class _CountedPaginator(Paginator):
    def __init__(self, object_list: Any, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # the cached_property, already known


def paginate(queryset: QuerySet[Any], number: Any, per_page: int) -> Page:
    """The requested page (an out-of-range or invalid number gives the last or first page, like get_page)."""
    try:
        page_number = max(1, int(number))
    except (TypeError, ValueError):
        page_number = 1
    rows = _fetch(queryset, page_number, per_page)
    if rows:
        total = rows[0]._razem_total
    else:
        total = queryset.count() if page_number > 1 else 0
        if total:
            page_number = (total + per_page - 1) // per_page
            rows = _fetch(queryset, page_number, per_page)
    paginator = _CountedPaginator(queryset, per_page, total)
    try:
        paginator.validate_number(page_number)
    except InvalidPage:
        page_number = 1
    return Page(rows, page_number, paginator)


def _fetch(queryset: QuerySet[Any], page_number: int, per_page: int) -> list[Any]:
    start = (page_number - 1) * per_page
    counted = queryset.annotate(_razem_total=Window(expression=Count("pk")))
    return list(counted[start : start + per_page])
