"""V, the cost calculation: the cost lines (V.A, one formset, with a value per year in a multi-year task and the
oferent bearing each cost in a joint offer) and the sources of funding of each year (V.B), saved together by
``offer_replace_budget``; ``BudgetEditor.figures`` gives the sums of what the forms hold for the live summary.
"""

from decimal import Decimal
from types import SimpleNamespace
from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.money import money
from razem.grants import budget as budget_module
from razem.grants.budget import SOURCES
from razem.grants.forms.offers.base import Editor
from razem.grants.forms.offers.fields import AmountField, QuantityField, _text
from razem.grants.forms.offers.tables import MAX_ROWS, RowForm, _bump_total, _extra, _rows
from razem.grants.models import Call, CostLine, Offer, OfferPartner
from razem.grants.services.offers.tables import offer_replace_budget


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


CostLineFormSet = forms.formset_factory(CostLineForm, extra=0, can_delete=True, max_num=MAX_ROWS, validate_max=True)


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
        return offer_replace_budget(
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
