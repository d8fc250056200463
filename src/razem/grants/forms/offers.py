"""The forms of the offer editor, one section of the 2018 form each, and the editors that bind them to an offer.

An *editor* (``EDITORS[slug]``) holds every form of a section (a plain form, and formsets for the tables of III.4,
III.6 and V), binds them to the saved offer or to posted data (or to the input kept in ``DraftInput``), turns the
cleaned data into the rows of the services in ``grants.services.offers`` and maps their refusals and the filing
problems of ``grants.validation`` back to the fields. Every field is optional here: a draft is saved however
incomplete, and what is missing is said next to the field ("Before filing: ...") and on the offer's page.

Amounts are typed as people write them ("1 234,50", "1234.5 zł"; ``core.money.parse_money``); a negative or
non-numeric amount is refused next to its field.
"""

import re
from collections.abc import Iterable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from razem.core.forms import DateInput
from razem.core.money import money, parse_money
from razem.grants import budget as budget_module
from razem.grants import validation
from razem.grants.budget import SOURCES
from razem.grants.models import Activity, Call, CostLine, Offer, OfferPartner
from razem.grants.models.calls import TaskForm
from razem.grants.services import offers as services

MAX_AMOUNT = services.MAX_AMOUNT
MAX_QUANTITY = services.MAX_QUANTITY
MAX_ROWS = 200


# Fields -------------------------------------------------------------------------------------------------------------


def _decimal_text(value: Decimal, places: int | None) -> str:
    text = f"{value:.{places}f}" if places is not None else format(value.normalize(), "f")
    if (translation.get_language() or "pl").startswith("pl"):
        text = text.replace(".", ",")
    return text


class AmountField(forms.Field):
    """An amount in złoty as people type it; refuses what is not a number, negative or finer than the grosz."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": gettext_lazy("Enter an amount in złoty, e.g. 1 234,50."),
        "negative": gettext_lazy("The amount cannot be negative."),
        "places": gettext_lazy("Give the amount to the grosz: at most two digits after the comma."),
        "too_large": gettext_lazy("This amount is too large."),
    }
    places: int | None = 2

    def __init__(self, *args: Any, limit: Decimal = MAX_AMOUNT, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        self.limit = limit
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        number = parse_money(value)
        if number is None or not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if number < 0:
            raise ValidationError(self.error_messages["negative"], code="negative")
        if number != number.quantize(Decimal("0.01")):
            raise ValidationError(self.error_messages["places"], code="places")
        if number > self.limit:
            raise ValidationError(self.error_messages["too_large"], code="too_large")
        return number

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return _decimal_text(value, self.places)
        return value


class QuantityField(AmountField):
    default_error_messages = {
        "invalid": gettext_lazy("Enter the number of units, e.g. 12 or 2,5."),
        "negative": gettext_lazy("The number of units cannot be negative."),
        "places": gettext_lazy("Give at most two digits after the comma."),
        "too_large": gettext_lazy("This number is too large."),
    }
    places = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, limit=MAX_QUANTITY, **kwargs)


def _text(label: Any, max_length: int | None = None, *, rows: int = 0, help_text: Any = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, max_length=max_length, required=False, widget=widget, help_text=help_text)


def _note(bound: forms.BoundField, message: str) -> None:
    """Say next to a field what it still needs before filing (in its help text, which the field refers to)."""
    note = format_html('<span class="filing-note">{} {}</span>', _("Before filing:"), message)
    text = format_html("{} {}", bound.help_text, note) if bound.help_text else note
    bound.help_text = bound.field.help_text = text


# Section forms ----------------------------------------------------------------------------------------------------


class BasicForm(forms.Form):
    """I and II.2: the form of the task (when the call allows both) and the contact person."""

    task_form = forms.ChoiceField(
        label=gettext_lazy("Form of the task (I)"), required=False, widget=forms.RadioSelect, choices=TaskForm.choices
    )
    contact_name = _text(gettext_lazy("Name of the contact person"), 200)
    contact_phone = _text(gettext_lazy("Phone"), 32)
    contact_email = forms.EmailField(label=gettext_lazy("E-mail address"), required=False, max_length=254)

    def __init__(self, *args: Any, offer: Offer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].help_text = _("The person who explains the offer to the office (II.2).")
        if len(cast(Call, offer.call).task_forms()) < 2:
            del self.fields["task_form"]
        else:
            self.fields["task_form"].help_text = _("The call allows either; choose one (art. 5 ust. 4 pkt 2).")


class TaskSectionForm(forms.Form):
    title = _text(gettext_lazy("Title of the public task (III.1)"), 300)
    start_date = forms.DateField(label=gettext_lazy("Start date (III.2)"), required=False, widget=DateInput())
    end_date = forms.DateField(label=gettext_lazy("End date (III.2)"), required=False, widget=DateInput())
    synthetic_description = _text(
        gettext_lazy("Synthetic description of the task (III.3)"),
        rows=10,
        help_text=gettext_lazy(
            "Describe the place where the task is done, its target group, the problems of that group it solves or "
            "the needs it meets, and how it complements other activities."
        ),
    )

    def __init__(self, *args: Any, offer: Offer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        call = cast(Call, offer.call)
        window = _("Within the call's window: %(start)s to %(end)s.") % {
            "start": date_format(call.realization_start),
            "end": date_format(call.realization_end),
        }
        self.fields["start_date"].help_text = window
        self.fields["end_date"].help_text = window

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and start > end:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class ResultsForm(forms.Form):
    results_description = _text(
        gettext_lazy("Expected results (III.5)"),
        rows=8,
        help_text=gettext_lazy(
            "What the task produces (products, services, events), what will change for the target group, and "
            "whether the results will last or be used after the task ends."
        ),
    )


class CharacteristicsForm(forms.Form):
    experience = _text(
        gettext_lazy("Earlier activity of the oferent (IV.1)"),
        rows=8,
        help_text=gettext_lazy("Especially in the field of this public task."),
    )
    resources = _text(
        gettext_lazy("Staff, material and financial resources used for the task (IV.2)"),
        rows=8,
    )


class OtherForm(forms.Form):
    payment = forms.ChoiceField(
        label=gettext_lazy("The task will be done (VI.1)"),
        required=False,
        widget=forms.RadioSelect,
        choices=Offer.Payment.choices,
    )
    joint_roles = _text(
        gettext_lazy("What each oferent will do, and how they are represented towards the office (VI.2)"), rows=6
    )
    other_info = _text(
        gettext_lazy("Other information that may matter for the evaluation (VI.3)"),
        rows=6,
        help_text=gettext_lazy("E.g. about the cost calculation or the statements of section VII."),
    )

    def __init__(self, *args: Any, joint: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not joint:
            del self.fields["joint_roles"]


# Table rows --------------------------------------------------------------------------------------------------------


class RowForm(forms.Form):
    """A row of a table: empty rows are left out, and a removed row (its ``DELETE``) is not checked."""

    TEXTS: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return all(data.get(name) in (None, "") for name in self.fields if name not in {"id", "DELETE", "category"})


class ActivityRowForm(RowForm):
    TEXTS = services.ACTIVITY_TEXTS
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
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


class ResultRowForm(RowForm):
    TEXTS = services.RESULT_TEXTS
    name = _text(gettext_lazy("Result"), 300)
    target_value = _text(gettext_lazy("Planned level (target value)"), 200)
    monitoring = _text(gettext_lazy("How it is monitored / source of information"), rows=2)


class CostLineForm(RowForm):
    category = forms.ChoiceField(label=gettext_lazy("Category"), choices=CostLine.Category.choices, required=False)
    activity = forms.ChoiceField(label=gettext_lazy("Activity (III.4)"), required=False)
    partner = forms.ChoiceField(label=gettext_lazy("Oferent bearing the cost"), required=False)
    name = _text(gettext_lazy("Kind of cost"), 300)
    unit = _text(gettext_lazy("Unit"), 50, help_text=gettext_lazy("E.g. hour, piece, month."))
    unit_cost = AmountField(label=gettext_lazy("Unit cost [PLN]"))
    quantity = QuantityField(label=gettext_lazy("Number of units"))

    def __init__(
        self,
        *args: Any,
        years: list[int],
        activity_choices: list[tuple[str, str]],
        partner_choices: list[tuple[str, str]] | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        cast(forms.ChoiceField, self.fields["activity"]).choices = activity_choices
        self.fields["activity"].help_text = _("For costs of the activities; administrative costs need none.")
        if partner_choices:
            cast(forms.ChoiceField, self.fields["partner"]).choices = partner_choices
        else:
            del self.fields["partner"]
        if len(years) > 1:
            for year in years:
                self.fields[f"y{year}"] = AmountField(label=_("Value in %(year)s [PLN]") % {"year": year})

    def year_fields(self) -> list[forms.BoundField]:
        return [self[f"y{year}"] for year in self.years if f"y{year}" in self.fields]


class FundingForm(forms.Form):
    """V.B for one year."""

    grant = AmountField(label=gettext_lazy("Requested grant"))
    own_financial = AmountField(label=gettext_lazy("Own financial contribution"))
    own_personal = AmountField(
        label=gettext_lazy("Own non-financial contribution: personal"),
        help_text=gettext_lazy("Volunteers' and members' work, valued."),
    )
    own_material = AmountField(
        label=gettext_lazy("Own non-financial contribution: material"),
        help_text=gettext_lazy("Rooms, equipment and other things the oferent brings, valued."),
    )
    recipient_fees = AmountField(label=gettext_lazy("Fees from the recipients of the task"))

    def __init__(self, *args: Any, year: int, fees: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        if not fees:
            del self.fields["recipient_fees"]


ActivityFormSet = forms.formset_factory(ActivityRowForm, extra=0, can_delete=True, max_num=MAX_ROWS, validate_max=True)
ResultFormSet = forms.formset_factory(ResultRowForm, extra=0, can_delete=True, max_num=MAX_ROWS, validate_max=True)
CostLineFormSet = forms.formset_factory(CostLineForm, extra=0, can_delete=True, max_num=MAX_ROWS, validate_max=True)


def _removed(formset: forms.BaseFormSet, form: forms.BaseForm) -> bool:
    """The row's remove button was pressed (its ``DELETE`` is set)."""
    return bool(formset.can_delete and (getattr(form, "cleaned_data", None) or {}).get("DELETE"))


def _rows(formset: forms.BaseFormSet) -> list[tuple[int, forms.Form]]:
    """The (index, form) of the rows to save: not removed, not empty."""
    rows = []
    for index, form in enumerate(formset.forms):
        if _removed(formset, form):
            continue
        if form.is_empty():  # type: ignore[attr-defined]
            continue
        rows.append((index, form))
    return rows


def _extra(formset: forms.BaseFormSet, rows: int) -> None:
    formset.extra = rows


def _bump_total(data: Any, prefix: str) -> None:
    key = f"{prefix}-TOTAL_FORMS"
    try:
        data[key] = str(int(data.get(key) or 0) + 1)
    except (TypeError, ValueError):
        data[key] = "1"


# Editors ------------------------------------------------------------------------------------------------------------


class Editor:
    """The forms of one section, bound to the offer (``data`` None) or to typed input."""

    slug = ""
    template = ""

    def __init__(self, offer: Offer, data: Any = None, *, add: str = "") -> None:
        self.offer = offer
        self.data = data
        self.bound = data is not None
        self.add = add
        self.table_notes: dict[str, list[str]] = {}
        self.general_errors: list[str] = []
        # For each table, the form index of each row given to the service (its refusals name rows by number).
        self.row_forms: dict[str, list[tuple[str, int]]] = {}
        self.build()

    # Subclasses.
    def build(self) -> None:
        raise NotImplementedError

    def all_forms(self) -> list[forms.BaseForm]:
        return []

    def formsets(self) -> list[forms.BaseFormSet]:
        return []

    def save(self, *, actor: Any, revision: int | None, request: Any) -> Offer:
        raise NotImplementedError

    def field(self, name: str) -> forms.BoundField | None:
        """The bound field an issue's or a refusal's field name refers to."""
        for form in self.all_forms():
            if name in form.fields:
                return form[name]
        return None

    # Shared.
    def is_valid(self) -> bool:
        valid = True
        for formset in self.formsets():
            valid = formset.is_valid() and valid
        for form in self.all_forms():
            valid = form.is_valid() and valid
        return valid

    def kwargs(self, prefix: str | None = None) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"data": self.data} if self.bound else {}
        if prefix:
            kwargs["prefix"] = prefix
        return kwargs

    def add_service_error(self, error: ValidationError) -> None:
        """Put a service's refusal next to the field it names, else at the top."""
        if not hasattr(error, "error_dict"):
            self.general_errors.extend(error.messages)
            return
        for key, errors in error.error_dict.items():
            messages = [m for e in errors for m in e.messages]
            bound = self.field(key)
            if bound is None:
                bound = self._row_field(key)
            if bound is None:
                self.general_errors.extend(messages)
            else:
                bound.form.add_error(bound.name, messages)

    def _row_field(self, key: str) -> forms.BoundField | None:
        parts = key.split(".")
        if len(parts) < 3 or parts[0] not in self.row_forms or not parts[1].isdigit():
            return None
        rows = self.row_forms[parts[0]]
        number = int(parts[1])
        if not 1 <= number <= len(rows):
            return None
        prefix, index = rows[number - 1]
        formset = next((f for f in self.formsets() if f.prefix == prefix), None)
        if formset is None:
            return None
        form = formset.forms[index]
        name = parts[2]
        return form[name] if name in form.fields else None

    def note(self, issues: Iterable[validation.Issue]) -> None:
        """Show the filing problems of this section next to their fields (or above their table)."""
        for issue in issues:
            bound = self.issue_field(issue.field)
            if bound is not None:
                _note(bound, issue.message)
            else:
                self.table_notes.setdefault(self.issue_table(issue.field), []).append(issue.message)

    def issue_field(self, name: str) -> forms.BoundField | None:
        return self.field(name)

    def issue_table(self, name: str) -> str:
        return ""

    def error_items(self) -> list[tuple[str, str, str]]:
        """(element id, label, message) of every error, for the summary at the top and the autosave status."""
        items: list[tuple[str, str, str]] = [("", "", message) for message in self.general_errors]
        if not self.bound:
            return items
        for formset in self.formsets():
            for message in formset.non_form_errors():
                items.append(("", "", str(message)))
            for index, form in enumerate(formset.forms):
                if _removed(formset, form):
                    continue
                for name, errors in form.errors.items():
                    row = self.row_label(formset.prefix or "", index)
                    label = f"{row}, {form.fields[name].label}" if name in form.fields else row
                    for message in errors:
                        items.append((form[name].auto_id if name in form.fields else "", label, str(message)))
        for form in self.all_forms():
            for name, errors in form.errors.items():
                for message in errors:
                    if name in form.fields:
                        items.append((form[name].auto_id, str(form.fields[name].label), str(message)))
                    else:
                        items.append(("", "", str(message)))
        return items

    def row_label(self, prefix: str, index: int) -> str:
        return _("Row %(n)s") % {"n": index + 1}

    def oob_inputs(self) -> list[tuple[str, str, Any]]:
        """Hidden inputs the autosave's answer sets in the page (name, id, value): ids of rows just created."""
        return []


class BasicEditor(Editor):
    slug = "podstawowe"
    template = "grants/offer/_section_podstawowe.html"

    def build(self) -> None:
        initial = {name: getattr(self.offer, name) for name in BasicForm.base_fields}
        self.form = BasicForm(**self.kwargs(), initial=initial, offer=self.offer)

    def all_forms(self) -> list[forms.BaseForm]:
        return [self.form]

    def save(self, *, actor: Any, revision: int | None, request: Any) -> Offer:
        return services.offer_update_fields(
            actor=actor, offer=self.offer, fields=self.form.cleaned_data, revision=revision, request=request
        )


class FieldsEditor(Editor):
    """A section of the offer's own fields only."""

    form_class: type[forms.Form] = forms.Form

    def form_kwargs(self) -> dict[str, Any]:
        return {}

    def build(self) -> None:
        initial = {name: getattr(self.offer, name) for name in self.form_class.base_fields}
        self.form = self.form_class(**self.kwargs(), initial=initial, **self.form_kwargs())

    def all_forms(self) -> list[forms.BaseForm]:
        return [self.form]

    def save(self, *, actor: Any, revision: int | None, request: Any) -> Offer:
        return services.offer_update_fields(
            actor=actor, offer=self.offer, fields=self.form.cleaned_data, revision=revision, request=request
        )


class TaskEditor(FieldsEditor):
    slug = "zadanie"
    template = "grants/offer/_section_zadanie.html"
    form_class = TaskSectionForm

    def form_kwargs(self) -> dict[str, Any]:
        return {"offer": self.offer}


class CharacteristicsEditor(FieldsEditor):
    slug = "charakterystyka"
    template = "grants/offer/_section_charakterystyka.html"
    form_class = CharacteristicsForm


class OtherEditor(FieldsEditor):
    slug = "inne"
    template = "grants/offer/_section_inne.html"
    form_class = OtherForm

    def form_kwargs(self) -> dict[str, Any]:
        return {"joint": validation.is_joint(self.offer)}


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
        offer = services.offer_replace_activities(
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
        return services.offer_replace_results(
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


class BudgetEditor(Editor):
    """V: the cost lines (one formset) and the sources of funding of each year (one form per year)."""

    slug = "koszty"
    template = "grants/offer/_section_koszty.html"

    def build(self) -> None:
        offer = self.offer
        self.years = offer.years
        self.multi_year = len(self.years) > 1
        activities = sorted(offer.activities.all(), key=lambda a: (a.year, a.position, a.pk))
        self.activities = {a.pk: a for a in activities}
        numbers: dict[int, int] = {}
        activity_choices = [("", _("— none (administrative cost) —"))]
        for activity in activities:
            numbers[activity.year] = numbers.get(activity.year, 0) + 1
            label = f"{numbers[activity.year]}. {activity.name or _('(no name)')}"
            activity_choices.append((str(activity.pk), f"{activity.year}: {label}" if self.multi_year else label))
        partners = [p for p in offer.partners.all() if p.status != OfferPartner.Status.DECLINED]
        self.joint = bool(partners)
        self.oferenci = {
            offer.organization_id: offer.organization,
            **{p.organization_id: p.organization for p in partners},
        }
        partner_choices = None
        if self.joint:
            partner_choices = [
                ("", offer.organization.name),
                *((str(p.organization_id), p.organization.name) for p in partners),
            ]
        # The saved lines are read to show them, or to keep visible the choice of a partner that left.
        needed = not self.bound or self.joint
        saved_lines = sorted(offer.cost_lines.all(), key=lambda line: (line.position, line.pk)) if needed else []
        # A line borne by an organization that is no longer a partner keeps its choice visible until changed.
        for line in saved_lines:
            if partner_choices is not None and line.partner_id and line.partner_id not in self.oferenci:
                partner_choices.append((str(line.partner_id), _("(not an oferent any more)")))
        form_kwargs = {
            "years": self.years,
            "activity_choices": activity_choices,
            "partner_choices": partner_choices,
        }
        if self.bound:
            if self.add == "lines":
                _bump_total(self.data, "lines")
            self.lines = CostLineFormSet(**self.kwargs("lines"), form_kwargs=form_kwargs)
        else:
            rows = []
            for line in saved_lines:
                row: dict[str, Any] = {
                    "category": line.category,
                    "activity": str(line.activity_id or ""),
                    "partner": str(line.partner_id or ""),
                    "name": line.name,
                    "unit": line.unit,
                    "unit_cost": money(line.unit_cost),
                    "quantity": Decimal(line.quantity),
                }
                for year, amount in (line.year_amounts or {}).items():
                    row[f"y{year}"] = money(amount)
                rows.append(row)
            self.lines = CostLineFormSet(prefix="lines", initial=rows, form_kwargs=form_kwargs)
            _extra(self.lines, (0 if rows else 1) + (1 if self.add == "lines" else 0))
        funding = {saved.year: saved for saved in offer.funding.all()}
        self.funding: list[FundingForm] = []
        fees_allowed = cast(Call, offer.call).recipient_fees_allowed
        for year in self.years:
            sources = funding.get(year)
            initial = {name: money(getattr(sources, name)) for name in SOURCES} if sources else {}
            fees = fees_allowed or bool(sources and sources.recipient_fees)
            self.funding.append(FundingForm(**self.kwargs(f"funding-{year}"), initial=initial, year=year, fees=fees))

    def all_forms(self) -> list[forms.BaseForm]:
        return list(self.funding)

    def formsets(self) -> list[forms.BaseFormSet]:
        return [self.lines]

    def row_label(self, prefix: str, index: int) -> str:
        return _("Cost line %(n)s") % {"n": index + 1}

    def collect(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The rows for the service (with the activity and partner objects)."""
        lines: list[dict[str, Any]] = []
        self.row_forms["lines"] = []
        for index, form in _rows(self.lines):
            data = form.cleaned_data
            activity = self.activities.get(int(data["activity"])) if data.get("activity") else None
            partner_id = int(data["partner"]) if data.get("partner") else None
            lines.append(
                {
                    "category": data.get("category") or CostLine.Category.REALIZATION,
                    "name": data.get("name") or "",
                    "unit": data.get("unit") or "",
                    "unit_cost": data.get("unit_cost"),
                    "quantity": data.get("quantity"),
                    "year_amounts": {year: data.get(f"y{year}") for year in self.years if self.multi_year},
                    "partner": self.oferenci.get(partner_id, partner_id) if partner_id else None,
                    "activity": activity,
                }
            )
            self.row_forms["lines"].append(("lines", index))
        funding = [
            {"year": form.year, **{name: form.cleaned_data.get(name) for name in SOURCES if name in form.fields}}
            for form in self.funding
        ]
        return lines, funding

    def save(self, *, actor: Any, revision: int | None, request: Any) -> Offer:
        lines, funding = self.collect()
        return services.offer_replace_budget(
            actor=actor, offer=self.offer, lines=lines, funding=funding, revision=revision, request=request
        )

    def figures(self) -> budget_module.Budget:
        """The budget of what the forms hold now (the saved offer, or the typed input as far as it is valid)."""
        lines = []
        for _index, form in _rows(self.lines) if self.bound else enumerate(self.lines.forms):
            data = getattr(form, "cleaned_data", None) if self.bound else None
            if data is None:
                data = {name: form.initial.get(name) for name in form.fields}
            if not self.bound and all(data.get(k) in (None, "") for k in ("name", "unit", "unit_cost", "quantity")):
                continue
            lines.append(
                SimpleNamespace(
                    category=data.get("category") or CostLine.Category.REALIZATION,
                    name=data.get("name") or "",
                    unit=data.get("unit") or "",
                    unit_cost=data.get("unit_cost") or Decimal("0"),
                    quantity=data.get("quantity") or Decimal("0"),
                    year_amounts={y: data.get(f"y{y}") for y in self.years if data.get(f"y{y}") is not None}
                    if self.multi_year
                    else {},
                    partner_id=int(data["partner"]) if data.get("partner") else None,
                    activity_id=int(data["activity"]) if data.get("activity") else None,
                )
            )
        funding = []
        for form in self.funding:
            data = getattr(form, "cleaned_data", None) if self.bound else None
            if data is None:
                data = form.initial
            funding.append(SimpleNamespace(year=form.year, **{n: data.get(n) or Decimal("0") for n in SOURCES}))
        return budget_module.build(self.years, lines, funding)

    def issue_field(self, name: str) -> forms.BoundField | None:
        parts = name.split(".")
        if parts[0] == "lines" and len(parts) == 3 and parts[1].isdigit():
            index = int(parts[1]) - 1
            if not 0 <= index < len(self.lines.forms):
                return None
            form = self.lines.forms[index]
            field = parts[2]
            if field == "year_amounts":
                field = f"y{self.years[0]}" if self.multi_year else "quantity"
            return form[field] if field in form.fields else None
        if parts[0] == "funding" and len(parts) == 3:
            year_form = next((f for f in self.funding if str(f.year) == parts[1]), None)
            return year_form[parts[2]] if year_form is not None and parts[2] in year_form.fields else None
        if name == "grant" and self.funding:
            return self.funding[0]["grant"]
        return None

    def issue_table(self, name: str) -> str:
        return "lines"


EDITORS: dict[str, type[Editor]] = {
    editor.slug: editor
    for editor in (
        BasicEditor,
        TaskEditor,
        ActivitiesEditor,
        ResultsEditor,
        CharacteristicsEditor,
        BudgetEditor,
        OtherEditor,
    )
}


def anchor(issue: validation.Issue, years: list[int]) -> str:
    """The id of the element an issue points at, on its section's page."""
    field = issue.field
    parts = field.split(".")
    if field == "draft":
        return "draft-input"
    if parts[0] == "activities":
        if len(parts) == 4:
            return f"id_activities-{parts[1]}-{int(parts[2]) - 1}-{parts[3]}"
        return f"activities-{parts[1]}"
    if parts[0] == "results":
        return f"id_results-{int(parts[1]) - 1}-{parts[2]}" if len(parts) == 3 else "results"
    if parts[0] == "lines":
        if len(parts) == 3 and parts[1].isdigit():
            name = parts[2]
            if name == "year_amounts":
                name = f"y{years[0]}" if len(years) > 1 else "quantity"
            return f"id_lines-{int(parts[1]) - 1}-{name}"
        return "lines"
    if parts[0] == "funding":
        return f"id_funding-{parts[1]}-{parts[2]}" if len(parts) == 3 else f"funding-{parts[1]}"
    if field == "grant":
        return f"id_funding-{years[0]}-grant"
    if parts[0] == "partner":
        return f"partner-{parts[1]}"
    if parts[0] == "requirement":
        return f"requirement-{parts[1]}"
    if field == "task_form":
        return "id_task_form_0"
    if field == "organization":
        return ""
    return f"id_{field}"


# Starting an offer, partners, attachments ------------------------------------------------------------------------


class StartForm(forms.Form):
    organization = forms.ChoiceField(label=gettext_lazy("Oferent"), widget=forms.RadioSelect)
    copy_from = forms.ChoiceField(
        label=gettext_lazy("Start from"),
        required=False,
        help_text=gettext_lazy(
            "A copy takes the texts, activities, results and budget of the earlier offer (not its attachments or "
            "partners); dates are moved into this call's window."
        ),
    )

    joint = forms.BooleanField(
        label=gettext_lazy("A joint offer with other organizations (I will invite them next)"), required=False
    )

    def __init__(self, *args: Any, organizations: list[Any], offers: list[Offer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organizations = {str(o.pk): o for o in organizations}
        self.offers = {str(o.pk): o for o in offers}
        cast(forms.ChoiceField, self.fields["organization"]).choices = [(str(o.pk), o.name) for o in organizations]
        if len(organizations) == 1:
            self.fields["organization"].initial = str(organizations[0].pk)
        choices = [("", _("An empty offer"))]
        for offer in offers:
            call = offer.call.number if offer.call else _("outside a competition")
            label = _("A copy of “%(title)s” (%(org)s, %(call)s, %(status)s)") % {
                "title": offer.title or _("untitled"),
                "org": offer.organization.name,
                "call": call,
                "status": offer.get_status_display().lower(),
            }
            choices.append((str(offer.pk), label))
        cast(forms.ChoiceField, self.fields["copy_from"]).choices = choices
        if not offers:
            del self.fields["copy_from"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organization = self.organizations.get(data.get("organization") or "")
        source = self.offers.get(data.get("copy_from") or "")
        if organization and source and source.organization_id != organization.pk:
            self.add_error(
                "copy_from", _("Only an earlier offer of %(org)s can be copied.") % {"org": organization.name}
            )
        data["organization_obj"] = organization
        data["copy_from_obj"] = source
        return data


class PartnerSearchForm(forms.Form):
    szukaj = forms.CharField(
        label=gettext_lazy("Find an organization"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("Its name or KRS number; only verified organizations can be invited."),
    )


class AttachmentForm(forms.Form):
    requirement = forms.ChoiceField(label=gettext_lazy("Which document is it"), required=False)
    file = forms.FileField(label=gettext_lazy("File"))

    def __init__(self, *args: Any, requirements: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.requirements = {str(r.pk): r for r in requirements}
        cast(forms.ChoiceField, self.fields["requirement"]).choices = [
            *((str(r.pk), r.name) for r in requirements),
            ("", pgettext_lazy("attachment", "Another document")),
        ]
        self.fields["file"].help_text = _("PDF, DOCX, ODT, XLSX, ODS, PNG or JPG.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["requirement_obj"] = self.requirements.get(data.get("requirement") or "")
        return data
