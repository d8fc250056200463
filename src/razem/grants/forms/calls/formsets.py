"""The three formsets of the call's form (the public funds per budget year, the criteria with their points, the
required attachments) and ``CallFormSet``, which binds them to the call's form: what the office's create, edit and
correction pages show and send to one service call. A refusal of the service comes back above the formset it names
("funds", "criteria", "attachments") or next to the call's field.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.core.forms import IdField
from razem.grants.criteria import STATUTORY
from razem.grants.forms.calls.call import CallForm, quiet
from razem.grants.forms.calls.fields import MoneyField, PointsField
from razem.grants.models import Call
from razem.grants.services.calls.rules import DEFAULT_POINTS, includes_support


class FundsRowForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput, min_value=1900, max_value=2200)
    amount = MoneyField(label=_("Public funds"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.initial.get("year") or (self.data.get(self.add_prefix("year")) if self.is_bound else "")
        self.fields["amount"].label = _("Public funds for %(year)s") % {"year": year}


FundsFormSet = formset_factory(FundsRowForm, extra=0, max_num=12, validate_max=True)


STATUTORY_CODES = [code for code, _name, _support in STATUTORY]
STATUTORY_NAMES = {code: name for code, name, _support in STATUTORY}
SUPPORT_ONLY = {code for code, _name, support in STATUTORY if support}


class CriterionRowForm(forms.Form):
    id = IdField(widget=forms.HiddenInput, required=False)
    statutory = forms.ChoiceField(
        widget=forms.HiddenInput, required=False, choices=[("", "")] + [(c, c) for c in STATUTORY_CODES]
    )
    name = forms.CharField(label=_("Criterion"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    max_points = PointsField(label=_("Most points"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        code = self.initial.get("statutory") or (self.data.get(self.add_prefix("statutory")) if self.is_bound else "")
        self.code = code if code in STATUTORY_NAMES else ""
        if self.code:
            # The wording of a statutory criterion is the law's: shown, not typed.
            self.fields["name"].widget = forms.HiddenInput()
            self.fields["name"].required = False
            self.fields["max_points"].label = _("Most points: %(name)s") % {"name": STATUTORY_NAMES[self.code]}
            self.statutory_name = STATUTORY_NAMES[self.code]
            self.support_only = self.code in SUPPORT_ONLY

    def is_empty_row(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not self.code and not (data.get("name") or "").strip() and data.get("max_points") is None


class BaseCriterionFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if getattr(form, "code", ""):
            form.fields.pop("DELETE", None)  # a statutory criterion cannot be removed
        elif "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this criterion")


CriterionFormSet = formset_factory(CriterionRowForm, formset=BaseCriterionFormSet, extra=2, can_delete=True)


class AttachmentRowForm(forms.Form):
    id = IdField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Document"), required=False, max_length=300)
    description = forms.CharField(
        label=_("What it must show"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    mandatory = forms.BooleanField(label=_("Required with every offer"), required=False, initial=True)


class BaseAttachmentFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this attachment")


AttachmentFormSet = formset_factory(AttachmentRowForm, formset=BaseAttachmentFormSet, extra=2, can_delete=True)


def _deleted(form: forms.Form) -> bool:
    return bool(form.cleaned_data.get("DELETE")) if hasattr(form, "cleaned_data") else False


class CallFormSet:
    """The call's form with its three formsets, bound together: what the office's create, edit and correction
    pages show and send to one service call."""

    def __init__(
        self, data: Any = None, *, call: Call | None = None, correction: bool = False, refresh_url: str = ""
    ) -> None:
        self.call = call
        self.form = CallForm(data, call=call, correction=correction, refresh_url=refresh_url)
        self.years_note = ""
        if data is not None:
            self.funds = FundsFormSet(data, prefix="funds")
            self.criteria = CriterionFormSet(data, prefix="criteria")
            self.attachments = AttachmentFormSet(data, prefix="attachments")
            return
        if call is not None:
            funds_initial: list[dict[str, Any]] = [{"year": f.year, "amount": f.amount} for f in call.funds.all()]
            known = {row["year"] for row in funds_initial}
            funds_initial += [{"year": y, "amount": None} for y in call.years if y not in known]
            funds_initial.sort(key=lambda row: row["year"])
            criteria_initial: list[dict[str, Any]] = [
                {"id": c.pk, "statutory": c.statutory, "name": c.name, "max_points": c.max_points}
                for c in call.criteria.all()
            ]
            if not includes_support(call.form):
                # Shown (ignored) so that switching the form to support needs no second round.
                criteria_initial.append({"statutory": "art15_4", "name": "", "max_points": DEFAULT_POINTS})
                criteria_initial.sort(key=lambda row: STATUTORY_CODES.index(row["statutory"]) if row["statutory"]
                                      else len(STATUTORY_CODES))  # fmt: skip
            attachments_initial = [
                {"id": a.pk, "name": a.name, "description": a.description, "mandatory": a.mandatory}
                for a in call.required_attachments.all()
            ]
        else:
            next_year = timezone.localdate().year + 1
            funds_initial = [{"year": next_year, "amount": None}]
            criteria_initial = [
                {"statutory": code, "name": "", "max_points": DEFAULT_POINTS} for code in STATUTORY_CODES
            ]
            attachments_initial = []
        self.funds = FundsFormSet(initial=funds_initial, prefix="funds")
        self.criteria = CriterionFormSet(initial=criteria_initial, prefix="criteria")
        self.attachments = AttachmentFormSet(initial=attachments_initial, prefix="attachments")

    @property
    def formsets(self) -> list[forms.BaseFormSet]:  # type: ignore[type-arg]
        return [self.funds, self.criteria, self.attachments]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        valid = all([formset.is_valid() for formset in self.formsets]) and valid
        if self.form.years() and self.data_years() != self.form.years():
            self.rebuild_funds()
            self.years_note = str(
                _("The realization window covers %(years)s: enter the public funds for each of these years.")
                % {"years": ", ".join(str(y) for y in self.form.years())}
            )
            return False
        return valid

    def data_years(self) -> list[int]:
        return sorted(
            int(f.cleaned_data["year"])
            for f in self.funds.forms
            if hasattr(f, "cleaned_data") and f.cleaned_data.get("year")
        )

    def typed_years(self) -> list[int]:
        """The window's years from the raw input, for the "update the years" step (no validation)."""
        raw = self.form.data
        try:
            start = forms.DateField().to_python(raw.get("realization_start"))
            end = forms.DateField().to_python(raw.get("realization_end"))
        except ValidationError:
            return []
        if start and end and start <= end and end.year - start.year < 10:
            return list(range(start.year, end.year + 1))
        return []

    def rebuild_funds(self, years: list[int] | None = None) -> None:
        """Rows for the window's years, keeping the amounts typed for years that stay."""
        years = years if years is not None else self.form.years()
        typed: dict[int, str] = {}
        data = self.funds.data
        for index in range(self.funds.total_form_count()):
            year, amount = data.get(f"funds-{index}-year"), data.get(f"funds-{index}-amount")
            if year and str(year).isdigit():
                typed[int(year)] = amount or ""
        self.funds = FundsFormSet(initial=[{"year": y, "amount": typed.get(y, "")} for y in years], prefix="funds")

    def refresh(self) -> None:
        """The "update the years" step: the funds' rows follow the typed window; nothing is checked or saved."""
        years = self.typed_years()
        if years:
            self.rebuild_funds(years)
        quiet(self.form)
        for formset in (self.criteria, self.attachments):
            quiet(formset)

    # What the service gets

    def funds_data(self) -> dict[int, Decimal]:
        return {
            int(f.cleaned_data["year"]): f.cleaned_data["amount"]
            for f in self.funds.forms
            if f.cleaned_data.get("year") and f.cleaned_data.get("amount") is not None
        }

    def criteria_data(self) -> list[dict[str, Any]]:
        support = includes_support(self.form.cleaned_data.get("form") or "")
        rows = []
        for f in self.criteria.forms:
            if getattr(f, "code", "") and f.code in SUPPORT_ONLY and not support:
                continue  # the 4th statutory criterion is left out of a call for commissioning
            if not getattr(f, "code", "") and (_deleted(f) or f.is_empty_row()):
                continue
            d = f.cleaned_data
            rows.append(
                {
                    "id": d.get("id"),
                    "statutory": getattr(f, "code", ""),
                    "name": (d.get("name") or "").strip(),
                    "max_points": d.get("max_points"),
                }
            )
        return rows

    def attachments_data(self) -> list[dict[str, Any]]:
        rows = []
        for f in self.attachments.forms:
            d = f.cleaned_data
            if _deleted(f) or not (d.get("name") or "").strip() and not (d.get("description") or "").strip():
                continue
            rows.append(
                {"id": d.get("id"), "name": d.get("name") or "", "description": d.get("description") or "",
                 "mandatory": bool(d.get("mandatory"))}
            )  # fmt: skip
        return rows

    def add_error(self, error: ValidationError) -> None:
        """A service's refusal: the rows' errors above their formset, the others next to their fields."""
        from razem.core.forms import add_service_error

        if not hasattr(error, "error_dict"):
            add_service_error(self.form, error)
            return
        rest: dict[str, Any] = {}
        for field, errors in error.error_dict.items():
            formset = {"funds": self.funds, "criteria": self.criteria, "attachments": self.attachments}.get(field)
            if formset is not None:
                formset.non_form_errors().extend(e.message % e.params if e.params else e.message for e in errors)
            else:
                rest[field] = errors
        if rest:
            add_service_error(self.form, ValidationError(rest))

    def row_errors(self) -> list[str]:
        """The formsets' errors for the summary at the top of the page."""
        messages: list[str] = []
        titles = {
            "funds": _("Public funds per year"),
            "criteria": _("Criteria"),
            "attachments": _("Required attachments"),
        }
        if self.years_note:
            messages.append(f"{titles['funds']}: {self.years_note}")
        for key, formset in (("funds", self.funds), ("criteria", self.criteria), ("attachments", self.attachments)):
            if not formset.is_bound:
                continue
            for message in formset.non_form_errors():
                messages.append(f"{titles[key]}: {message}")
            for form in formset.forms:
                for field, errors in form.errors.items():
                    label = form.fields[field].label if field in form.fields else ""
                    for message in errors:
                        messages.append(f"{titles[key]}: {label}: {message}" if label else f"{titles[key]}: {message}")
        return messages

    @property
    def has_errors(self) -> bool:
        return bool(self.form.errors) or bool(self.row_errors())
