"""The sections of the offer's own fields: I and II.2 (the form of the task and the contact person), III.1–III.3
(the task), IV (the oferent's characteristics) and VI (other information), each a plain form and its editor, saved
by ``offer_update_fields``.
"""

from typing import Any, cast

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.forms import DateInput
from razem.grants import validation
from razem.grants.forms.offers.base import Editor
from razem.grants.forms.offers.fields import _text
from razem.grants.models import Call, Offer
from razem.grants.models.calls import TaskForm
from razem.grants.services.offers.drafts import offer_update_fields

# Section forms ----------------------------------------------------------------------------------------------------


class BasicForm(forms.Form):
    """I and II.2: the form of the task (when the call allows both) and the contact person."""

    task_form = forms.ChoiceField(
        label=gettext_lazy("Form of the task (I)"), required=False, widget=forms.RadioSelect, choices=TaskForm.choices
    )
    contact_name = _text(gettext_lazy("Name of the contact person"), 200)
    contact_phone = _text(gettext_lazy("Phone"), 32)
    contact_email = forms.EmailField(label=gettext_lazy("E-mail address"), required=False, max_length=254)

    def __init__(self, *args: Any, offer: Offer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].help_text = _("The person who explains the offer to the office (II.2).")
        if len(cast(Call, offer.call).task_forms()) < 2:
            del self.fields["task_form"]
        else:
            self.fields["task_form"].help_text = _("The call allows either; choose one (art. 5 ust. 4 pkt 2).")


class TaskSectionForm(forms.Form):
    title = _text(gettext_lazy("Title of the public task (III.1)"), 300)
    start_date = forms.DateField(label=gettext_lazy("Start date (III.2)"), required=False, widget=DateInput())
    end_date = forms.DateField(label=gettext_lazy("End date (III.2)"), required=False, widget=DateInput())
    synthetic_description = _text(
        gettext_lazy("Synthetic description of the task (III.3)"),
        rows=10,
        help_text=gettext_lazy(
            "Describe the place where the task is done, its target group, the problems of that group it solves or "
            "the needs it meets, and how it complements other activities."
        ),
    )

    def __init__(self, *args: Any, offer: Offer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        call = cast(Call, offer.call)
        window = _("Within the call's window: %(start)s to %(end)s.") % {
            "start": date_format(call.realization_start),
            "end": date_format(call.realization_end),
        }
        self.fields["start_date"].help_text = window
        self.fields["end_date"].help_text = window

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and start > end:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class CharacteristicsForm(forms.Form):
    experience = _text(
        gettext_lazy("Earlier activity of the oferent (IV.1)"),
        rows=8,
        help_text=gettext_lazy("Especially in the field of this public task."),
    )
    resources = _text(
        gettext_lazy("Staff, material and financial resources used for the task (IV.2)"),
        rows=8,
    )


class OtherForm(forms.Form):
    payment = forms.ChoiceField(
        label=gettext_lazy("The task will be done (VI.1)"),
        required=False,
        widget=forms.RadioSelect,
        choices=Offer.Payment.choices,
    )
    joint_roles = _text(
        gettext_lazy("What each oferent will do, and how they are represented towards the office (VI.2)"), rows=6
    )
    other_info = _text(
        gettext_lazy("Other information that may matter for the evaluation (VI.3)"),
        rows=6,
        help_text=gettext_lazy("E.g. about the cost calculation or the statements of section VII."),
    )

    def __init__(self, *args: Any, joint: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not joint:
            del self.fields["joint_roles"]


# Editors ------------------------------------------------------------------------------------------------------------


class BasicEditor(Editor):
    slug = "podstawowe"
    template = "grants/offer/_section_podstawowe.html"

    def build(self) -> None:
        initial = {name: getattr(self.offer, name) for name in BasicForm.base_fields}
        self.form = BasicForm(**self.kwargs(), initial=initial, offer=self.offer)

    def all_forms(self) -> list[forms.BaseForm]:
        return [self.form]

    def save(self, *, actor: Any, revision: int | None, request: Any) -> Offer:
        return offer_update_fields(
            actor=actor, offer=self.offer, fields=self.form.cleaned_data, revision=revision, request=request
        )


class FieldsEditor(Editor):
    """A section of the offer's own fields only."""

    form_class: type[forms.Form] = forms.Form

    def form_kwargs(self) -> dict[str, Any]:
        return {}

    def build(self) -> None:
        initial = {name: getattr(self.offer, name) for name in self.form_class.base_fields}
        self.form = self.form_class(**self.kwargs(), initial=initial, **self.form_kwargs())

    def all_forms(self) -> list[forms.BaseForm]:
        return [self.form]

    def save(self, *, actor: Any, revision: int | None, request: Any) -> Offer:
        return offer_update_fields(
            actor=actor, offer=self.offer, fields=self.form.cleaned_data, revision=revision, request=request
        )


class TaskEditor(FieldsEditor):
    slug = "zadanie"
    template = "grants/offer/_section_zadanie.html"
    form_class = TaskSectionForm

    def form_kwargs(self) -> dict[str, Any]:
        return {"offer": self.offer}


class CharacteristicsEditor(FieldsEditor):
    slug = "charakterystyka"
    template = "grants/offer/_section_charakterystyka.html"
    form_class = CharacteristicsForm


class OtherEditor(FieldsEditor):
    slug = "inne"
    template = "grants/offer/_section_inne.html"
    form_class = OtherForm

    def form_kwargs(self) -> dict[str, Any]:
        return {"joint": validation.is_joint(self.offer)}
