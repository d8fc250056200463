"""The publication of a call in the statutory channels (art. 13 ust. 3, and ust. 4 for the press), and its
cancellation (art. 18a) with the ground, the reason and the publications of the cancellation.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from razem.core.forms import DateInput
from razem.grants.models import Call, Publication


def _date(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=DateInput(), help_text=help_text)


class PublicationsForm(forms.Form):
    """The publications of the statutory channels (art. 13 ust. 3, and ust. 4 for the press); the service says which
    are required."""

    bip_published_on = _date(_("Published in the BIP on"))
    bip_url = forms.URLField(
        label=_("Address of the announcement in the BIP"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("E.g. https://www.bip.krakow.pl/?dok_id=…"),
    )
    notice_board_published_on = _date(_("Put on the notice board on"))
    notice_board_note = forms.CharField(
        label=_("Which notice board"),
        required=False,
        max_length=300,
        help_text=_("E.g. the notice board of the City Hall, pl. Wszystkich Świętych 3–4."),
    )
    press_published_on = _date(_("Published in a newspaper on"), _("Optional (art. 13 ust. 4)."))
    press_note = forms.CharField(label=_("Newspaper"), required=False, max_length=300)
    press_url = forms.URLField(
        label=_("Address of the newspaper's notice"), required=False, max_length=200, assume_scheme="https"
    )

    def publications(self) -> list[dict[str, Any]]:
        d = self.cleaned_data
        return [
            {"channel": Publication.Channel.BIP, "published_on": d.get("bip_published_on"), "url": d.get("bip_url")},
            {
                "channel": Publication.Channel.NOTICE_BOARD,
                "published_on": d.get("notice_board_published_on"),
                "note": d.get("notice_board_note"),
            },
            {
                "channel": Publication.Channel.PRESS,
                "published_on": d.get("press_published_on"),
                "url": d.get("press_url"),
                "note": d.get("press_note"),
            },
        ]


class PublishForm(PublicationsForm):
    REQUIRED = {
        "bip_published_on": _("Give the date of the publication in the BIP (art. 13 ust. 3 pkt 1)."),
        "bip_url": _("Give the address of the announcement in the BIP."),
        "notice_board_published_on": _("Give the date the call was put on the notice board (art. 13 ust. 3 pkt 2)."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, message in self.REQUIRED.items():
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message


class CancelForm(PublicationsForm):
    ground = forms.ChoiceField(label=_("Ground (art. 18a ust. 1)"), choices=Call.CancelGround.choices,
                               widget=forms.RadioSelect, required=False)  # fmt: skip
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Published on the call's page and sent to the organizations with offers in the call."),
    )
    field_order = ["ground", "reason"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("bip_published_on", "notice_board_published_on", "press_published_on"):
            self.fields[name].help_text = _("If it has appeared already; the page in Razem is recorded today.")
