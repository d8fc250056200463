"""III.5 and III.6, the expected results: their description and the table of results with their target values,
saved together by ``offer_replace_results``.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.grants.forms.offers.base import Editor
from razem.grants.forms.offers.fields import _text
from razem.grants.forms.offers.tables import MAX_ROWS, RowForm, _bump_total, _extra, _rows
from razem.grants.models import Offer
from razem.grants.services.offers.common import RESULT_TEXTS
from razem.grants.services.offers.tables import offer_replace_results


class ResultsForm(forms.Form):
    results_description = _text(
        gettext_lazy("Expected results (III.5)"),
        rows=8,
        help_text=gettext_lazy(
            "What the task produces (products, services, events), what will change for the target group, and "
            "whether the results will last or be used after the task ends."
        ),
    )


class ResultRowForm(RowForm):
    TEXTS = RESULT_TEXTS
    name = _text(gettext_lazy("Result"), 300)
    target_value = _text(gettext_lazy("Planned level (target value)"), 200)
    monitoring = _text(gettext_lazy("How it is monitored / source of information"), rows=2)


ResultFormSet = forms.formset_factory(ResultRowForm, extra=0, can_delete=True, max_num=MAX_ROWS, validate_max=True)


class ResultsEditor(Editor):
    slug = "rezultaty"
    template = "grants/offer/_section_rezultaty.html"

    def build(self) -> None:
        self.form = ResultsForm(**self.kwargs(), initial={"results_description": self.offer.results_description})
        if self.bound:
            if self.add == "results":
                _bump_total(self.data, "results")
            self.table = ResultFormSet(**self.kwargs("results"))
        else:
            rows = [{f: getattr(r, f) for f in ResultRowForm.TEXTS} for r in self.offer.results.all()]
            self.table = ResultFormSet(prefix="results", initial=rows)
            _extra(self.table, (0 if rows else 1) + (1 if self.add == "results" else 0))

    def all_forms(self) -> list[forms.BaseForm]:
        return [self.form]

    def formsets(self) -> list[forms.BaseFormSet]:
        return [self.table]

    def row_label(self, prefix: str, index: int) -> str:
        return _("Result %(n)s") % {"n": index + 1}

    def save(self, *, actor: Any, revision: int | None, request: Any) -> Offer:
        rows = []
        self.row_forms["results"] = []
        for index, form in _rows(self.table):
            rows.append({f: form.cleaned_data.get(f) or "" for f in ResultRowForm.TEXTS})
            self.row_forms["results"].append(("results", index))
        return offer_replace_results(
            actor=actor,
            offer=self.offer,
            rows=rows,
            revision=revision,
            request=request,
            description=self.form.cleaned_data.get("results_description") or "",
        )

    def issue_field(self, name: str) -> forms.BoundField | None:
        parts = name.split(".")
        if len(parts) == 3 and parts[0] == "results":
            index = int(parts[1]) - 1
            if 0 <= index < len(self.table.forms) and parts[2] in self.table.forms[index].fields:
                return self.table.forms[index][parts[2]]
            return None
        return self.field(name)

    def issue_table(self, name: str) -> str:
        return "results"
