"""Office forms of the dialogue bodies: the body, its terms, members, acts, opinion requests and workspace posts
(decisions on applications use ``core.forms.DecisionForm``).

The forms only parse what was typed; the rules live in ``bodies.services`` and come back as ``ValidationError``
dicts shown next to the fields (``core.forms.add_service_error``).
"""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model, model_to_dict
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from razem.accounts.models import User
from razem.bodies import services
from razem.bodies.models import Act, Body, BodyMembership, OpinionRequest, Post, Term
from razem.bodies.services import BODY_FIELDS
from razem.core.deadlines import deadline
from razem.core.files import validate_document
from razem.core.forms import INTEGER_MAX, SMALL_MAX, AddressField, DateInput, IdChoiceField, IdMultipleChoiceField
from razem.core.lists import FilterForm
from razem.core.models import PublicBenefitArea

DOCUMENT_HELP = _("Optional. PDF, DOCX, ODT, XLSX, ODS, PPTX, ODP, PNG, JPG or TXT, at most 20 MB.")


def _optional_document(upload: Any) -> Any:
    if upload:
        validate_document(upload)
    return upload or None


class BodyForm(forms.Form):
    """The body as the office edits it: ``services.BODY_FIELDS`` and the public-benefit areas."""

    def __init__(self, data: Any = None, files: Any = None, *, body: Body | None = None) -> None:
        initial: dict[str, Any] = {}
        if body is not None:
            initial = model_to_dict(body, fields=BODY_FIELDS)
            initial["areas"] = [area.pk for area in body.areas.all()]
        super().__init__(data, files, initial=initial)
        self.fields.update(
            fields_for_model(
                Body,
                fields=BODY_FIELDS,
                widgets={
                    "description": forms.Textarea(attrs={"rows": 5}),
                    "legal_basis": forms.Textarea(attrs={"rows": 3}),
                },
                help_texts={"slug": _("Part of the page address, e.g. krdpp: small letters, digits and hyphens.")},  # type: ignore[dict-item]
                field_classes={"slug": AddressField},
            )
        )
        parent = cast(forms.ModelChoiceField, self.fields["parent"])
        parent.queryset = Body.objects.exclude(pk=body.pk) if body is not None else Body.objects.all()
        self.fields["seats"].widget.attrs.update(min=1, inputmode="numeric")
        self.fields["regulations"] = forms.FileField(
            label=_("Regulations (document)"),
            required=False,
            help_text=_("PDF or an office document; a new file replaces the current one."),
        )
        self.fields["areas"] = IdMultipleChoiceField(
            label=_("Public-benefit areas"),
            queryset=PublicBenefitArea.objects.valid_on(timezone.localdate()),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    def clean_regulations(self) -> Any:
        upload = self.cleaned_data.get("regulations")
        if upload:
            validate_document(upload)
        return upload

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in BODY_FIELDS}

    def areas(self) -> list[PublicBenefitArea]:
        return list(self.cleaned_data.get("areas") or [])


class BodyStaffFilterForm(FilterForm):
    """The office's list of bodies narrowed by kind and by whether a body is active."""

    rodzaj = forms.ChoiceField(label=_("Kind of body"), required=False)
    stan = forms.ChoiceField(label=_("Active"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rodzaj"]).choices = [("", _("Any")), *Body.Kind.choices]
        cast(forms.ChoiceField, self.fields["stan"]).choices = [
            ("", _("Any")),
            ("tak", _("active")),
            ("nie", _("inactive")),
        ]

    def apply(self, queryset: Any) -> Any:
        data = self.cleaned_data
        if data.get("rodzaj"):
            queryset = queryset.filter(kind=data["rodzaj"])
        if data.get("stan"):
            queryset = queryset.filter(is_active=data["stan"] == "tak")
        return queryset


class TermForm(forms.Form):
    number = forms.IntegerField(
        label=_("Number"), min_value=1, max_value=SMALL_MAX, help_text=_("E.g. 6 for the VI term.")
    )
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("E.g. “VI kadencja 2025–2028”."))
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Ends"), widget=DateInput(), required=False, help_text=_("Leave empty when the end is not known yet.")
    )

    def __init__(self, data: Any = None, *, term: Term | None = None) -> None:
        initial = model_to_dict(term, fields=["number", "name", "starts_on", "ends_on"]) if term else None
        super().__init__(data, initial=initial)
        if term is not None:
            self.fields["number"].disabled = True
            self.fields["number"].help_text = _("The number of a term does not change.")


class PersonByEmailField(forms.EmailField):
    """A person chosen by the e-mail address of their account in Razem."""

    def clean(self, value: Any) -> User | None:
        email = super().clean(value)
        if not email:
            return None
        person = User.objects.filter(email__iexact=email).first()
        if person is None:
            raise ValidationError(
                _("There is no account with this address. The person must first sign up in Razem."), code="no_account"
            )
        return person


class SeatChoiceField(IdChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.person.full_name} ({obj.get_position_display()}, {obj.represents})"


class TermChoiceField(IdChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        end = formats.date_format(obj.ends_on, "SHORT_DATE_FORMAT") if obj.ends_on else "…"
        return f"{obj.name} ({formats.date_format(obj.starts_on, 'SHORT_DATE_FORMAT')} – {end})"


class MembershipForm(forms.Form):
    """A seat in the body: the person by the e-mail of their account, whom they represent, position and dates."""

    term = TermChoiceField(
        label=_("Term"),
        queryset=Term.objects.none(),
        required=False,
        help_text=_("Leave empty to use the term that covers the start date."),
    )
    person = PersonByEmailField(
        label=_("E-mail address of the person"), help_text=_("The address of the person's account in Razem.")
    )
    organization: IdChoiceField = IdChoiceField(
        label=_("Organization represented"),
        queryset=None,
        required=False,
        help_text=_("A verified organization. Leave empty for members who represent an institution."),
    )
    institution = forms.CharField(
        label=_("Institution represented"),
        max_length=200,
        required=False,
        help_text=_("For members who do not represent an organization, e.g. the City Council or the city office."),
    )
    position = forms.ChoiceField(label=_("Position"), choices=BodyMembership.Position.choices)
    appointment = forms.ChoiceField(label=_("How they came"), choices=BodyMembership.Appointment.choices)
    deputy_of = SeatChoiceField(
        label=_("Deputy of"),
        queryset=BodyMembership.objects.none(),
        required=False,
        help_text=_("Only for a deputy: the member they stand in for."),
    )
    start_date = forms.DateField(label=_("From"), widget=DateInput())
    end_date = forms.DateField(
        label=_("Until"), widget=DateInput(), required=False, help_text=_("Leave empty for the rest of the term.")
    )

    def __init__(self, data: Any = None, *, body: Body, initial: dict[str, Any] | None = None) -> None:
        from razem.organizations.models import Organization

        super().__init__(data, initial=initial)
        self.body = body
        cast(forms.ModelChoiceField, self.fields["term"]).queryset = body.terms.order_by("-starts_on")
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = Organization.objects.filter(
            status=Organization.Status.VERIFIED
        ).order_by("name")
        cast(forms.ModelChoiceField, self.fields["deputy_of"]).queryset = (
            BodyMembership.objects.current()
            .filter(body=body)
            .exclude(position=BodyMembership.Position.DEPUTY)
            .select_related("person", "organization")
            .order_by("person__full_name")
        )

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["institution"] = (data.get("institution") or "").strip()
        if data.get("end_date") is None and data.get("start_date"):
            # "For the rest of the term": the service wants the end of a term that has one.
            term = data.get("term") or services.current_term(self.body, data["start_date"])
            data["end_date"] = term.ends_on if term else None
        return data


class MembershipEndForm(forms.Form):
    end_date = forms.DateField(label=_("Last day of the membership"), widget=DateInput())
    reason = forms.CharField(
        label=_("Why it ends"),
        max_length=300,
        required=False,  # the service says what a missing reason means
        help_text=_(
            "E.g. resignation, dismissal at the organization's request, three absences. It stays in the history."
        ),
    )


class MeetingChoiceField(IdChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{formats.date_format(timezone.localtime(obj.starts_at), 'SHORT_DATE_FORMAT')}: {obj.title}"


class ActForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Act.Kind.choices)
    number = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        max_value=INTEGER_MAX,
        required=False,
        help_text=_("Leave empty to give the next number of this kind in the term."),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput())
    concerns = forms.CharField(label=_("The document it concerns"), max_length=300, required=False)
    summary = forms.CharField(label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=SMALL_MAX, required=False)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, max_value=SMALL_MAX, required=False)
    votes_abstaining = forms.IntegerField(label=_("Abstaining"), min_value=0, max_value=SMALL_MAX, required=False)
    sitting = MeetingChoiceField(label=_("Sitting"), queryset=None, required=False)
    request = IdChoiceField(
        label=_("Answers the request for an opinion"),
        queryset=OpinionRequest.objects.none(),
        required=False,
        help_text=_("The request is then marked as answered."),
    )
    document = forms.FileField(label=_("Document"), required=False, help_text=DOCUMENT_HELP)

    def __init__(self, data: Any = None, files: Any = None, *, body: Body) -> None:
        super().__init__(data, files, initial={"adopted_on": timezone.localdate()})
        # A sitting is a meeting of the body: ``body.meetings`` is the reverse relation of ``events.Meeting.body``.
        # Only sittings held or to be held: not a draft, not cancelled (``events.Meeting.objects.choosable``).
        sittings = body.meetings.choosable().order_by("-starts_at")  # type: ignore[attr-defined]
        cast(forms.ModelChoiceField, self.fields["sitting"]).queryset = sittings
        cast(forms.ModelChoiceField, self.fields["request"]).queryset = body.opinion_requests.filter(
            status=OpinionRequest.Status.OPEN
        ).order_by("due_on")
        for name in ("number", "votes_for", "votes_against", "votes_abstaining"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def clean_document(self) -> Any:
        return _optional_document(self.cleaned_data.get("document"))

    def service_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in {"number", "document"}}
        for name in ("concerns", "summary"):
            data[name] = (data.get(name) or "").strip()
        return data


class OpinionRequestForm(forms.Form):
    subject = forms.CharField(label=_("What is to be opined"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    due_on = forms.DateField(label=_("Opinion due"), widget=DateInput(), required=False)
    document = forms.FileField(label=_("Document"), required=False, help_text=DOCUMENT_HELP)

    def __init__(self, data: Any = None, files: Any = None) -> None:
        today = timezone.localdate()
        super().__init__(data, files, initial={"received_on": today})
        days = deadline(services.OPINION_DAYS, today).days
        self.fields["due_on"].help_text = ngettext(
            "Leave empty for the statutory deadline: %(days)s day from receipt (art. 41i ust. 2 of the Act on "
            "Public Benefit Activity).",
            "Leave empty for the statutory deadline: %(days)s days from receipt (art. 41i ust. 2 of the Act on "
            "Public Benefit Activity).",
            days,
        ) % {"days": days}

    def clean_document(self) -> Any:
        return _optional_document(self.cleaned_data.get("document"))


class PostForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Post.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("Required for a document. PDF, DOCX, ODT, XLSX, ODS, PPTX, ODP, PNG, JPG or TXT, at most 20 MB."),
    )

    def clean_file(self) -> Any:
        return _optional_document(self.cleaned_data.get("file"))
