"""The office's form of a call's own fields (``CALL_FIELDS``; in a correction ``CORRECTABLE_FIELDS`` and the
notice) and its public-benefit areas, with the help texts of the announcement's fields.
"""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.core.forms import AddressField, DateInput, DateTimeInput, IdMultipleChoiceField
from razem.core.models import PublicBenefitArea, Venue
from razem.grants.forms.calls.fields import MoneyField, ShareField
from razem.grants.models import Call
from razem.grants.services.calls.rules import CALL_FIELDS, CORRECTABLE_FIELDS

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
        self.fields.update(
            fields_for_model(
                Call,
                fields=model_fields,
                widgets=widgets,
                help_texts=HELP_TEXTS,
                field_classes={"slug": AddressField},
            )
        )
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
        self.fields["areas"] = IdMultipleChoiceField(
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
