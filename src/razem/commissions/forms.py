"""The commission's forms: thin, the services check everything (their refusals land on these fields).

Fields named after an object (``points_<criterion>``, ``conflict_<offer>``, ``amount_<offer>``) are built per page;
``*_for`` helpers read the cleaned data back into what the services take."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from razem.accounts.models import User
from razem.commissions.arithmetic import points_text
from razem.commissions.models import Member
from razem.commissions.services.scores import check
from razem.core.forms import DateInput, IdChoiceField, IdMultipleChoiceField
from razem.grants.models import CommissionNomination, Criterion, Offer


class AppointMayorForm(forms.Form):
    user = IdChoiceField(
        label=_("Officer of the city"),
        queryset=User.objects.none(),
        help_text=_("The Mayor is represented by the office's staff."),
        error_messages={"required": _("Choose an officer of the city.")},
    )
    chair = forms.BooleanField(label=_("Chairs the commission"), required=False)

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.queryset = staff  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: f"{u.full_name or u.email} ({u.email})"  # type: ignore[attr-defined]


class AppointNomineeForm(forms.Form):
    nomination = IdChoiceField(
        label=_("Person nominated by an organization"),
        queryset=CommissionNomination.objects.none(),
        help_text=_(
            "Nominees who consented in the call's recruitment. A nominee whose organization takes part in the "
            "competition is appointed excluded, with the reason (art. 15 ust. 2d)."
        ),
        error_messages={"required": _("Choose a nominee.")},
    )
    chair = forms.BooleanField(label=_("Chairs the commission"), required=False)

    def __init__(self, *args: Any, nominations: list[CommissionNomination], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["nomination"]
        field.queryset = CommissionNomination.objects.filter(pk__in=[n.pk for n in nominations])  # type: ignore[attr-defined]
        field.label_from_instance = lambda n: f"{n.full_name} ({n.organization.name})"  # type: ignore[attr-defined]
        field.queryset = field.queryset.select_related("organization")  # type: ignore[attr-defined]


class AppointExpertForm(forms.Form):
    email = forms.EmailField(
        label=_("Expert's e-mail address"),
        help_text=_("The address of the expert's account in Razem. An expert advises; their points do not count."),
        error_messages={"required": _("Give the expert's e-mail address.")},
    )


class DeclarationForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I make the declaration above, knowing that it is kept with the time I sign it."), required=False
    )

    def __init__(self, *args: Any, offers: Iterable[Offer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offers = list(offers)
        fields: dict[str, forms.Field] = {}
        for offer in self.offers:
            fields[f"conflict_{offer.pk}"] = forms.BooleanField(
                label=_("I have a conflict of interest with offer %(number)s") % {"number": offer.number},
                required=False,
            )
            fields[f"nature_{offer.pk}"] = forms.CharField(
                label=_("Nature of the conflict with offer %(number)s") % {"number": offer.number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Only the office reads it; the protocol names the member and the offer."),
            )
        confirm = self.fields.pop("confirm")
        self.fields.update(fields)
        self.fields["confirm"] = confirm

    def answers(self) -> dict[int, tuple[bool, str]]:
        data = self.cleaned_data
        return {o.pk: (bool(data.get(f"conflict_{o.pk}")), data.get(f"nature_{o.pk}") or "") for o in self.offers}

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"offer": o, "conflict": self[f"conflict_{o.pk}"], "nature": self[f"nature_{o.pk}"]} for o in self.offers
        ]


class ScoreForm(forms.Form):
    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            maximum = points_text(criterion.max_points)
            self.fields[f"points_{criterion.pk}"] = forms.CharField(
                label=_("Points (0 to %(max)s)") % {"max": maximum},
                max_length=8,
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6, "class": "w-auto"}
                ),
                help_text=_("To one decimal place, e.g. 4,5."),
                error_messages={
                    "required": _("Give the points for this criterion, from 0 to %(max)s.") % {"max": maximum}
                },
            )
            self.fields[f"justification_{criterion.pk}"] = forms.CharField(
                label=_("Justification"),
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": _("Justify the points you give for this criterion.")},
            )

    def clean(self) -> dict[str, Any]:
        """Every wrong field at once: the service's checks run on what was typed, besides the required fields."""
        data = super().clean() or {}
        typed = {c.pk: self.data.get(self.add_prefix(f"points_{c.pk}"), "") for c in self.criteria}
        texts = {c.pk: self.data.get(self.add_prefix(f"justification_{c.pk}"), "") for c in self.criteria}
        try:
            check(self.criteria, typed, texts)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.errors:
                    self.add_error(field, messages)
        return data

    def points(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"points_{c.pk}", "") for c in self.criteria}

    def justifications(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"justification_{c.pk}", "") for c in self.criteria}

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"criterion": c, "points": self[f"points_{c.pk}"], "justification": self[f"justification_{c.pk}"]}
            for c in self.criteria
        ]


def amount_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def proposal_label(offer: Offer) -> str:
    return str(_("Proposed grant for offer %(number)s") % {"number": offer.number})


def proposal_input(row: Any) -> dict[str, Any] | None:
    """The input of one offer's proposal before anything is sent (``ProposalsForm.input`` after)."""
    if row.offer.status != Offer.Status.ADMITTED:
        return None
    name = f"amount_{row.offer.pk}"
    return {
        "name": name,
        "id": f"id_{name}",
        "label": proposal_label(row.offer),
        "value": amount_text(row.proposal),
        "errors": [],
    }


class ProposalsForm(forms.Form):
    def __init__(self, *args: Any, rows: Iterable[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_ids: list[int] = []
        for row in rows:
            offer = row.offer
            if offer.status != Offer.Status.ADMITTED:
                continue
            self.offer_ids.append(offer.pk)
            self.fields[f"amount_{offer.pk}"] = forms.CharField(
                label=proposal_label(offer),
                required=False,
                max_length=20,
                initial=amount_text(row.proposal),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 12}),
            )

    def amounts(self) -> dict[int, str]:
        return {pk: self.cleaned_data.get(f"amount_{pk}", "") for pk in self.offer_ids}

    def input(self, offer_id: int) -> dict[str, Any] | None:
        """What the template needs to write the input of one offer: its name, id, label, value (as typed when the
        form was sent) and errors; None for an offer that has no input (no longer admitted)."""
        name = f"amount_{offer_id}"
        field = self.fields.get(name)
        if field is None:
            return None
        value = self.data.get(self.add_prefix(name), "") if self.is_bound else field.initial
        return {
            "name": self.add_prefix(name),
            "id": f"id_{self.add_prefix(name)}",
            "label": field.label,
            "value": value or "",
            "errors": self.errors.get(name, []) if self.is_bound else [],
        }


class OpinionForm(forms.Form):
    sat_on = forms.DateField(
        label=_("Date of the sitting"),
        widget=DateInput(),
        error_messages={"required": _("Give the date of the sitting.")},
    )
    place = forms.CharField(label=_("Place of the sitting"), max_length=300, required=False)
    present = IdMultipleChoiceField(
        label=_("Members present"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    text = forms.CharField(
        label=_("Opinion of the commission"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the commission recommends to the Mayor; the ranking and the proposed amounts are attached."),
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        field.queryset = members  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: f"{m.full_name} ({m.get_role_display()})"  # type: ignore[attr-defined]
