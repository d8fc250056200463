"""The staff list kit: one way for the office's lists to filter, sort, paginate and export.

    return staff_list(
        request,
        template="events/staff/list.html",
        queryset=selectors.meetings_for_staff(),
        filters=MeetingFilterForm(request.GET),          # a form whose ``filter(queryset)`` applies itself
        columns=[Column("title", _("Title"), lambda m: m.title, sort="title"), ...],
        default_sort="-starts_at",
        export=Export(stem="spotkania", sheet_title=_("Meetings"), action="events.meeting.exported"),
    )

The page gets ``page`` (from ``core.pagination.paginate``: one query for the rows and the total), ``form``,
``columns`` (with the sort link and ``aria-sort`` of each), ``sort`` and ``export_links``; the templates
``includes/sort_header.html``, ``includes/pagination.html`` and ``includes/export_links.html`` render them with
``{% querystring %}``, so that every link keeps the filters. ``?eksport=csv`` or ``xlsx`` returns the filtered,
sorted rows through the formula-safe writer of ``core.spreadsheet``, and writes an audit entry. An ``Export`` may
add more sheets to the XLSX (``ExtraSheet``: rows built from the same filtered, sorted queryset), e.g. the cost
lines of the offers listed.
"""

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils.functional import Promise

from razem.core import audit
from razem.core.pagination import paginate
from razem.core.spreadsheet import Sheet, csv_response, xlsx_response

SORT_PARAM = "sortuj"
PAGE_PARAM = "strona"
EXPORT_PARAM = "eksport"


@dataclasses.dataclass(frozen=True)
class Column:
    """A column: its ``label``, its text in exports (``value``), and the ordering it sorts by (``sort``)."""

    key: str
    label: str | Promise
    value: Callable[[Any], Any] | None = None
    sort: tuple[str, ...] | str | None = None
    export: bool = True

    def ordering(self, descending: bool) -> list[str]:
        fields = (self.sort,) if isinstance(self.sort, str) else tuple(self.sort or ())
        if not descending:
            return list(fields)
        return [f[1:] if f.startswith("-") else f"-{f}" for f in fields]


@dataclasses.dataclass(frozen=True)
class ExtraSheet:
    """A further sheet of the XLSX export, built from the same filtered, sorted queryset as the list: ``rows``
    yields one row (a list of values, in the order of ``header``) per line, e.g. the cost lines of each offer."""

    title: str | Promise
    header: Sequence[str | Promise]
    rows: Callable[[QuerySet[Any]], Iterable[Sequence[Any]]]


@dataclasses.dataclass(frozen=True)
class Export:
    stem: str
    sheet_title: str | Promise
    action: str  # the audit code of the export, e.g. "events.meeting.exported"
    permission: str = ""
    # More sheets of the XLSX (the CSV holds the list's own rows only).
    sheets: tuple[ExtraSheet, ...] = ()


class FilterForm(forms.Form):
    """A GET form that narrows a queryset: subclasses implement :meth:`apply` with ``cleaned_data``."""

    def apply(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset

    def filter(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if not self.is_bound:
            return queryset
        if not self.is_valid():
            return queryset.none()
        return self.apply(queryset)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "tak" if value else "nie"
    return str(value)


def staff_list(
    request: HttpRequest,
    *,
    template: str,
    queryset: QuerySet[Any],
    columns: Iterable[Column],
    default_sort: str,
    filters: FilterForm | None = None,
    per_page: int = 50,
    export: Export | None = None,
    context: dict[str, Any] | None = None,
    rows: Callable[[list[Any]], Any] | None = None,
) -> HttpResponseBase:
    """The page of a staff list, or its export. ``rows`` may decorate the fetched rows (e.g. progress bars)."""
    columns = list(columns)
    if filters is not None:
        queryset = filters.filter(queryset)
    by_key = {c.key: c for c in columns if c.sort}
    sort = request.GET.get(SORT_PARAM, default_sort)
    key = sort.removeprefix("-")
    if key not in by_key:
        sort, key = default_sort, default_sort.removeprefix("-")
    if key in by_key:
        queryset = queryset.order_by(*by_key[key].ordering(sort.startswith("-")), "pk")
    wanted = request.GET.get(EXPORT_PARAM, "")
    if export is not None and wanted in {"csv", "xlsx"}:
        if export.permission and not request.user.has_perm(export.permission):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return _export(request, queryset, [c for c in columns if c.export and c.value], export, wanted)
    page = paginate(queryset, request.GET.get(PAGE_PARAM), per_page)
    if rows is not None:
        rows(list(page.object_list))
    headers = [
        {
            "column": c,
            "sortable": c.key in by_key,
            "sort_param": f"-{c.key}" if sort == c.key else c.key,
            "aria_sort": ("ascending" if sort == c.key else "descending" if sort == f"-{c.key}" else "none"),
        }
        for c in columns
    ]
    return render(
        request,
        template,
        {
            **(context or {}),
            "page": page,
            "form": filters,
            "headers": headers,
            "sort": sort,
            "sort_param": SORT_PARAM,
            "export_formats": ["csv", "xlsx"] if export else [],
        },
    )


def _export(
    request: HttpRequest, queryset: QuerySet[Any], columns: list[Column], export: Export, wanted: str
) -> HttpResponseBase:
    header = [str(c.label) for c in columns]

    def lines() -> Iterable[list[str]]:
        for obj in queryset.iterator(chunk_size=2000):
            yield [_text(c.value(obj)) for c in columns]  # type: ignore[misc]

    audit.record(
        actor=request.user,
        action=export.action,
        data={"format": wanted, "query": {k: v for k, v in request.GET.items() if k != EXPORT_PARAM}},
        request=request,
    )
    if wanted == "csv":
        return csv_response(header, lines(), stem=export.stem)
    more = [
        Sheet(
            str(extra.title),
            [str(label) for label in extra.header],
            ([_text(value) for value in row] for row in extra.rows(queryset)),
        )
        for extra in export.sheets
    ]
    return xlsx_response(header, lines(), stem=export.stem, sheet_title=str(export.sheet_title), more_sheets=more)
