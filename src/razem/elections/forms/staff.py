"""Office forms of elections: the election itself, lists of candidates, the filter of the electorate (a
``core.lists.FilterForm``), a paper ballot, the decision by lot and the seating of the elected in a term.

The forms only parse what was typed; the rules live in ``elections.services`` (and ``bodies.services``) and come
back as ``ValidationError`` dicts shown next to the fields (``core.forms.add_service_error``).
"""

from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.forms.models import fields_for_model, model_to_dict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.bodies.forms.staff import TermChoiceField
from razem.bodies.models import Body, Term
from razem.core.forms import SMALL_MAX, AddressField, DateInput, DateTimeInput, IdChoiceField, IdMultipleChoiceField
from razem.core.lists import FilterForm
from razem.core.models import PublicBenefitArea
from razem.elections.models import Candidacy, Election
from razem.elections.selectors import voters_filtered
from razem.elections.services import ELECTION_FIELDS
from razem.events.models import Meeting
from razem.organizations.models import Organization

DATETIME_FIELDS = (
    "nominations_open", "nominations_close", "support_close", "verification_close", "voting_open", "voting_close",
)  # fmt: skip
HELP_TEXTS: dict[str, Any] = {
    "slug": _("Part of the page address, e.g. wybory-krdpp-2028: small letters, digits and hyphens."),
    "nominations_open": _("Date and time, Polish time."),
}


class ElectionForm(forms.Form):
    """The election as the office prepares it: the body (only when it is new), ``services.ELECTION_FIELDS`` and
    the public-benefit areas of the electorate."""

    def __init__(self, data: Any = None, *, election: Election | None = None) -> None:
        initial: dict[str, Any] = {}
        if election is not None:
            initial = model_to_dict(election, fields=ELECTION_FIELDS)
            initial["areas"] = [area.pk for area in election.areas.all()]
        super().__init__(data, initial=initial)
        self.election = election
        if election is None:
            self.fields["body"] = IdChoiceField(
                label=_("Body"),
                queryset=Body.objects.filter(is_active=True).order_by("name"),
                help_text=_("The dialogue body whose members are elected."),
            )
        widgets: dict[str, Any] = {name: DateTimeInput() for name in DATETIME_FIELDS}
        widgets.update(
            registered_before=DateInput(),
            results_due=DateInput(),
            description=forms.Textarea(attrs={"rows": 5}),
        )
        self.fields.update(
            fields_for_model(
                Election,
                fields=ELECTION_FIELDS,
                widgets=widgets,
                help_texts=HELP_TEXTS,
                field_classes={"slug": AddressField},
            )
        )
        debate = cast(forms.ModelChoiceField, self.fields["debate"])
        # Only a debate still to come can be chosen (published, not over); the one already chosen stays offered.
        debate.queryset = (
            Meeting.objects.organized_by_the_city()
            .choosable(upcoming=True, keep=election.debate_id if election else None)
            .order_by("starts_at")
        )
        previous = cast(forms.ModelChoiceField, self.fields["previous"])
        previous.queryset = Election.objects.exclude(pk=election.pk) if election else Election.objects.all()
        # Which registration date the cut-off reads; an older form (or a client) that leaves it out keeps Razem's.
        registration_date = cast(forms.TypedChoiceField, self.fields["registration_date"])
        registration_date.required = False
        registration_date.widget = forms.RadioSelect(choices=Election.RegistrationDate.choices)
        registration_date.choices = Election.RegistrationDate.choices
        if election is None:
            registration_date.initial = Election.RegistrationDate.RAZEM
        for name in ("seats", "max_marks", "support_needed", "max_supports_per_organization"):
            self.fields[name].widget.attrs.update(inputmode="numeric")
        self.fields["areas"] = IdMultipleChoiceField(
            label=_("Public-benefit areas of the electorate"),
            queryset=PublicBenefitArea.objects.valid_on(timezone.localdate()),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Leave empty for every area."),
        )
        if election is not None and election.electorate_frozen_at:
            for field in self.fields.values():
                field.disabled = True

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in ELECTION_FIELDS}
        data["registration_date"] = data.get("registration_date") or Election.RegistrationDate.RAZEM
        return data

    def areas(self) -> list[PublicBenefitArea]:
        return list(self.cleaned_data.get("areas") or [])


class CandidateListForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("E.g. “Social assistance”."))
    max_marks = forms.IntegerField(
        label=_("Most marks on this list"),
        min_value=1,
        max_value=SMALL_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    position = forms.IntegerField(
        label=_("Order"),
        min_value=0,
        max_value=SMALL_MAX,
        initial=0,
        help_text=_("Lists are shown on the ballot in this order."),
    )


class VoterFilterForm(FilterForm):
    q = forms.CharField(label=_("Organization name contains"), required=False, max_length=100)
    voted = forms.ChoiceField(
        label=_("Voted"),
        required=False,
        choices=[("", _("Any")), ("yes", _("Voted")), ("no", _("Not yet voted"))],
    )

    def apply(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return voters_filtered(queryset, query=self.cleaned_data["q"].strip(), voted=self.cleaned_data["voted"])


class OrganizationField(forms.CharField):
    """An organization by its KRS number or its exact name (a select of thousands would be unusable)."""

    def clean(self, value: Any) -> Organization | None:
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        digits = "".join(ch for ch in text if ch.isdigit())
        if digits and len(digits) == len(text.replace(" ", "")):
            found = list(Organization.objects.filter(krs=digits.zfill(10))[:2])
        else:
            found = list(Organization.objects.filter(Q(name__iexact=text) | Q(short_name__iexact=text))[:2])
        if not found:
            raise forms.ValidationError(
                _("No organization has this KRS number or name. Find it with the search above the form."),
                code="unknown",
            )
        if len(found) > 1:
            raise forms.ValidationError(
                _("More than one organization has this name: type its KRS number."), code="ambiguous"
            )
        return found[0]


class CandidacyChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        number = f"{obj.ballot_number}. " if obj.ballot_number else ""
        return f"{number}{obj.person.full_name} ({obj.organization.name})"


class PaperBallotForm(forms.Form):
    organization = OrganizationField(
        label=_("Organization that voted on paper"),
        max_length=300,
        help_text=_("Its KRS number or its full name, as on the envelope."),
    )
    choices = CandidacyChoiceField(
        label=_("Candidates marked on the paper ballot"),
        queryset=Candidacy.objects.none(),
        required=False,  # an empty ballot is recorded as invalid by the service
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Mark exactly what the ballot marks. A ballot with more marks than allowed, or with none, is recorded "
            "as invalid."
        ),
    )

    def __init__(self, data: Any = None, *, candidates: Any, initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial=initial)
        cast(forms.ModelMultipleChoiceField, self.fields["choices"]).queryset = candidates


class TieForm(forms.Form):
    winners = CandidacyChoiceField(
        label=_("Candidates the lot chose"),
        queryset=Candidacy.objects.none(),
        required=False,  # the service says how many to choose
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("How the lot was drawn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("When and where, how, and who witnessed it. It is published with the results."),
    )

    def __init__(self, data: Any = None, *, tied: Any) -> None:
        super().__init__(data)
        cast(forms.ModelMultipleChoiceField, self.fields["winners"]).queryset = tied


class SeatTermForm(forms.Form):
    """The term of the body the elected join."""

    term = TermChoiceField(label=_("Term"), queryset=Term.objects.none())

    def __init__(self, data: Any = None, *, body: Body, initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial=initial)
        cast(forms.ModelChoiceField, self.fields["term"]).queryset = body.terms.order_by("-starts_on")
