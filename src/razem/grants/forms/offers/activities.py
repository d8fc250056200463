"""III.4, the plan and schedule of activities: one table of rows per year of the task (and one for each year outside
it that still holds rows), saved together by ``offer_replace_activities``.
"""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.forms import IdField
from razem.grants.forms.offers.base import Editor
from razem.grants.forms.offers.fields import _text
from razem.grants.forms.offers.tables import MAX_ROWS, RowForm, _bump_total, _extra, _rows
from razem.grants.models import Activity, Offer
from razem.grants.services.offers.common import ACTIVITY_TEXTS
from razem.grants.services.offers.tables import offer_replace_activities


class ActivityRowForm(RowForm):
    TEXTS = ACTIVITY_TEXTS
    id = IdField(required=False, widget=forms.HiddenInput)
    name = _text(gettext_lazy("Name of the activity"), 300)
    description = _text(gettext_lazy("Description"), rows=3)
    target_group = _text(gettext_lazy("Target group"), 300)
    planned_period = _text(
        gettext_lazy("Planned time"), 200, help_text=gettext_lazy("E.g. “March–June” or “every Tuesday”.")
    )
    subcontracted_scope = _text(
        gettext_lazy("Scope done by an entity that is not a party to the contract"),
        rows=2,
        help_text=gettext_lazy("Leave empty if the oferent does it all."),
    )


ActivityFormSet = forms.formset_factory(ActivityRowForm, extra=0, can_delete=True, max_num=MAX_ROWS, validate_max=True)


class ActivitiesEditor(Editor):
    slug = "dzialania"
    template = "grants/offer/_section_dzialania.html"
    PREFIX = re.compile(r"^activities-(\d{4})-TOTAL_FORMS$")

    def build(self) -> None:
        saved: dict[int, list[Activity]] = {}
        for activity in self.offer.activities.all():
            saved.setdefault(activity.year, []).append(activity)
        years = set(self.offer.years) | set(saved)
        if self.bound:
            years |= {int(m.group(1)) for key in self.data for m in [self.PREFIX.match(key)] if m}
        self.years = sorted(years)
        self.outside = [year for year in self.years if year not in self.offer.years]
        self.tables: list[tuple[int, forms.BaseFormSet]] = []
        for year in self.years:
            prefix = f"activities-{year}"
            if self.bound:
                if self.add == prefix:
                    _bump_total(self.data, prefix)
                formset = ActivityFormSet(**self.kwargs(prefix))
            else:
                rows = [
                    {"id": a.pk, **{f: getattr(a, f) for f in ActivityRowForm.TEXTS}}
                    for a in sorted(saved.get(year, []), key=lambda a: (a.position, a.pk))
                ]
                formset = ActivityFormSet(prefix=prefix, initial=rows)
                _extra(formset, (0 if rows else 1) + (1 if self.add == prefix else 0))
            self.tables.append((year, formset))

    def formsets(self) -> list[forms.BaseFormSet]:
        return [formset for _year, formset in self.tables]

    def year_tables(self) -> list[dict[str, Any]]:
        return [
            {
                "year": year,
                "formset": formset,
                "outside": year in self.outside,
                "notes": self.table_notes.get(formset.prefix or "", []),
            }
            for year, formset in self.tables
        ]

    def row_label(self, prefix: str, index: int) -> str:
        return _("Activity %(n)s of %(year)s") % {"n": index + 1, "year": prefix.rsplit("-", 1)[-1]}

    def collect(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        self.row_forms["activities"] = []
        for year, formset in self.tables:
            for index, form in _rows(formset):
                data = form.cleaned_data
                texts = {f: data.get(f) or "" for f in ActivityRowForm.TEXTS}
                rows.append({"id": data.get("id"), "year": year, **texts})
                self.row_forms["activities"].append((formset.prefix or "", index))
        return rows

    def save(self, *, actor: Any, revision: int | None, request: Any) -> Offer:
        offer = offer_replace_activities(
            actor=actor, offer=self.offer, rows=self.collect(), revision=revision, request=request
        )
        self.saved_ids = {}
        by_year: dict[int, list[int]] = {}
        for activity in Activity.objects.filter(offer=offer).order_by("year", "position", "pk"):
            by_year.setdefault(activity.year, []).append(activity.pk)
        for year, formset in self.tables:
            for (index, _form), pk in zip(_rows(formset), by_year.get(year, []), strict=False):
                self.saved_ids[(formset.prefix, index)] = pk
        return offer

    def oob_inputs(self) -> list[tuple[str, str, Any]]:
        return [
            (f"{prefix}-{index}-id", f"id_{prefix}-{index}-id", pk)
            for (prefix, index), pk in getattr(self, "saved_ids", {}).items()
        ]

    def issue_field(self, name: str) -> forms.BoundField | None:
        parts = name.split(".")
        if len(parts) == 4 and parts[0] == "activities":
            formset = next((f for y, f in self.tables if str(y) == parts[1]), None)
            index = int(parts[2]) - 1
            if formset is not None and 0 <= index < len(formset.forms) and parts[3] in formset.forms[index].fields:
                return formset.forms[index][parts[3]]
        return None

    def issue_table(self, name: str) -> str:
        parts = name.split(".")
        return f"activities-{parts[1]}" if len(parts) >= 2 else ""
