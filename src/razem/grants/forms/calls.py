"""Forms of calls for offers: the office's call form (the call's fields, and three formsets: the funds per budget
year, the criteria with their points, the required attachments), the publication, correction and cancellation
forms, the filters of the public and the office's lists, and the nomination to the commission.

The forms only parse what was typed (amounts as people write them: "12 500,50 zł"); the rules live in
``grants.services.calls`` and come back as ``ValidationError`` dicts shown next to the fields, or above a formset
for "funds", "criteria" and "attachments".
"""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.forms.models import fields_for_model, model_to_dict
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from razem.core.forms import DateInput, DateTimeInput
from razem.core.lists import FilterForm
from razem.core.models import PublicBenefitArea, Venue
from razem.core.money import parse_money
from razem.core.reference import area_choices
from razem.grants.criteria import STATUTORY
from razem.grants.models import Call, Publication
from razem.grants.selectors.calls import PUBLIC_PHASES, CallFilters, call_years, department_choices, filter_calls
from razem.grants.services.calls import CALL_FIELDS, CORRECTABLE_FIELDS, DEFAULT_POINTS, includes_support
from razem.organizations.models import Organization

# The query-string keys of the public list's filters (Polish, like the paths).
FILTER_KEYS = ("q", "obszar", "wydzial", "forma", "etap", "rok")


def _decimal_text(value: Any, places: int = 2) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        return value
    return f"{Decimal(value):.{places}f}".replace(".", ",")


class MoneyField(forms.CharField):
    """An amount in złoty as people type it ("12 500", "12 500,50", "12500.50 zł"); a ``Decimal`` or None."""

    default_error_messages = {
        "invalid": _("Enter an amount in złoty, e.g. 12 500,00."),
        "negative": _("An amount cannot be negative."),
        "grosze": _("An amount has at most two decimal places (grosze)."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.widget.attrs.update(inputmode="decimal", autocomplete="off", maxlength="30")

    def prepare_value(self, value: Any) -> Any:
        return _decimal_text(value)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        amount = parse_money(text)
        if amount is None or len(str(text)) > 30:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if amount < 0:
            raise ValidationError(self.error_messages["negative"], code="negative")
        if amount != amount.quantize(Decimal("0.01")):
            raise ValidationError(self.error_messages["grosze"], code="grosze")
        if amount >= Decimal("1e12"):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return amount


class ShareField(MoneyField):
    """A share in per cent, 0–100, to 0.01."""

    default_error_messages = {
        "invalid": _("Enter a share in per cent, e.g. 10 or 12,5."),
        "negative": _("A share cannot be negative."),
        "grosze": _("A share has at most two decimal places."),
        "over": _("A share is at most 100 %."),
    }

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.replace("%", "")
        amount = super().to_python(value)
        if amount is not None and amount > 100:
            raise ValidationError(self.error_messages["over"], code="over")
        return amount


class PointsField(MoneyField):
    default_error_messages = {
        "invalid": _("Enter the points as a number, e.g. 10 or 2,5."),
        "negative": _("Points cannot be negative."),
        "grosze": _("Points have at most one decimal place."),
    }

    def prepare_value(self, value: Any) -> Any:
        if value in (None, "") or isinstance(value, str):
            return value
        return f"{Decimal(value).quantize(Decimal('0.1')):f}".rstrip("0").rstrip(".").replace(".", ",")

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        amount = super().to_python(value)
        if amount is not None and amount != amount.quantize(Decimal("0.1")):
            raise ValidationError(self.error_messages["grosze"], code="grosze")
        return amount


MONEY = ("min_grant", "max_grant", "same_kind_this_year", "same_kind_last_year")
SHARES = ("own_share_min", "own_financial_share_min", "own_nonfinancial_share_min", "admin_costs_max")
HELP_TEXTS: dict[str, Any] = {
    "number": _('The number of the announcement, e.g. "SZ-OKO/2027/01".'),
    "slug": _(
        "Part of the page address: small letters, digits and hyphens. Leave it empty to make it from the number."
    ),
    "task_kind": _("Art. 13 ust. 2 pkt 1: the kind of the public task, as in the announcement."),
    "department": _("The department (komórka realizująca) that runs the call, e.g. Wydział Polityki Społecznej."),
    "min_grant": _("In złoty; leave empty when there is no smallest grant."),
    "max_grant": _("In złoty; leave empty when there is no largest grant other than the funds."),
    "own_share_min": _("Per cent of the total cost; 0 when no own contribution is required."),
    "own_financial_share_min": _("Per cent of the total cost: the part of the own contribution that is money."),
    "own_nonfinancial_share_min": _("Per cent of the total cost: personal (volunteers) and material contribution."),
    "admin_costs_max": _("Per cent of the total cost; leave empty when there is no cap."),
    "realization_start": _("The funds per year below follow the years of these dates."),
    "submission_deadline": _(
        "Date and time, Polish time. At least 21 days after the last publication of the call (art. 13 ust. 1)."
    ),
    "choice_date": _("After the deadline for offers."),
    "place": _("Where the task is done; with a city venue, its rooms and their area."),
    "nominations_close": _("Date and time; empty: nominations close with the deadline for offers."),
    "same_kind_this_year": _("Art. 13 ust. 2 pkt 7: grants for tasks of the same kind in the year of the call."),
    "same_kind_last_year": _("The same, for the previous year."),
}


def _label(name: str) -> str:
    return str(getattr(Call._meta.get_field(name), "verbose_name", name)).capitalize()


def quiet(form: forms.BaseForm | forms.BaseFormSet) -> None:  # type: ignore[type-arg]
    """Show a bound form again without its errors (the "update the years" step, which saves nothing)."""
    if isinstance(form, forms.BaseFormSet):
        form._errors = []  # type: ignore[attr-defined]
        form._non_form_errors = form.error_class()  # type: ignore[attr-defined]
        for item in form.forms:
            quiet(item)
        return
    form._errors = ErrorDict()  # type: ignore[attr-defined]
    form.cleaned_data = {}


class CallForm(forms.Form):
    """The call's own fields (``CALL_FIELDS``; in a correction ``CORRECTABLE_FIELDS`` and the notice) and its areas."""

    def __init__(
        self, data: Any = None, *, call: Call | None = None, correction: bool = False, refresh_url: str = ""
    ) -> None:
        self.names = CORRECTABLE_FIELDS if correction else CALL_FIELDS
        initial: dict[str, Any] = {}
        if call is not None:
            initial = model_to_dict(call, fields=self.names)
            initial["areas"] = [area.pk for area in call.areas.all()]
        super().__init__(data, initial=initial)
        widgets: dict[str, Any] = {
            "submission_deadline": DateTimeInput(),
            "nominations_close": DateTimeInput(),
            "realization_start": DateInput(),
            "realization_end": DateInput(),
            "choice_date": DateInput(),
            "form": forms.RadioSelect,
        }
        for name in ("task_kind", "description", "grant_rules", "place", "conditions", "evaluation_mode",
                     "same_kind_note"):  # fmt: skip
            widgets[name] = forms.Textarea(attrs={"rows": 3})
        model_fields = [n for n in self.names if n not in MONEY and n not in SHARES]
        self.fields.update(fields_for_model(Call, fields=model_fields, widgets=widgets, help_texts=HELP_TEXTS))
        for name in MONEY:
            self.fields[name] = MoneyField(label=_label(name), required=False, help_text=HELP_TEXTS.get(name, ""))
        for name in SHARES:
            self.fields[name] = ShareField(label=_label(name), required=False, help_text=HELP_TEXTS.get(name, ""))
        if "slug" in self.fields:
            self.fields["slug"].required = False
        for name in ("organ",):
            self.fields[name].required = True
        venue = cast(forms.ModelChoiceField, self.fields["venue"])  # type: ignore[type-arg]
        venue.queryset = Venue.objects.filter(is_active=True).order_by("name")
        form_field = cast(forms.ChoiceField, self.fields["form"])
        form_field.choices = list(Call.Form.choices)
        self.fields["areas"] = forms.ModelMultipleChoiceField(
            label=_("Public-benefit areas (art. 4)"),
            queryset=PublicBenefitArea.objects.valid_on(timezone.localdate()).order_by("position"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("The representatives of organizations working in these areas are told when the call opens."),
        )
        if refresh_url:
            for name in ("realization_start", "realization_end"):
                self.fields[name].widget.attrs.update(
                    {
                        "hx-post": refresh_url,
                        "hx-trigger": "change",
                        "hx-include": "closest form",
                        "hx-vals": '{"refresh_years": "1"}',
                        "hx-select": "#funds-rows",
                        "hx-target": "#funds-rows",
                        "hx-swap": "outerHTML",
                    }
                )
        if correction:
            self.fields["notice"] = forms.CharField(
                label=_("Correction notice"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=_(
                    "What changes and why, in the words of the announcement's correction. It is published on the "
                    "call's page with the list of changes, and sent to the organizations with offers in the call."
                ),
            )

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.names if name in self.cleaned_data}
        for name in ("min_grant", "max_grant", "admin_costs_max"):
            if name in data and data[name] in ("",):
                data[name] = None
        for name in ("own_share_min", "own_financial_share_min", "own_nonfinancial_share_min"):
            if name in data and data[name] is None:
                data[name] = Decimal("0")
        for name in ("same_kind_this_year", "same_kind_last_year"):
            if name in data and data[name] is None:
                data[name] = Decimal("0")
        for name in ("slug",):
            if name in data and data[name] is None:
                data[name] = ""
        data["areas"] = list(self.cleaned_data.get("areas") or [])
        return data

    def years(self) -> list[int]:
        """The budget years of the realization window as typed (valid dates only), or none."""
        start, end = self.cleaned_data.get("realization_start"), self.cleaned_data.get("realization_end")
        if start and end and start <= end and end.year - start.year < 10:
            return list(range(start.year, end.year + 1))
        return []


# The formsets -------------------------------------------------------------------------------------------------------


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
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
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
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
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


# Publication, cancellation ------------------------------------------------------------------------------------------


def _date(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=DateInput(), help_text=help_text)


class PublicationsForm(forms.Form):
    """The publications of the statutory channels (art. 13 ust. 3, and ust. 4 for the press); the service says which
    are required."""

    bip_published_on = _date(_("Published in the BIP on"))
    bip_url = forms.URLField(
        label=_("Address of the announcement in the BIP"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("E.g. https://www.bip.krakow.pl/?dok_id=…"),
    )
    notice_board_published_on = _date(_("Put on the notice board on"))
    notice_board_note = forms.CharField(
        label=_("Which notice board"),
        required=False,
        max_length=300,
        help_text=_("E.g. the notice board of the City Hall, pl. Wszystkich Świętych 3–4."),
    )
    press_published_on = _date(_("Published in a newspaper on"), _("Optional (art. 13 ust. 4)."))
    press_note = forms.CharField(label=_("Newspaper"), required=False, max_length=300)
    press_url = forms.URLField(
        label=_("Address of the newspaper's notice"), required=False, max_length=200, assume_scheme="https"
    )

    def publications(self) -> list[dict[str, Any]]:
        d = self.cleaned_data
        return [
            {"channel": Publication.Channel.BIP, "published_on": d.get("bip_published_on"), "url": d.get("bip_url")},
            {
                "channel": Publication.Channel.NOTICE_BOARD,
                "published_on": d.get("notice_board_published_on"),
                "note": d.get("notice_board_note"),
            },
            {
                "channel": Publication.Channel.PRESS,
                "published_on": d.get("press_published_on"),
                "url": d.get("press_url"),
                "note": d.get("press_note"),
            },
        ]


class PublishForm(PublicationsForm):
    REQUIRED = {
        "bip_published_on": _("Give the date of the publication in the BIP (art. 13 ust. 3 pkt 1)."),
        "bip_url": _("Give the address of the announcement in the BIP."),
        "notice_board_published_on": _("Give the date the call was put on the notice board (art. 13 ust. 3 pkt 2)."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, message in self.REQUIRED.items():
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message


class CancelForm(PublicationsForm):
    ground = forms.ChoiceField(label=_("Ground (art. 18a ust. 1)"), choices=Call.CancelGround.choices,
                               widget=forms.RadioSelect, required=False)  # fmt: skip
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Published on the call's page and sent to the organizations with offers in the call."),
    )
    field_order = ["ground", "reason"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("bip_published_on", "notice_board_published_on", "press_published_on"):
            self.fields[name].help_text = _("If it has appeared already; the page in Razem is recorded today.")


# Lists --------------------------------------------------------------------------------------------------------------


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


# Nominations --------------------------------------------------------------------------------------------------------


class NominationForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Nominating organization"), queryset=Organization.objects.none(), empty_label=None
    )
    full_name = forms.CharField(label=_("Nominee's full name"), max_length=200, required=False)
    email = forms.CharField(
        label=_("Nominee's e-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("The nominee gets a link there to consent to the nomination or decline it."),
    )
    phone = forms.CharField(label=_("Nominee's phone"), max_length=32, required=False)
    qualifications = forms.CharField(
        label=_("Experience and qualifications"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why this person: their experience in the field of the task and in evaluating projects."),
    )
    informed = forms.BooleanField(
        label=_(
            "The nominee knows of this nomination and that their data goes to the city office for the work of the "
            "competition commission."
        ),
        required=True,
        error_messages={"required": _("Confirm that the nominee knows of the nomination.")},
    )

    def __init__(self, data: Any = None, *, organizations: Any) -> None:
        super().__init__(data)
        field = cast(forms.ModelChoiceField, self.fields["organization"])  # type: ignore[type-arg]
        field.queryset = organizations
        if organizations.count() == 1:
            field.initial = organizations.first()

    def service_data(self) -> dict[str, Any]:
        return {k: self.cleaned_data.get(k) or "" for k in ("full_name", "email", "phone", "qualifications")}
