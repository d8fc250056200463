"""Finding an organization to invite into a joint offer."""

from django import forms
from django.utils.translation import gettext_lazy


class PartnerSearchForm(forms.Form):
    szukaj = forms.CharField(
        label=gettext_lazy("Find an organization"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("Its name or KRS number; only verified organizations can be invited."),
    )
