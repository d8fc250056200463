"""Starting an offer: the oferent, and an empty offer or a copy of an earlier one."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.grants.models import Offer


class StartForm(forms.Form):
    organization = forms.ChoiceField(label=gettext_lazy("Oferent"), widget=forms.RadioSelect)
    copy_from = forms.ChoiceField(
        label=gettext_lazy("Start from"),
        required=False,
        help_text=gettext_lazy(
            "A copy takes the texts, activities, results and budget of the earlier offer (not its attachments or "
            "partners); dates are moved into this call's window."
        ),
    )

    joint = forms.BooleanField(
        label=gettext_lazy("A joint offer with other organizations (I will invite them next)"), required=False
    )

    def __init__(self, *args: Any, organizations: list[Any], offers: list[Offer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organizations = {str(o.pk): o for o in organizations}
        self.offers = {str(o.pk): o for o in offers}
        cast(forms.ChoiceField, self.fields["organization"]).choices = [(str(o.pk), o.name) for o in organizations]
        if len(organizations) == 1:
            self.fields["organization"].initial = str(organizations[0].pk)
        choices = [("", _("An empty offer"))]
        for offer in offers:
            call = offer.call.number if offer.call else _("outside a competition")
            label = _("A copy of “%(title)s” (%(org)s, %(call)s, %(status)s)") % {
                "title": offer.title or _("untitled"),
                "org": offer.organization.name,
                "call": call,
                "status": offer.get_status_display().lower(),
            }
            choices.append((str(offer.pk), label))
        cast(forms.ChoiceField, self.fields["copy_from"]).choices = choices
        if not offers:
            del self.fields["copy_from"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organization = self.organizations.get(data.get("organization") or "")
        source = self.offers.get(data.get("copy_from") or "")
        if organization and source and source.organization_id != organization.pk:
            self.add_error(
                "copy_from", _("Only an earlier offer of %(org)s can be copied.") % {"org": organization.name}
            )
        data["organization_obj"] = organization
        data["copy_from_obj"] = source
        return data
