"""The filters of the list of calls: the public list's (GET, Polish query-string keys) and the office's (drafts
included, ``core.lists.FilterForm``).
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from razem.core.lists import FilterForm
from razem.core.reference import area_choices
from razem.grants.models import Call
from razem.grants.selectors.calls import PUBLIC_PHASES, CallFilters, call_years, department_choices, filter_calls

# The query-string keys of the public list's filters (Polish, like the paths).
FILTER_KEYS = ("q", "obszar", "wydzial", "forma", "etap", "rok")


def _phase_choices(*, staff: bool) -> list[tuple[str, Any]]:
    labels = dict(Call.Phase.choices)
    keys = ("draft", *PUBLIC_PHASES) if staff else PUBLIC_PHASES
    return [("", _("Any")), *((key, labels[key]) for key in keys)]


class CallFilterForm(forms.Form):
    """The public list's filters (GET)."""

    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, help_text=_("A word of the title or number.")
    )
    obszar = forms.TypedChoiceField(label=_("Public-benefit area"), required=False, coerce=int, empty_value=None)
    wydzial = forms.ChoiceField(label=_("Department"), required=False)
    forma = forms.ChoiceField(label=_("Form of the task"), required=False)
    etap = forms.ChoiceField(label=pgettext_lazy("call", "Stage"), required=False)
    rok = forms.TypedChoiceField(
        label=_("Year"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Of the deadline or of the task."),
    )

    staff = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["obszar"].choices = lambda: [("", _("Any")), *area_choices()]
        fields["wydzial"].choices = lambda: [
            ("", _("Any")),
            *((d, d) for d in department_choices(published_only=not self.staff)),
        ]
        fields["forma"].choices = [
            ("", _("Any")),
            (Call.Form.COMMISSIONING, Call.Form.COMMISSIONING.label),
            (Call.Form.SUPPORT, Call.Form.SUPPORT.label),
        ]
        fields["etap"].choices = _phase_choices(staff=self.staff)
        fields["rok"].choices = lambda: [("", _("Any")), *((y, y) for y in call_years(published_only=not self.staff))]

    def filters(self) -> CallFilters:
        if not self.is_bound or not self.is_valid():
            return CallFilters()
        d = self.cleaned_data
        return CallFilters(
            q=(d.get("q") or "").strip(),
            area=d.get("obszar"),
            department=d.get("wydzial") or "",
            form=d.get("forma") or "",
            phase=d.get("etap") or "",
            year=d.get("rok"),
        )

    def query_string(self) -> str:
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        for key in FILTER_KEYS:
            value = self.data.get(key, "") if self.is_bound else ""
            if value:
                query[key] = value
        return query.urlencode()

    def is_filtered(self) -> bool:
        return bool(self.query_string())


class StaffCallFilterForm(FilterForm, CallFilterForm):  # type: ignore[misc]
    """The office's list: the same filters, drafts included (``core.lists.FilterForm``)."""

    staff = True

    def apply(self, queryset: Any) -> Any:
        return filter_calls(queryset, self.filters())
