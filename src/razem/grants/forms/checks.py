"""The forms of the formal check: the findings on an offer's checklist, the call for corrections, the rejection, and
the office's own points of a call's checklist."""

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from razem.grants.checks import Prefinding
from razem.grants.models import CheckItem, CheckResult
from razem.grants.reopening import section_titles
from razem.grants.services.checks import CORRECTABLE

Outcome = CheckResult.Outcome


class FindingsForm(forms.Form):
    """One finding per point of the checklist: ``outcome_<id>`` and ``note_<id>``. What is recorded is shown first;
    where nothing is, what Razem found by itself (the officer confirms or overrides it)."""

    def __init__(
        self,
        *args: Any,
        items: Iterable[CheckItem],
        results: Mapping[int, CheckResult],
        prefindings: Mapping[int, Prefinding],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            choices = [(value, label) for value, label in Outcome.choices]
            if not item.remediable:
                choices = [(v, label) for v, label in choices if v != Outcome.DEFECT]
            result = results.get(item.pk)
            suggested = prefindings.get(item.pk)
            initial = result.outcome if result is not None else (suggested.outcome if suggested else None)
            self.fields[f"outcome_{item.pk}"] = forms.ChoiceField(
                label=gettext("Finding on “%(name)s”") % {"name": item.name},
                choices=choices,
                required=False,
                initial=initial,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=gettext("Note on “%(name)s”") % {"name": item.name},
                required=False,
                max_length=4000,
                initial=result.note if result is not None else "",
                help_text=_("Required for a defect or a requirement not met: the oferent reads it."),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[CheckItem, Any, Any]]:
        return [(item, self[f"outcome_{item.pk}"], self[f"note_{item.pk}"]) for item in self.items]

    def findings(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            item.pk: (data.get(f"outcome_{item.pk}") or "", data.get(f"note_{item.pk}") or "") for item in self.items
        }


def correctable_choices() -> list[tuple[str, str]]:
    return [(slug, title) for slug, title in zip(CORRECTABLE, section_titles(CORRECTABLE), strict=True)]


class CorrectionForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("What the oferent may change"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only these parts open in the editor; the rest of the offer stays as filed."),
    )
    reason = forms.CharField(
        label=_("What to correct"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The organization reads it in the e-mail and on its offer's page."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = correctable_choices()  # type: ignore[attr-defined]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reasons of the formal rejection"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The organization reads them in the e-mail and on its offer's page."),
    )


class CheckItemForm(forms.Form):
    name = forms.CharField(label=_("Requirement"), max_length=300, required=False)
    description = forms.CharField(
        label=_("What to check"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    remediable = forms.BooleanField(
        label=_("A defect can be corrected"),
        required=False,
        initial=True,
        help_text=_("If not, a defect rejects the offer formally."),
    )
