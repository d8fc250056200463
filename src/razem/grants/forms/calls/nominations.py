"""An organization's nomination of a person to the call's competition commission."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from razem.core.forms import IdChoiceField
from razem.organizations.models import Organization


class NominationForm(forms.Form):
    organization = IdChoiceField(
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
