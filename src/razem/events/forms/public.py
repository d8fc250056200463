"""Forms of the public calendar: the filters, registration with the organizer's questions, an NGO's event."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.core.forms import DateTimeInput, IdChoiceField, IdField, IdMultipleChoiceField
from razem.core.models import District, PublicBenefitArea, Venue
from razem.core.reference import area_choices, district_choices
from razem.events.models import Meeting, MeetingQuestion
from razem.events.selectors import CalendarFilters
from razem.events.services.ngo_events import EVENT_FIELDS
from razem.organizations.models import Organization

# The query-string keys of the calendar filters (Polish, like the paths), shared by the list, month and feed.
FILTER_KEYS = ("q", "rodzaj", "dzielnica", "obszar", "organizator", "organizacja")


class CalendarFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200, help_text=_("A word from the title."))
    rodzaj = forms.ChoiceField(label=_("Kind of meeting"), required=False)
    # Plain choices from the reference cache: this form is on every calendar request.
    dzielnica = forms.TypedChoiceField(label=_("District"), required=False, coerce=int, empty_value=None)
    obszar = forms.TypedChoiceField(label=_("Public-benefit area"), required=False, coerce=int, empty_value=None)
    organizator = forms.ChoiceField(label=_("Organizer"), required=False)
    organizacja = IdField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["rodzaj"].choices = [("", _("Any")), *Meeting.Kind.choices]
        fields["organizator"].choices = [
            ("", _("Any")),
            (Meeting.Organizer.CITY, _("The city office")),
            (Meeting.Organizer.BODY, _("Dialogue bodies")),
            (Meeting.Organizer.ORGANIZATION, _("Organizations (NGO events)")),
        ]
        # Callables: the lists are read only when the form is shown or a value is checked.
        fields["dzielnica"].choices = lambda: [("", _("Any")), *district_choices()]
        fields["obszar"].choices = lambda: [("", _("Any")), *area_choices()]

    def filters(self) -> CalendarFilters:
        if not self.is_valid():
            return CalendarFilters()
        d = self.cleaned_data
        # The selector filters by foreign key; an unsaved instance with the chosen primary key saves a query.
        return CalendarFilters(
            kind=d.get("rodzaj") or "",
            district=District(pk=d["dzielnica"]) if d.get("dzielnica") else None,
            area=PublicBenefitArea(pk=d["obszar"]) if d.get("obszar") else None,
            organizer=d.get("organizator") or "",
            organization_id=d.get("organizacja") or None,
            query=(d.get("q") or "").strip(),
        )

    def query_string(self) -> str:
        """The filters as typed, for links to the other views of the calendar (without the page number)."""
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        for key in FILTER_KEYS:
            value = self.data.get(key, "") if self.is_bound else ""
            if value:
                query[key] = value
        return query.urlencode()

    def is_filtered(self) -> bool:
        return bool(self.query_string())


def question_field_name(question: MeetingQuestion) -> str:
    return f"q_{question.pk}"


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class RegistrationForm(forms.Form):
    """The organizer's questions (``q_<id>``) and, for members of organizations, "on behalf of"."""

    organization = IdChoiceField(
        label=_("On behalf of"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Myself"),
        help_text=_("Register as a representative of an organization you are a member of, or just yourself."),
    )

    def __init__(self, *args: Any, meeting: Meeting, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.questions = list(meeting.questions.all())
        organizations = Organization.objects.none()
        # A POST without the field comes from a form that did not show it (the person is a member of no organization):
        # no query to find out again.
        if user.is_authenticated and not (self.is_bound and "organization" not in self.data):
            organizations = Organization.objects.filter(memberships__user=user, memberships__status="active")
        if organizations.exists():
            field: Any = self.fields["organization"]
            field.queryset = organizations.order_by("name")
        else:
            del self.fields["organization"]
        for question in self.questions:
            self.fields[question_field_name(question)] = self._field(question)

    @staticmethod
    def _field(question: MeetingQuestion) -> forms.Field:
        common: dict[str, Any] = {
            "label": question.label,
            "required": question.required,
            "help_text": question.help_text,
        }
        options = [(option, option) for option in question.option_list]
        kind = question.kind
        if kind == MeetingQuestion.Kind.LONG_TEXT:
            return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common)
        if kind == MeetingQuestion.Kind.CHOICE:
            return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
        if kind == MeetingQuestion.Kind.MULTIPLE:
            return forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple, **common)
        if kind == MeetingQuestion.Kind.YES_NO:
            return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
        return forms.CharField(max_length=300, **common)

    def answers(self) -> dict[str, Any]:
        """The answers as ``clean_answers`` expects them: keyed by the question's id."""
        answers: dict[str, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question))
            if question.kind == MeetingQuestion.Kind.MULTIPLE:
                answers[str(question.pk)] = list(value or [])
            elif value not in (None, ""):
                answers[str(question.pk)] = value
        return answers

    def add_service_error(self, error: ValidationError) -> None:
        """The service's errors keyed by question id go next to the ``q_<id>`` fields; others where they fit."""
        if hasattr(error, "error_dict"):
            for key, errors in error.error_dict.items():
                name = f"q_{key}" if f"q_{key}" in self.fields else key
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)


class EventForm(forms.Form):
    """An NGO's event as its representative describes it; the service checks the rules that join fields."""

    organization = forms.TypedChoiceField(label=_("Organization"), coerce=int)
    areas = IdMultipleChoiceField(
        label=_("Public-benefit areas"),
        queryset=PublicBenefitArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["organization"].choices = [(o.pk, o.name) for o in organizations]
        # Any number is accepted here: the service says, in words, when the person does not act for it.
        fields["organization"].valid_value = lambda value: True
        if len(organizations) == 1:
            fields["organization"].widget = forms.HiddenInput()
        areas = fields.pop("areas")
        for name in EVENT_FIELDS:
            model_field = Meeting._meta.get_field(name)
            if not isinstance(model_field, models.Field):  # EVENT_FIELDS are the meeting's own fields
                raise TypeError(f"Meeting.{name} is a reverse relation, not a field")
            fields[name] = model_field.formfield()
        fields["areas"] = areas
        fields["areas"].queryset = PublicBenefitArea.objects.valid_on(timezone.localdate())
        fields["kind"].choices = [(k, label) for k, label in Meeting.Kind.choices if k != Meeting.Kind.SITTING]
        fields["place_kind"].widget = forms.RadioSelect(choices=fields["place_kind"].choices)
        fields["place_kind"].choices = Meeting.Place.choices
        fields["venue"].queryset = Venue.objects.filter(is_active=True).order_by("name")
        fields["venue"].empty_label = _("Another place (type the address below)")
        fields["venue"].help_text = _("One of the city's venues, or leave empty and type the address.")
        fields["district"].queryset = District.objects.order_by("number")
        fields["district"].empty_label = _("Not applicable")
        for name in ("starts_at", "ends_at"):
            fields[name] = forms.DateTimeField(
                label=fields[name].label,
                widget=DateTimeInput(),
                help_text=_("Local time in Kraków, e.g. 14.12.2026 18:00."),
            )
        fields["online_url"].help_text = _("For an online or hybrid event: the link to join it.")
        fields["description"].widget = forms.Textarea(attrs={"rows": 6})
        fields["contact_email"].widget.attrs["autocomplete"] = "email"

    def data_for_service(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in EVENT_FIELDS if name in self.cleaned_data}
        if data.get("district") is None:
            # Left empty: the service then takes the venue's district (it does so only when "district" is absent),
            # so that the event is found by the calendar's district filter.
            data.pop("district", None)
        return data

    @staticmethod
    def initial_from(meeting: Meeting) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(meeting, name) for name in EVENT_FIELDS}
        for name in ("starts_at", "ends_at"):
            initial[name] = timezone.localtime(initial[name])
        initial["organization"] = meeting.organization_id
        initial["areas"] = list(meeting.areas.all())
        return initial


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the event cancelled?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The calendar shows it next to the event."),
    )

    def __init__(self, *args: Any, needs_reason: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if needs_reason:
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]
