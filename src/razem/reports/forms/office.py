"""The office's forms of reports: the demand of a partial report, the return for corrections, the record of a
return of the grant, and the filter of the list (``core.lists``)."""

import datetime
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from razem.core.forms import DateInput
from razem.core.lists import FilterForm
from razem.core.money import pln
from razem.grants.forms.offers.fields import AmountField
from razem.reports.models import Report


class DemandForm(forms.Form):
    """The office demands a partial report (art. 18 ust. 2–3)."""

    period_start = forms.DateField(label=gettext_lazy("Period from"), widget=DateInput())
    period_end = forms.DateField(
        label=gettext_lazy("Period to"),
        widget=DateInput(),
        help_text=gettext_lazy("Within one budget year of the task."),
    )
    delivered_on = forms.DateField(label=gettext_lazy("Demand delivered on"), widget=DateInput())
    due_date = forms.DateField(label=gettext_lazy("Report due"), widget=DateInput())
    note = forms.CharField(
        label=gettext_lazy("What the office asks for"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, contract: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from razem.core.deadlines import deadline

        today = timezone.localdate()
        year = min(max(today.year, contract.start_date.year), contract.end_date.year)
        start = max(contract.start_date, datetime.date(year, 1, 1))
        end = min(contract.end_date, datetime.date(year, 12, 31))
        days = deadline("partial_report_min_days", today).days
        self.fields["delivered_on"].help_text = ngettext(
            "The report is due at least %(days)s day after the organization receives the demand.",
            "The report is due at least %(days)s days after the organization receives the demand.",
            days,
        ) % {"days": days}
        self.initial.setdefault("period_start", start)
        self.initial.setdefault("period_end", end)
        self.initial.setdefault("delivered_on", today)
        self.initial.setdefault("due_date", deadline("partial_report_min_days", today).date)


class CorrectionsForm(forms.Form):
    """The office returns a filed report for corrections."""

    message = forms.CharField(
        label=gettext_lazy("What to correct"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("The organization reads it."),
    )
    due_date = forms.DateField(label=gettext_lazy("Corrections due"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from razem.reports.services.review import earliest_correction_due

        self.initial.setdefault("due_date", earliest_correction_due())


class ReturnForm(forms.Form):
    """The office records a return of (part of) a year's grant."""

    settlement = forms.ChoiceField(label=gettext_lazy("Budget year"))
    amount = AmountField(label=gettext_lazy("Amount returned [PLN]"), required=True)
    returned_on = forms.DateField(label=gettext_lazy("Returned on"), widget=DateInput())
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("E.g. the bank transfer's reference."),
    )

    def __init__(self, *args: Any, settlements: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settlements = {str(s.pk): s for s in settlements}
        cast(forms.ChoiceField, self.fields["settlement"]).choices = [
            (
                str(s.pk),
                _("%(year)s: %(outstanding)s still to return") % {"year": s.year, "outstanding": pln(s.outstanding)},
            )
            for s in settlements
        ]
        self.initial.setdefault("returned_on", timezone.localdate())
        if settlements:
            self.initial.setdefault("amount", settlements[0].outstanding)

    def chosen(self) -> Any:
        return self.settlements[self.cleaned_data["settlement"]]


class ReportFilterForm(FilterForm):
    """The office's list of reports: status, overdue, budget year, call, kind, and a text in the contract number,
    title or the organization's name."""

    q = forms.CharField(label=gettext_lazy("Contract, title or organization contains"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=[("", gettext_lazy("Any")), *Report.Status.choices]
    )
    overdue = forms.ChoiceField(
        label=gettext_lazy("Overdue"),
        required=False,
        choices=[("", gettext_lazy("Any")), ("tak", gettext_lazy("Overdue only"))],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), required=False, choices=[("", gettext_lazy("Any")), *Report.Kind.choices]
    )
    year = forms.TypedChoiceField(label=gettext_lazy("Budget year"), required=False, coerce=int, empty_value=None)
    call = forms.TypedChoiceField(label=gettext_lazy("Call"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, years: list[int], calls: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = [("", _("Any")), *((y, str(y)) for y in years)]
        cast(forms.ChoiceField, self.fields["call"]).choices = [
            ("", _("Any")),
            ("0", _("Small grants (no call)")),
            *calls,
        ]

    def apply(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        from razem.reports.selectors import overdue_q

        data = self.cleaned_data
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["overdue"]:
            queryset = queryset.filter(overdue_q(timezone.localdate()))
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["year"]:
            year = data["year"]
            queryset = queryset.filter(period_start__year__lte=year, period_end__year__gte=year)
        if data["call"] is not None:
            queryset = (
                queryset.filter(contract__offer__call__isnull=True)
                if data["call"] == 0
                else queryset.filter(contract__offer__call_id=data["call"])
            )
        text = (data["q"] or "").strip()
        if text:
            queryset = queryset.filter(
                Q(contract__number__icontains=text)
                | Q(contract__title__icontains=text)
                | Q(contract__offer__organization__name__icontains=text)
            )
        return queryset
