"""The year chooser of the figures page (a GET form)."""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class YearForm(forms.Form):
    rok = forms.TypedChoiceField(
        label=_("Budget year"),
        coerce=int,
        error_messages={"invalid_choice": _("We have no figures for this year. Choose one of the years listed.")},
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default = timezone.localdate().year
        choices = sorted({*years, self.default}, reverse=True)
        field = cast(forms.TypedChoiceField, self.fields["rok"])
        field.choices = [(year, str(year)) for year in choices]
        field.initial = self.default

    def year(self) -> int:
        """The year chosen, or this year when none is chosen or the choice is wrong."""
        if self.is_bound and self.is_valid():
            return int(self.cleaned_data["rok"])
        return self.default
