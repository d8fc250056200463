from django import forms
from django.utils.translation import gettext_lazy as _


class LinkEmailForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We will send a link to this address. Open it in this browser to finish."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
