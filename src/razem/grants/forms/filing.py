"""The forms of filing (the statements of section VII and the signatories of each oferent) and of withdrawing."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from razem.core.forms import DecisionForm
from razem.grants.content import CONFIRMED
from razem.organizations.models import Organization, Representative

TAXES = [("nie zalega", _("does not owe")), ("zalega", _("owes"))]
REGISTER = [("KRS", _("the National Court Register (KRS)")), ("inna ewidencja", _("another register"))]


def signatory_label(person: Representative) -> str:
    text = person.full_name + (f", {person.function}" if person.function else "")
    if person.signs_alone:
        text += " – " + str(_("may sign alone"))
    return text


class FilingForm(forms.Form):
    """Section VII: the alternatives of statements 3–5, the confirmation, and who signs for each oferent (one field
    ``signatories_<organization pk>`` per oferent, the choices being its recorded representatives)."""

    taxes = forms.ChoiceField(
        label=_("3. The oferent(s), as to taxes:"), choices=TAXES, widget=forms.RadioSelect, required=False
    )
    social_insurance = forms.ChoiceField(
        label=_("4. The oferent(s), as to social insurance contributions:"),
        choices=TAXES,
        widget=forms.RadioSelect,
        required=False,
    )
    register = forms.ChoiceField(
        label=_("5. The data in section II agree with:"), choices=REGISTER, widget=forms.RadioSelect, required=False
    )
    confirmed = forms.BooleanField(
        label=_("I confirm the statements of section VII above on behalf of the oferent(s)."), required=False
    )

    def __init__(
        self, *args: Any, oferents: list[Organization], people: dict[int, list[Representative]], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.oferents = oferents
        self.people = people
        for organization in oferents:
            choices = [(str(p.pk), signatory_label(p)) for p in people.get(organization.pk, [])]
            self.fields[f"signatories_{organization.pk}"] = forms.MultipleChoiceField(
                label=_("Who signs for %(org)s") % {"org": organization.name},
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=_("One who may sign alone, or %(n)s together (%(rule)s).")
                % {
                    "n": organization.signatures_required,
                    "rule": organization.representation_rule or _("no rule recorded"),
                }
                if choices
                else "",
            )

    def signatory_fields(self) -> list[Any]:
        return [self[f"signatories_{organization.pk}"] for organization in self.oferents]

    def declaration_fields(self) -> list[Any]:
        return [self["taxes"], self["social_insurance"], self["register"]]

    def chosen(self) -> list[Representative]:
        ids = {
            int(pk)
            for organization in self.oferents
            for pk in self.cleaned_data.get(f"signatories_{organization.pk}") or []
        }
        return [p for people in self.people.values() for p in people if p.pk in ids]

    def declarations(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "taxes": data.get("taxes") or "",
            "social_insurance": data.get("social_insurance") or "",
            "register": data.get("register") or "",
            CONFIRMED: "yes" if data.get(CONFIRMED) else "",
        }


class WithdrawForm(DecisionForm):
    """Withdrawing a filed offer, with an optional reason the office reads."""
