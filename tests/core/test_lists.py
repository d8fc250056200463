"""The staff list kit (razem.core.lists), tried on the audit log: sorting, filtering, paging and a formula-safe,
audited export that keeps the filters."""

import csv
import io

import pytest
from django.test import RequestFactory

from razem.core import audit
from razem.core.lists import Column, Export, FilterForm, staff_list
from razem.core.models import LogEntry

pytestmark = pytest.mark.django_db


class ActionFilter(FilterForm):
    from django import forms

    action = forms.CharField(required=False)

    def apply(self, queryset):  # noqa: ANN001, ANN201
        action = self.cleaned_data.get("action")
        return queryset.filter(action__startswith=action) if action else queryset


COLUMNS = [
    Column("action", "Action", lambda e: e.action, sort="action"),
    Column("repr", "Object", lambda e: e.object_repr),
]
EXPORT = Export(stem="test", sheet_title="Test", action="core.logentry.exported")


def _list(officer, query: str):  # noqa: ANN202
    request = RequestFactory().get("/panel/test/" + query)
    request.user = officer
    return staff_list(
        request, template="core/panel/outbox.html", queryset=LogEntry.objects.all(), columns=COLUMNS,
        default_sort="-action", filters=ActionFilter(request.GET or None), export=EXPORT, per_page=2,
    )  # fmt: skip


def _entries() -> None:
    for action in ["b.one", "a.two", "b.three"]:
        audit.record(actor=None, action=action, data={}, obj=None)
    LogEntry.objects.filter(action="b.three").update(object_repr='=HYPERLINK("http://x")')


def test_the_export_keeps_the_filter_and_the_order_writes_formulas_as_text_and_is_audited(officer):
    _entries()

    response = _list(officer, "?action=b&sortuj=action&eksport=csv")

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == [["Action", "Object"], ["b.one", ""], ["b.three", '\'=HYPERLINK("http://x")']]
    entry = LogEntry.objects.get(action="core.logentry.exported")
    assert entry.actor == officer and entry.data["query"] == {"action": "b", "sortuj": "action"}


def test_the_page_is_sorted_by_the_column_asked_for_and_paged_and_says_the_order(officer):
    from django.test.signals import template_rendered

    _entries()
    seen = []
    template_rendered.connect(
        lambda sender, template, context, **kw: seen.append(context), weak=False, dispatch_uid="t"
    )
    try:
        _list(officer, "?sortuj=action&strona=2")
    finally:
        template_rendered.disconnect(dispatch_uid="t")

    context = seen[0]
    assert [e.action for e in context["page"].object_list] == ["b.three"]  # a.two, b.one on page 1
    assert context["page"].paginator.count == 3
    action = next(h for h in context["headers"] if h["column"].key == "action")
    assert (action["aria_sort"], action["sort_param"]) == ("ascending", "-action")
    assert context["export_formats"] == ["csv", "xlsx"]


def test_an_export_may_add_sheets_to_the_xlsx_built_from_the_same_filtered_rows(officer):
    from openpyxl import load_workbook

    from razem.core.lists import ExtraSheet

    _entries()
    extra = ExtraSheet(
        "Letters",
        ["Action", "Letter"],
        lambda queryset: ([entry.action, letter] for entry in queryset for letter in entry.action.split(".")[1][:2]),
    )
    export = Export(stem="test", sheet_title="Test", action="core.logentry.exported", sheets=(extra,))
    request = RequestFactory().get("/panel/test/?action=b&sortuj=action&eksport=xlsx")
    request.user = officer

    response = staff_list(
        request, template="core/panel/outbox.html", queryset=LogEntry.objects.all(), columns=COLUMNS,
        default_sort="-action", filters=ActionFilter(request.GET), export=export,
    )  # fmt: skip

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Test", "Letters"]
    assert [[c.value for c in row] for row in workbook["Test"].iter_rows()] == [
        ["Action", "Object"], ["b.one", None], ["b.three", '=HYPERLINK("http://x")']
    ]  # fmt: skip
    assert workbook["Test"]["B3"].data_type == "s"  # text, never a formula
    assert [[c.value for c in row] for row in workbook["Letters"].iter_rows()] == [
        ["Action", "Letter"], ["b.one", "o"], ["b.one", "n"], ["b.three", "t"], ["b.three", "h"]
    ]  # fmt: skip
    # The CSV keeps the list's own rows only.
    request = RequestFactory().get("/panel/test/?action=b&eksport=csv")
    request.user = officer
    response = staff_list(
        request, template="core/panel/outbox.html", queryset=LogEntry.objects.all(), columns=COLUMNS,
        default_sort="-action", filters=ActionFilter(request.GET), export=export,
    )  # fmt: skip
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text), delimiter=";"))) == 3
