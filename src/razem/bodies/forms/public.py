"""Forms of the public pages of dialogue bodies: the filters and an organization's application to join."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from razem.accounts.models import User
from razem.bodies.models import Act, Body
from razem.core.forms import IdChoiceField


class BodyFilterForm(forms.Form):
    rodzaj = forms.ChoiceField(label=_("Kind of body"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["rodzaj"]
        field.choices = [("", _("Any")), *Body.Kind.choices]

    def kind(self) -> str:
        return self.cleaned_data.get("rodzaj") or "" if self.is_valid() else ""


class ActFilterForm(forms.Form):
    rodzaj = forms.ChoiceField(label=_("Kind of document"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["rodzaj"]
        field.choices = [("", _("Any")), *Act.Kind.choices]

    def kind(self) -> str:
        return self.cleaned_data.get("rodzaj") or "" if self.is_valid() else ""


class OrganizationChoiceForm(forms.Form):
    """Step 1 of an application (without JavaScript): which organization applies. Sent by GET."""

    organizacja = forms.TypedChoiceField(label=_("Organization"), coerce=int)

    def __init__(self, *args: Any, organizations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organizacja"]
        field.choices = [(o.pk, o.name) for o in organizations]
        field.help_text = _("The organizations you act for (as an administrator or representative) in Razem.")


class _PersonChoiceField(IdChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name or obj.email


class ApplicationForm(forms.Form):
    """Step 2: the organization's representative, its deputy and why it wants to join.

    The organization is sent along hidden; any number is accepted here, the service says in words when the
    organization cannot apply (not verified, not one the person acts for, already applied...).
    """

    organization = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    representative = _PersonChoiceField(
        label=_("Representative"),
        queryset=User.objects.none(),
        help_text=_("The person who will sit in the body for the organization."),
    )
    deputy = _PersonChoiceField(
        label=_("Deputy"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No deputy"),
    )
    motivation = forms.CharField(
        label=_("Why does the organization want to join?"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the organization does in the body's theme and what it would bring. Optional."),
    )

    def __init__(self, *args: Any, body: Body, organization_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["organization"].valid_value = lambda value: True
        people = (
            User.objects.filter(
                memberships__organization_id=organization_id,
                memberships__status="active",
                is_active=True,
            )
            .distinct()
            .order_by("full_name", "pk")
            if organization_id
            else User.objects.none()
        )
        fields["representative"].queryset = people
        fields["deputy"].queryset = people
        if body.joining == Body.Joining.APPLICATION:
            fields["deputy"].help_text = _(
                "One representative and one deputy per organization: the deputy stands in when the representative "
                "cannot come. It must be another person."
            )
        else:
            fields["deputy"].help_text = _(
                "Optional: a second person who stands in when the representative cannot come."
            )
