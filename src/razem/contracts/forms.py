"""The office's forms of contracts and annexes, and the filter of the list. The forms only read what is typed; the
services check it (a duplicate number, a bad bank account, a budget above the award) and their refusals land on the
fields named here."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from razem.contracts import selectors
from razem.contracts.models import Contract
from razem.core.forms import DateInput, IdField
from razem.core.lists import FilterForm
from razem.grants import budget as grants_budget
from razem.grants.forms.offers.fields import AmountField, QuantityField

SOURCE_LABELS = {
    "grant": _("Grant"),
    "own_financial": _("Own financial contribution"),
    "own_personal": _("Own personal contribution"),
    "own_material": _("Own material contribution"),
    "recipient_fees": _("Fees from recipients"),
}
EXTRA_LINES = 2


def people_text(people: Iterable[dict[str, Any]]) -> str:
    return "\n".join(", ".join(p for p in (row.get("name", ""), row.get("function", "")) if p) for row in people)


def parse_people(text: str) -> list[dict[str, str]]:
    """ "Anna Nowak, Prezeska Zarządu" per line → [{"name": "Anna Nowak", "function": "Prezeska Zarządu"}]."""
    rows = []
    for line in (text or "").splitlines():
        name, _sep, function = line.partition(",")
        if name.strip():
            rows.append({"name": name.strip(), "function": function.strip()})
    return rows


class ContractForm(forms.Form):
    """The terms the office types: the number, the city's side, the bank account, who signs for each oferent, the
    payment day of each tranche."""

    number = forms.CharField(
        label=_("Contract number"),
        required=False,
        max_length=60,
        help_text=_("The next free number of the year is suggested; it must be unique. Needed before signing."),
    )
    principal = forms.CharField(label=_("The city (Zleceniodawca)"), max_length=300)
    organ = forms.CharField(label=_("Public authority"), max_length=200)
    city_signatories = forms.CharField(
        label=_("Signing for the city"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Name, function and the authorization, e.g. “Jan Kowalski, Dyrektor Wydziału, z upoważnienia "
            "Prezydenta Miasta Krakowa”."
        ),
    )
    place_of_signing = forms.CharField(label=_("Place of signing"), max_length=100)
    bank_account = forms.CharField(
        label=_("Bank account for the grant"),
        required=False,
        max_length=40,
        help_text=_("26 digits (NRB) or the IBAN starting with PL; spaces are allowed."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, oferents: list[Any], years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.oferents = oferents
        self.years = years
        for number, organization in enumerate(oferents, start=1):
            self.fields[f"signatories_{number}"] = forms.CharField(
                label=_("Signing for %(org)s") % {"org": organization.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("One person per line: full name, function."),
            )
        for year in years:
            self.fields[f"due_{year}"] = forms.DateField(
                label=_("Tranche of %(year)s paid by") % {"year": year}, required=False, widget=DateInput()
            )

    @staticmethod
    def initial_from(values: dict[str, Any], tranches: Iterable[Any] = ()) -> dict[str, Any]:
        """The form's initial values from the service's terms (``contracts.services.contracts.defaults_for``)."""
        initial = {
            k: values.get(k, "")
            for k in ("number", "principal", "organ", "city_signatories", "place_of_signing", "bank_account")
        }
        for number, people in enumerate(values.get("signatories") or [], start=1):
            initial[f"signatories_{number}"] = people_text(people)
        for tranche in tranches:
            initial[f"due_{tranche.year}"] = tranche.due_date
        return initial

    def terms(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **{
                k: data.get(k, "")
                for k in ("number", "principal", "organ", "city_signatories", "place_of_signing", "bank_account")
            },
            "signatories": [parse_people(data.get(f"signatories_{n}", "")) for n in range(1, len(self.oferents) + 1)],
            "due_dates": {year: data.get(f"due_{year}") for year in self.years},
        }


def contract_initial(contract: Contract) -> dict[str, Any]:
    """The edit form's initial values from a saved contract."""
    by_org: dict[str, list[dict[str, str]]] = {}
    for row in contract.oferent_signatories or []:
        by_org.setdefault(row.get("organization", ""), []).append(row)
    from razem.contracts.services.contracts import oferent_organizations

    values = {
        "number": contract.number,
        "principal": contract.principal,
        "organ": contract.organ,
        "city_signatories": contract.city_signatories,
        "place_of_signing": contract.place_of_signing,
        "bank_account": contract.bank_account,
        "signatories": [by_org.get(org.name, []) for org in oferent_organizations(contract.offer)],
    }
    return ContractForm.initial_from(values, contract.tranches.all())


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), required=False, widget=DateInput())
    scan = forms.FileField(
        label=_("Scan of the signed document"),
        required=False,
        help_text=_("Optional now, it can be added later: a PDF, JPEG or PNG file."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class ScanForm(forms.Form):
    scan = forms.FileField(
        label=_("Scan of the signed document"),
        required=False,
        help_text=_("A PDF, JPEG or PNG file."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class TerminateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The oferent reads it; name the provision of the contract or the agreement of the parties."),
    )


class AnnexForm(forms.Form):
    """The annex: its reason, the new dates, and (when it changes the budget) every cost line and the sources of
    each year, starting from the contract's budget as it stands, with room for new lines."""

    reason = forms.CharField(
        label=_("Reason for the change"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    start_date = forms.DateField(label=_("Task starts"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("Task ends"), required=False, widget=DateInput())
    changes_budget = forms.BooleanField(
        label=_("The annex changes the budget (cost lines, sources, the grant per year)"), required=False
    )

    def __init__(self, *args: Any, budget: grants_budget.Budget, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.budget = budget
        self.years = list(budget.years)
        self.line_keys: list[str] = []
        rows = list(budget.lines) + [None] * EXTRA_LINES
        for index, line in enumerate(rows, start=1):
            key = f"line_{index}"
            self.line_keys.append(key)
            n = {"n": index}
            self.fields[f"{key}_category"] = forms.ChoiceField(
                label=_("Line %(n)s: category") % n,
                choices=[("realization", _("Costs of the activities")), ("administration", _("Administrative costs"))],
                required=False,
            )
            self.fields[f"{key}_name"] = forms.CharField(
                label=_("Line %(n)s: kind of cost") % n, required=False, max_length=300
            )
            self.fields[f"{key}_unit"] = forms.CharField(label=_("Line %(n)s: unit") % n, required=False, max_length=50)
            self.fields[f"{key}_unit_cost"] = AmountField(label=_("Line %(n)s: unit cost") % n)
            self.fields[f"{key}_quantity"] = QuantityField(label=_("Line %(n)s: number of units") % n)
            for year in self.years:
                self.fields[f"{key}_{year}"] = AmountField(
                    label=_("Line %(n)s: value in %(year)s") % {**n, "year": year}
                )
            self.fields[f"{key}_remove"] = forms.BooleanField(label=_("Line %(n)s: remove") % n, required=False)
            self.fields[f"{key}_partner"] = IdField(required=False, widget=forms.HiddenInput())
            self.fields[f"{key}_activity"] = IdField(required=False, widget=forms.HiddenInput())
            if line is not None and not self.is_bound:
                self.initial.update(
                    {
                        f"{key}_category": line.category,
                        f"{key}_name": line.name,
                        f"{key}_unit": line.unit,
                        f"{key}_unit_cost": line.unit_cost,
                        f"{key}_quantity": line.quantity,
                        f"{key}_partner": line.partner_id,
                        f"{key}_activity": line.activity_id,
                        **{f"{key}_{y}": line.year_amounts.get(y, Decimal("0.00")) for y in self.years},
                    }
                )
        for year in self.years:
            for source in grants_budget.SOURCES:
                name = f"funding_{year}_{source}"
                self.fields[name] = AmountField(label=f"{SOURCE_LABELS[source]} {year}")
                if not self.is_bound:
                    self.initial[name] = getattr(budget.sources_in(year), source)

    def line_rows(self) -> list[dict[str, Any]]:
        """The bound fields of each line, for the template's table."""
        return [
            {
                "key": key,
                "category": self[f"{key}_category"],
                "name": self[f"{key}_name"],
                "unit": self[f"{key}_unit"],
                "unit_cost": self[f"{key}_unit_cost"],
                "quantity": self[f"{key}_quantity"],
                "years": [self[f"{key}_{y}"] for y in self.years],
                "remove": self[f"{key}_remove"],
                "hidden": [self[f"{key}_partner"], self[f"{key}_activity"]],
            }
            for key in self.line_keys
        ]

    def funding_rows(self) -> list[dict[str, Any]]:
        return [
            {"label": SOURCE_LABELS[s], "fields": [self[f"funding_{y}_{s}"] for y in self.years]}
            for s in grants_budget.SOURCES
        ]

    def new_budget(self) -> dict[str, Any] | None:
        """The budget typed (None when the annex keeps it): the lines not removed and not left empty."""
        data = self.cleaned_data
        if not data.get("changes_budget"):
            return None
        lines = []
        for key in self.line_keys:
            if data.get(f"{key}_remove"):
                continue
            values = [data.get(f"{key}_{f}") for f in ("name", "unit", "unit_cost", "quantity")]
            amounts = {y: data.get(f"{key}_{y}") for y in self.years}
            if not any(values) and not any(amounts.values()):
                continue
            lines.append(
                {
                    "key": key,
                    "category": data.get(f"{key}_category") or "realization",
                    "name": data.get(f"{key}_name") or "",
                    "unit": data.get(f"{key}_unit") or "",
                    "unit_cost": data.get(f"{key}_unit_cost") or Decimal("0"),
                    "quantity": data.get(f"{key}_quantity") or Decimal("0"),
                    "year_amounts": {y: a for y, a in amounts.items() if a is not None},
                    "partner_id": data.get(f"{key}_partner"),
                    "activity_id": data.get(f"{key}_activity"),
                }
            )
        funding = {
            y: {s: data.get(f"funding_{y}_{s}") or Decimal("0") for s in grants_budget.SOURCES} for y in self.years
        }
        return {"lines": lines, "funding": funding}

    def dates(self) -> tuple[datetime.date | None, datetime.date | None]:
        return self.cleaned_data.get("start_date"), self.cleaned_data.get("end_date")


class ContractFilterForm(FilterForm):
    """The office's list: status, a budget year the task runs in, the call, the department, and text."""

    q = forms.CharField(label=_("Number, title or oferent contains"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any")), *Contract.Status.choices])
    year = forms.IntegerField(label=_("Year of the task"), required=False, min_value=2000, max_value=2100)
    call = forms.ChoiceField(label=_("Call for offers"), required=False)
    department = forms.ChoiceField(label=_("Department"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["call"].choices = [("", _("Any")), *selectors.call_choices()]  # type: ignore[attr-defined]
        self.fields["department"].choices = [("", _("Any")), *selectors.department_choices()]  # type: ignore[attr-defined]

    def apply(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        data = self.cleaned_data
        return selectors.contracts_filtered(
            queryset,
            status=data.get("status") or "",
            year=data.get("year"),
            call=data.get("call") or "",
            department=data.get("department") or "",
            q=(data.get("q") or "").strip(),
        )
