"""The filter of the office's list of the offers of a call (``razem.core.lists``)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from razem.core.lists import FilterForm
from razem.grants.models import Offer
from razem.grants.models.calls import TaskForm
from razem.grants.selectors.staff import search_offers


class OfferFilterForm(FilterForm):
    """Status (any after filing), the form of the task as filed, and a text in the number, title or oferents."""

    q = forms.CharField(label=_("Number, title or oferent contains"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Filed and withdrawn")),
            *[(value, label) for value, label in Offer.Status.choices if value != Offer.Status.DRAFT],
        ],
    )
    task_form = forms.ChoiceField(
        label=_("Form of the task"), required=False, choices=[("", _("Any")), *TaskForm.choices]
    )

    def apply(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        data = self.cleaned_data
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["task_form"]:
            queryset = queryset.filter(current_version__content__task_form=data["task_form"])
        return search_offers(queryset, data["q"])
