"""Adding an attachment to an offer: the file, and which of the call's required documents it is."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy


class AttachmentForm(forms.Form):
    requirement = forms.ChoiceField(label=gettext_lazy("Which document is it"), required=False)
    file = forms.FileField(label=gettext_lazy("File"))

    def __init__(self, *args: Any, requirements: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.requirements = {str(r.pk): r for r in requirements}
        cast(forms.ChoiceField, self.fields["requirement"]).choices = [
            *((str(r.pk), r.name) for r in requirements),
            ("", pgettext_lazy("attachment", "Another document")),
        ]
        self.fields["file"].help_text = _("PDF, DOCX, ODT, XLSX, ODS, PNG or JPG.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["requirement_obj"] = self.requirements.get(data.get("requirement") or "")
        return data
