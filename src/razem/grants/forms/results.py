"""The forms of the decision, the results' publication, the questions about the decision and the resignation.

The decision's form has one amount per admitted offer and budget year (``award_<offer>_<year>``, typed as people
write amounts: "12 345,50"), prefilled from the commission's proposal; the service checks them against the
requests and the funds and names the field of each refusal.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from razem.core.forms import DateInput
from razem.grants.forms.calls.publication import PublicationsForm
from razem.grants.forms.offers.fields import AmountField
from razem.grants.selectors.results import Candidate
from razem.grants.services.results import award_field


class DecisionForm(forms.Form):
    number = forms.CharField(
        label=_("Number of the order (zarządzenie)"),
        max_length=60,
        required=False,
        help_text=_('As in the register of orders of the Mayor, e.g. "1234/2026".'),
    )
    made_on = forms.DateField(label=_("Date of the order"), required=False, widget=DateInput())
    title = forms.CharField(
        label=_("Title of the order"),
        max_length=300,
        required=False,
        help_text=_("Optional, e.g. “w sprawie rozstrzygnięcia otwartego konkursu ofert …”."),
    )
    note = forms.CharField(
        label=_("Justification"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: why the amounts differ from the commission's proposal, if they do."),
    )

    def __init__(self, *args: Any, candidates: Sequence[Candidate], years: Sequence[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        self.years = list(years)
        self.rows: list[dict[str, Any]] = []
        for candidate in self.candidates:
            offer = candidate.offer
            fields = []
            for year in self.years:
                name = award_field(offer.pk, year)
                requested = candidate.requested_by_year.get(year)
                if len(self.years) > 1:
                    label = _("Grant for offer %(number)s in %(year)s") % {"number": offer.number, "year": year}
                else:
                    label = _("Grant for offer %(number)s") % {"number": offer.number}
                self.fields[name] = AmountField(
                    label=label,
                    initial=candidate.prefill.get(year) if requested else None,
                    disabled=not requested,
                )
                fields.append((year, name))
            self.rows.append({"candidate": candidate, "fields": fields})

    def bound_rows(self) -> list[dict[str, Any]]:
        """The rows of the table: each candidate with its bound fields per year."""
        return [
            {"candidate": row["candidate"], "fields": [(year, self[name]) for year, name in row["fields"]]}
            for row in self.rows
        ]

    def amounts(self) -> dict[int, dict[int, Decimal | None]]:
        """The amounts per offer and year as typed (cleaned), for the service."""
        data = self.cleaned_data
        return {row["candidate"].offer.pk: {year: data.get(name) for year, name in row["fields"]} for row in self.rows}

    def typed_amounts(self) -> list[dict[int, Decimal]]:
        """The amounts as they stand on the page (the valid ones, the prefill when untouched): the live sums."""
        from razem.core.money import parse_money

        typed = []
        for row in self.rows:
            per_year: dict[int, Decimal] = {}
            for year, name in row["fields"]:
                field = self.fields[name]
                raw = self.initial.get(name, field.initial) if not self.is_bound else self.data.get(name)
                if field.disabled:
                    continue
                value = parse_money(raw) if raw not in (None, "") else None
                if value is not None and value >= 0:
                    per_year[year] = value
            typed.append(per_year)
        return typed


class ResultsPublishForm(PublicationsForm):
    """The results in the BIP and on the notice board (art. 15 ust. 2h); Razem itself is recorded today."""

    REQUIRED = {
        "bip_published_on": _("Give the date the results appeared in the BIP (art. 15 ust. 2h)."),
        "bip_url": _("Give the address of the results in the BIP."),
        "notice_board_published_on": _("Give the date the results were put on the notice board (art. 15 ust. 2h)."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("press_published_on", "press_note", "press_url"):
            del self.fields[name]
        for name, message in self.REQUIRED.items():
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message
        self.fields["bip_url"].help_text = _("E.g. https://www.bip.krakow.pl/?dok_id=…")


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question about the decision"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write your question.")},
        help_text=_("The office answers here and tells you by e-mail. The answer is kept with the call."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write the answer; the oferent reads it.")},
        help_text=_("The people acting for the oferent are told and read it on the offer's page."),
    )


class ResignForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The office reads it."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the organization gives up the grant awarded and will not sign the contract."),
        error_messages={"required": _("Tick the box to confirm the resignation.")},
    )
