"""The forms of small grants: the simplified offer's editor (the offer's fields and three tables: activities,
results, cost lines), starting an offer, withdrawing it, the public comment form (with a honeypot), and the office's
forms (the plan of a year, the publication in the channels, the decision, hiding a comment, the list's filters).

Amounts are typed as people write them ("1 234,50"; ``grants.forms.offers.fields.AmountField``).
"""

import datetime
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.forms import DateInput, DecisionForm, IdChoiceField
from razem.core.lists import FilterForm
from razem.core.models import PublicBenefitArea
from razem.core.money import money, pln
from razem.grants.forms.calls.fields import MoneyField
from razem.grants.forms.offers.fields import AmountField, QuantityField
from razem.grants.models import Offer
from razem.grants.models.calls import TaskForm
from razem.organizations.models import Organization
from razem.small_grants.models import CostShare, SmallGrant
from razem.small_grants.services.drafts import MAX_ROWS


def _text(label: Any, max_length: int | None = None, *, rows: int = 0, help_text: Any = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, max_length=max_length, required=False, widget=widget, help_text=help_text)


# The editor ---------------------------------------------------------------------------------------------------------


class OfferForm(forms.Form):
    """The offer's own fields, in the order of the simplified form."""

    area = IdChoiceField(
        label=gettext_lazy("Kind of public task (public-benefit area, art. 4)"),
        queryset=PublicBenefitArea.objects.none(),
        required=False,
        empty_label=gettext_lazy("— choose —"),
    )
    task_form = forms.ChoiceField(
        label=gettext_lazy("Form of the task"),
        choices=[("", gettext_lazy("— choose —")), *TaskForm.choices],
        required=False,
        help_text=gettext_lazy("Support: the grant co-finances the task. Commissioning: it finances it wholly."),
    )
    contact_name = _text(gettext_lazy("Contact person"), 200, help_text=gettext_lazy("Who explains the offer."))
    contact_phone = _text(gettext_lazy("Contact phone"), 32)
    contact_email = forms.EmailField(label=gettext_lazy("Contact e-mail"), required=False)
    title = _text(gettext_lazy("Title of the public task"), 300)
    place = _text(gettext_lazy("Place of the task"), rows=2, help_text=gettext_lazy("Address or district, venue."))
    start_date = forms.DateField(label=gettext_lazy("Start date"), required=False, widget=DateInput())
    end_date = forms.DateField(
        label=gettext_lazy("End date"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("Both the first and the last day count towards the task's length."),
    )
    synthetic_description = _text(
        gettext_lazy("Description of the task"),
        rows=5,
        help_text=gettext_lazy("What will be done, for whom (the target group), how, and why it is needed locally."),
    )
    results_description = _text(
        gettext_lazy("Expected results"),
        rows=4,
        help_text=gettext_lazy("What will exist or change when the task is done, and how many people it reaches."),
    )
    experience = _text(
        gettext_lazy("The oferent's experience (optional)"),
        rows=3,
        help_text=gettext_lazy("Earlier activity related to this task, staff and resources."),
    )

    def __init__(self, *args: Any, day: datetime.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = PublicBenefitArea.objects.valid_on(day or timezone.localdate()).order_by("position")
        cast(forms.ModelChoiceField, self.fields["area"]).queryset = areas

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class ActivityForm(forms.Form):
    name = _text(gettext_lazy("Activity"), 300)
    description = _text(gettext_lazy("Description"), rows=2)
    target_group = _text(gettext_lazy("Target group"), 300)
    planned_period = _text(gettext_lazy("When"), 200, help_text=gettext_lazy("E.g. June, weekends."))


class ResultForm(forms.Form):
    name = _text(gettext_lazy("Result"), 300)
    target_value = _text(gettext_lazy("Planned level"), 200)
    monitoring = _text(gettext_lazy("How it is monitored"), rows=2)


class LineForm(forms.Form):
    name = _text(gettext_lazy("Kind of cost"), 300)
    unit = _text(gettext_lazy("Unit"), 50, help_text=gettext_lazy("E.g. hour, piece."))
    quantity = QuantityField(label=gettext_lazy("Number of units"))
    unit_cost = AmountField(label=gettext_lazy("Unit cost [PLN]"))
    grant = AmountField(label=gettext_lazy("Of which from the grant [PLN]"))
    own_kind = forms.ChoiceField(
        label=gettext_lazy("The rest is covered by"), choices=CostShare.OwnKind.choices, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        value = money((data.get("unit_cost") or 0) * (data.get("quantity") or 0))
        grant = data.get("grant")
        if grant is not None and grant > value:
            self.add_error(
                "grant",
                _("The grant part, %(grant)s, is more than the line's value, %(value)s (unit cost × number of units).")
                % {"grant": pln(grant), "value": pln(value)},
            )
        return data


def _formset(form: type[forms.Form]) -> Any:
    return forms.formset_factory(form, extra=0, can_delete=True, max_num=MAX_ROWS, validate_max=True)


ActivityFormSet = _formset(ActivityForm)
ResultFormSet = _formset(ResultForm)
LineFormSet = _formset(LineForm)
TABLES = ("activities", "results", "lines")


class Editor:
    """The whole simplified offer on one page: ``form`` and the formsets ``activities``, ``results``, ``lines``.
    ``add`` names a table to which one empty row is added (the "Add" buttons, without JavaScript)."""

    def __init__(self, offer: Offer, data: Any = None, *, add: str = "") -> None:
        self.offer = offer
        self.bound = data is not None
        self.add = add if add in TABLES else ""
        if data is not None and self.add:
            data = data.copy()
            key = f"{self.add}-TOTAL_FORMS"
            data[key] = str(int(data.get(key) or 0) + 1)
        small_grant: SmallGrant = offer.small_grant
        initial = {
            "area": small_grant.area_id,
            "place": small_grant.place,
            **{
                name: getattr(offer, name)
                for name in (
                    "task_form",
                    "contact_name",
                    "contact_phone",
                    "contact_email",
                    "title",
                    "start_date",
                    "end_date",
                    "synthetic_description",
                    "results_description",
                    "experience",
                )
            },
        }
        self.form = OfferForm(data, initial=initial)
        if data is None:
            activities = [
                {f: getattr(a, f) for f in ("name", "description", "target_group", "planned_period")}
                for a in sorted(offer.activities.all(), key=lambda a: (a.position, a.pk))
            ]
            results = [
                {f: getattr(r, f) for f in ("name", "target_value", "monitoring")}
                for r in sorted(offer.results.all(), key=lambda r: (r.position, r.pk))
            ]
            lines = []
            for line in sorted(offer.cost_lines.all(), key=lambda line: (line.position, line.pk)):
                part = getattr(line, "small_grant_share", None)
                lines.append(
                    {
                        "name": line.name,
                        "unit": line.unit,
                        "quantity": line.quantity,
                        "unit_cost": line.unit_cost,
                        "grant": part.grant if part else None,
                        "own_kind": part.own_kind if part else CostShare.OwnKind.FINANCIAL,
                    }
                )
            extra: dict[str, list[dict[str, Any]]] = {prefix: [{}] if self.add == prefix else [] for prefix in TABLES}
            self.activities = ActivityFormSet(prefix="activities", initial=(activities or [{}]) + extra["activities"])
            self.results = ResultFormSet(prefix="results", initial=results + extra["results"])
            self.lines = LineFormSet(prefix="lines", initial=(lines or [{}]) + extra["lines"])
        else:
            self.activities = ActivityFormSet(data, prefix="activities")
            self.results = ResultFormSet(data, prefix="results")
            self.lines = LineFormSet(data, prefix="lines")

    def formsets(self) -> list[Any]:
        return [self.activities, self.results, self.lines]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for formset in self.formsets():
            valid = formset.is_valid() and valid
        return valid

    @staticmethod
    def _kept(formset: Any) -> list[dict[str, Any]]:
        return [
            {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def payload(self) -> dict[str, Any]:
        """What the service ``small_grant_save`` takes, from the valid forms."""
        data = self.form.cleaned_data
        return {
            "fields": {name: data.get(name) for name in self.form.fields},
            "activities": self._kept(self.activities),
            "results": self._kept(self.results),
            "lines": [
                {**row, "own_kind": row.get("own_kind") or CostShare.OwnKind.FINANCIAL}
                for row in self._kept(self.lines)
            ],
        }

    def add_service_error(self, error: Any) -> None:
        """A refusal of the service: on its field ("title", "lines-2-grant") when the page has it, else on top."""
        if not hasattr(error, "error_dict"):
            self.form.add_error(None, error)
            return
        for key, errors in error.error_dict.items():
            if key in self.form.fields:
                self.form.add_error(key, errors)
                continue
            parts = key.split("-")
            if len(parts) == 3 and parts[0] in TABLES and parts[1].isdigit():
                formset = getattr(self, parts[0])
                index = int(parts[1])
                if index < len(formset.forms) and parts[2] in formset.forms[index].fields:
                    formset.forms[index].add_error(parts[2], errors)
                    continue
            self.form.add_error(None, errors)

    def error_items(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) of every error, in the order of the page, for the error summary."""
        items: list[tuple[str, str, str]] = []
        for message in self.form.non_field_errors():
            items.append(("", "", str(message)))
        for name, field in self.form.fields.items():
            for message in self.form.errors.get(name, []):
                items.append((self.form[name].auto_id, str(field.label), str(message)))
        labels = {"activities": _("Activity"), "results": _("Result"), "lines": _("Cost line")}
        for prefix in TABLES:
            formset = getattr(self, prefix)
            for message in formset.non_form_errors():
                items.append((prefix, str(labels[prefix]), str(message)))
            for index, form in enumerate(formset.forms, start=1):
                if not form.is_bound or not form.errors:
                    continue
                for name, messages in form.errors.items():
                    field = form.fields.get(name)
                    anchor = form[name].auto_id if field is not None else prefix
                    label = f"{labels[prefix]} {index}" + (f", {field.label}" if field is not None else "")
                    for message in messages:
                        items.append((anchor, label, str(message)))
        return items


class StartForm(forms.Form):
    organization = IdChoiceField(label=gettext_lazy("Oferent"), queryset=Organization.objects.none(), empty_label=None)

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = organizations


class WithdrawForm(DecisionForm):
    """Withdrawing a filed offer, with an optional reason the office reads."""


# The public comment form ----------------------------------------------------------------------------------------------


class CommentForm(forms.Form):
    """A comment on a published offer; ``website`` is a honeypot (hidden from people, filled by bots)."""

    text = forms.CharField(
        label=gettext_lazy("Your comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=gettext_lazy("Comments are public at once. The office reads them before it decides."),
    )
    name = forms.CharField(
        label=gettext_lazy("Your name (optional)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Shown with the comment; without it the comment is anonymous."),
    )
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address (optional)"),
        required=False,
        help_text=gettext_lazy("Only the office sees it, to answer you if needed."),
    )
    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, signed_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if signed_in:
            self.fields["name"].help_text = _("Empty: the name of your account is shown.")

    def is_bot(self) -> bool:
        return bool(self.is_bound and str(self.data.get("website") or "").strip())


# The office ----------------------------------------------------------------------------------------------------------


class YearPlanForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Budget year"), min_value=2000, max_value=2100)
    planned_grants = MoneyField(
        label=gettext_lazy("Grants planned for NGO tasks [PLN]"),
        help_text=gettext_lazy("As in the budget resolution: the base of the year's small-grant pool."),
    )
    note = forms.CharField(
        label=gettext_lazy("Source"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("E.g. the budget resolution and its date."),
    )


class PublicationForm(forms.Form):
    """The BIP (date and address) and the notice board (date); Razem is today."""

    bip_published_on = forms.DateField(
        label=gettext_lazy("Published in the BIP on"), required=False, widget=DateInput()
    )
    bip_url = forms.URLField(label=gettext_lazy("Address in the BIP"), required=False, assume_scheme="https")
    notice_board_published_on = forms.DateField(
        label=gettext_lazy("Put on the notice board on"), required=False, widget=DateInput()
    )
    notice_board_note = forms.CharField(
        label=gettext_lazy("Notice board: where (optional)"), required=False, max_length=300
    )

    def publications(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {"channel": "bip", "published_on": data.get("bip_published_on"), "url": data.get("bip_url") or ""},
            {
                "channel": "notice_board",
                "published_on": data.get("notice_board_published_on"),
                "note": data.get("notice_board_note") or "",
            },
        ]


class DecideForm(forms.Form):
    """The organ's decision: to award (the amount) or to refuse (the reason); the number and date of the order."""

    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("award", gettext_lazy("Award the grant")), ("reject", gettext_lazy("Refuse the grant"))],
        widget=forms.RadioSelect,
    )
    number = forms.CharField(label=gettext_lazy("Number of the order"), max_length=60, required=False)
    made_on = forms.DateField(label=gettext_lazy("Date of the order"), required=False, widget=DateInput())
    amount = MoneyField(
        label=gettext_lazy("Amount awarded [PLN]"),
        required=False,
        help_text=gettext_lazy("At most the grant requested; the office may give less."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Justification"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Required when the grant is refused; the organization reads it."),
    )


class HideCommentForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the comment is hidden"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Shown on the public page in place of the comment."),
        required=False,
    )


class OfficeFilterForm(FilterForm):
    STAGES = [
        ("", gettext_lazy("Any")),
        ("to_publish", gettext_lazy("Waiting for publication")),
        ("overdue", gettext_lazy("Publication overdue")),
        ("comments", gettext_lazy("In the comment period")),
        ("to_decide", gettext_lazy("Waiting for the decision")),
        ("awarded", gettext_lazy("Grant awarded")),
        ("not_awarded", gettext_lazy("Grant refused")),
        ("withdrawn", gettext_lazy("Withdrawn")),
    ]

    stage = forms.ChoiceField(label=gettext_lazy("Stage"), choices=STAGES, required=False)
    text = forms.CharField(label=gettext_lazy("Title, number or organization"), required=False, max_length=100)
    year = forms.IntegerField(label=gettext_lazy("Budget year"), required=False, min_value=2000, max_value=2100)

    def apply(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        from django.db.models import Q

        data = self.cleaned_data
        today = timezone.localdate()
        stage = data.get("stage")
        if stage == "to_publish":
            queryset = queryset.filter(offer__status="filed")
        elif stage == "overdue":
            queryset = queryset.filter(offer__status="filed", publication_due__lt=today)
        elif stage == "comments":
            queryset = queryset.filter(offer__status="published", comments_until__gte=today)
        elif stage == "to_decide":
            queryset = queryset.filter(offer__status="published", comments_until__lt=today)
        elif stage:
            queryset = queryset.filter(offer__status=stage)
        if data.get("text"):
            text = data["text"].strip()
            queryset = queryset.filter(
                Q(offer__title__icontains=text)
                | Q(offer__number__icontains=text)
                | Q(offer__organization__name__icontains=text)
            )
        if data.get("year"):
            queryset = queryset.filter(year=data["year"])
        return queryset
