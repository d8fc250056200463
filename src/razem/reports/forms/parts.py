"""The four parts of the report form (each saved whole by ``report_save_part``) and the filing form.

Amounts are typed as people write them ("1 234,50"; ``grants.forms.offers.fields.AmountField``): what is not a
number, negative or finer than the grosz is refused next to its field, and the form keeps what was typed. Each
part's ``payload()`` gives the service its cleaned values; ``typed()`` gives the live check what the form holds.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.money import ZERO, money
from razem.grants.budget import SOURCES
from razem.grants.forms.offers.fields import AmountField
from razem.reports.models import IncomeRow, Report
from razem.reports.services import drafts

EXTRA_INCOME_ROWS = 2
SOURCE_LABELS = {
    "grant": gettext_lazy("Grant"),
    "own_financial": gettext_lazy("Own financial contribution"),
    "own_personal": gettext_lazy("Own non-financial contribution: personal"),
    "own_material": gettext_lazy("Own non-financial contribution: material"),
    "recipient_fees": gettext_lazy("Fees from the recipients of the task"),
}


def _text(label: Any, *, rows: int = 0, max_length: int | None = None, help_text: Any = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, required=False, max_length=max_length, widget=widget, help_text=help_text)


class PartForm(forms.Form):
    """A part of the report form over the report's rows (``report``); ``payload()`` for the service."""

    part = ""

    def __init__(self, report: Report, *args: Any, **kwargs: Any) -> None:
        self.report = report
        super().__init__(*args, **kwargs)
        self.build()

    def build(self) -> None:
        pass

    def payload(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    def typed(self) -> dict[str, Any]:
        """What the form holds for the live check: overrides for ``reports.figures.figures_of``."""
        return {}

    def _valid(self, name: str) -> Any:
        """The cleaned value of a field that passed its own validation, else the marker ``MISSING``."""
        return getattr(self, "cleaned_data", {}).get(name, MISSING)


MISSING = object()


class ResultsForm(PartForm):
    """Part I: the results achieved against the offer's table (III.6) and the descriptions."""

    part = drafts.RESULTS
    results_description = _text(
        gettext_lazy("Results achieved"),
        rows=6,
        help_text=gettext_lazy(
            "Whether and how the planned results were achieved, with the scale of the activities in numbers, and "
            "how lasting they are."
        ),
    )
    activities_description = _text(
        gettext_lazy("How the task was carried out"),
        rows=8,
        help_text=gettext_lazy(
            "The activities done, including those done by entities that are not parties to the contract, and any "
            "deviations from the plan with their reasons."
        ),
    )

    def build(self) -> None:
        self.rows = [] if self.report.is_small else list(self.report.results.all())
        if not self.is_bound:
            self.initial.update(
                results_description=self.report.results_description,
                activities_description=self.report.activities_description,
            )
        for row in self.rows:
            prefix = f"r{row.pk}_"
            self.fields[f"{prefix}achieved"] = _text(_("Level achieved: %(name)s") % {"name": row.name}, max_length=200)
            self.fields[f"{prefix}measured"] = _text(_("How it was measured: %(name)s") % {"name": row.name}, rows=2)
            self.fields[f"{prefix}comment"] = _text(
                _("Comment: %(name)s") % {"name": row.name},
                rows=2,
                help_text=gettext_lazy("Why a result was not achieved, or how it will last."),
            )
            if not self.is_bound:
                self.initial.update(
                    {
                        f"{prefix}achieved": row.achieved,
                        f"{prefix}measured": row.measured,
                        f"{prefix}comment": row.comment,
                    }
                )

    def table(self) -> list[dict[str, Any]]:
        return [
            {
                "row": row,
                "achieved": self[f"r{row.pk}_achieved"],
                "measured": self[f"r{row.pk}_measured"],
                "comment": self[f"r{row.pk}_comment"],
            }
            for row in self.rows
        ]

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "results_description": data.get("results_description", ""),
            "activities_description": data.get("activities_description", ""),
            "results": {
                row.pk: {key: data.get(f"r{row.pk}_{key}", "") for key in ("achieved", "measured", "comment")}
                for row in self.rows
            },
        }


class CostsForm(PartForm):
    """Part II.1: the amount actually spent on each planned line in each year, and remarks on the costs."""

    part = drafts.COSTS
    cost_remarks = _text(
        gettext_lazy("Remarks on the costs"),
        rows=4,
        help_text=gettext_lazy("Why a line differs from the plan; a deviation filed must be explained here."),
    )

    def build(self) -> None:
        self.rows = list(self.report.costs.select_related("partner").order_by("year", "number"))
        if not self.is_bound:
            self.initial["cost_remarks"] = self.report.cost_remarks
        for row in self.rows:
            name = f"c{row.year}_{row.number}"
            self.fields[name] = AmountField(
                label=_("Actually spent in %(year)s on line %(n)s, %(name)s [PLN]")
                % {"year": row.year, "n": row.number, "name": row.name}
            )
            if not self.is_bound:
                self.initial[name] = row.actual

    def field_of(self, row: Any) -> forms.BoundField:
        return self[f"c{row.year}_{row.number}"]

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "costs": {(row.number, row.year): data.get(f"c{row.year}_{row.number}") for row in self.rows},
            "cost_remarks": data.get("cost_remarks", ""),
        }

    def typed(self) -> dict[str, Any]:
        costs = {}
        for row in self.rows:
            value = self._valid(f"c{row.year}_{row.number}")
            if value is not MISSING:
                costs[(row.number, row.year)] = value
        return {"costs": costs}


class SourcesForm(PartForm):
    """Part II.2–II.4: the sources of funding actually used in each year, other income and fees from recipients."""

    part = drafts.SOURCES_PART

    def build(self) -> None:
        report = self.report
        self.years = report.years
        saved = {source_row.year: source_row for source_row in report.sources.all()}
        for year in self.years:
            source_row = saved.get(year)
            for source in SOURCES:
                name = f"s{year}_{source}"
                self.fields[name] = AmountField(
                    label=_("%(source)s in %(year)s [PLN]") % {"source": SOURCE_LABELS[source], "year": year}
                )
                if not self.is_bound and source_row is not None:
                    self.initial[name] = getattr(source_row, source)
        self.income_rows: dict[str, list[str]] = {}
        if report.is_small:
            return
        income = list(report.income.all())
        year_choices = [(str(y), str(y)) for y in self.years]
        for kind in IncomeRow.Kind.values:
            existing = [row for row in income if row.kind == kind]
            prefixes = []
            for index in range(len(existing) + EXTRA_INCOME_ROWS):
                prefix = f"{kind}{index + 1}_"
                prefixes.append(prefix)
                number = {"n": index + 1, "kind": IncomeRow.Kind(kind).label}
                self.fields[f"{prefix}year"] = forms.ChoiceField(
                    label=_("%(kind)s, row %(n)s: year") % number, choices=year_choices, required=False
                )
                self.fields[f"{prefix}description"] = _text(
                    _("%(kind)s, row %(n)s: description") % number, max_length=500
                )
                self.fields[f"{prefix}amount"] = AmountField(label=_("%(kind)s, row %(n)s: amount [PLN]") % number)
                if not self.is_bound and index < len(existing):
                    income_row = existing[index]
                    self.initial.update(
                        {
                            f"{prefix}year": str(income_row.year),
                            f"{prefix}description": income_row.description,
                            f"{prefix}amount": income_row.amount,
                        }
                    )
                elif not self.is_bound:
                    self.initial[f"{prefix}year"] = str(self.years[-1])
            self.income_rows[kind] = prefixes

    def grid(self) -> list[dict[str, Any]]:
        """The sources as rows (one per source) with a field per year, for the table of II.2."""
        return [
            {"source": source, "label": SOURCE_LABELS[source], "fields": [self[f"s{y}_{source}"] for y in self.years]}
            for source in SOURCES
        ]

    def income_table(self, kind: str) -> list[dict[str, Any]]:
        return [
            {
                "n": n,
                "year": self[f"{prefix}year"],
                "description": self[f"{prefix}description"],
                "amount": self[f"{prefix}amount"],
            }
            for n, prefix in enumerate(self.income_rows.get(kind, []), start=1)
        ]

    def other_income(self) -> list[dict[str, Any]]:
        return self.income_table(IncomeRow.Kind.OTHER)

    def fees(self) -> list[dict[str, Any]]:
        return self.income_table(IncomeRow.Kind.FEE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for prefixes in self.income_rows.values():
            for prefix in prefixes:
                description = (data.get(f"{prefix}description") or "").strip()
                amount = data.get(f"{prefix}amount")
                if f"{prefix}amount" not in data:  # refused by its field already
                    continue
                if description and amount is None:
                    self.add_error(f"{prefix}amount", _("Give the amount of this row."))
                elif amount is not None and not description:
                    self.add_error(f"{prefix}description", _("Say what this amount is."))
        return data

    def _rows(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        rows = []
        for kind, prefixes in self.income_rows.items():
            for prefix in prefixes:
                description = (data.get(f"{prefix}description") or "").strip()
                amount = data.get(f"{prefix}amount")
                if description and amount is not None:
                    year = int(data.get(f"{prefix}year") or self.years[-1])
                    rows.append({"kind": kind, "year": year, "description": description, "amount": amount})
        return rows

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        payload: dict[str, Any] = {
            "sources": {y: {s: data.get(f"s{y}_{s}") for s in SOURCES} for y in self.years},
        }
        if not self.report.is_small:
            payload["income"] = self._rows()
        return payload

    def typed(self) -> dict[str, Any]:
        sources: dict[int, dict[str, Any]] = {}
        for year in self.years:
            for source in SOURCES:
                value = self._valid(f"s{year}_{source}")
                if value is not MISSING:
                    sources.setdefault(year, {})[source] = value
        typed: dict[str, Any] = {"sources": sources}
        if not self.report.is_small and hasattr(self, "cleaned_data"):
            fees: dict[int, Decimal] = {}
            for kind, prefixes in self.income_rows.items():
                if kind != IncomeRow.Kind.FEE:
                    continue
                for prefix in prefixes:
                    amount = self.cleaned_data.get(f"{prefix}amount")
                    if amount is not None:
                        year = int(self.cleaned_data.get(f"{prefix}year") or self.years[-1])
                        fees[year] = money(fees.get(year, ZERO) + amount)
            typed["fees"] = fees
        return typed


class InfoForm(PartForm):
    """Part III: additional information."""

    part = drafts.INFO
    additional_info = _text(
        gettext_lazy("Additional information"),
        rows=6,
        help_text=gettext_lazy("Anything else the office should know about the task."),
    )

    def build(self) -> None:
        if not self.is_bound:
            self.initial["additional_info"] = self.report.additional_info


PART_FORMS: dict[str, type[PartForm]] = {
    drafts.RESULTS: ResultsForm,
    drafts.COSTS: CostsForm,
    drafts.SOURCES_PART: SourcesForm,
    drafts.INFO: InfoForm,
}


class FileForm(forms.Form):
    """The statements of the report form, and the declaration of deviations."""

    status_unchanged = forms.BooleanField(
        label=gettext_lazy("The legal status of the oferent(s) has not changed since the contract was made."),
        required=False,
    )
    true_information = forms.BooleanField(
        label=gettext_lazy("All the information in this report is true, as the law and the facts stand."),
        required=False,
    )
    procurement = forms.BooleanField(
        label=gettext_lazy(
            "Supplies, services and works paid from the grant were bought under the public procurement rules "
            "where they apply."
        ),
        required=False,
    )
    data_protection = forms.BooleanField(
        label=gettext_lazy(
            "The people whose personal data the report contains have made the statements the data protection "
            "rules require."
        ),
        required=False,
    )
    declare_deviations = forms.BooleanField(
        label=gettext_lazy(
            "I file the report with the deviations from the plan shown above, explained in the remarks on the "
            "costs; the part of the grant they concern will be returned."
        ),
        required=False,
    )

    def __init__(self, *args: Any, deviations: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not deviations:
            del self.fields["declare_deviations"]

    def declarations(self) -> dict[str, bool]:
        data = self.cleaned_data
        return {
            key: bool(data.get(key))
            for key in ("status_unchanged", "true_information", "procurement", "data_protection")
        }
