"""Office forms of the meetings module: the meeting itself, its questions, invitations, documents, check-in,
cancelling and copying (NGO events are decided with ``core.forms.DecisionForm``).

The forms only parse what was typed; the rules a meeting must satisfy live in ``services.meetings`` and come back
as ``ValidationError`` dicts shown next to the fields (``core.forms.add_service_error``).
"""

import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import fields_for_model, model_to_dict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.bodies.models import Body
from razem.core.files import validate_document
from razem.core.forms import DateTimeInput, IdChoiceField, IdMultipleChoiceField
from razem.core.lists import FilterForm
from razem.core.models import District, PublicBenefitArea, Room, Venue
from razem.core.schedule import when
from razem.events.models import Meeting, MeetingDocument, MeetingQuestion, Registration, normalize_code
from razem.events.selectors import StaffFilters, filter_meetings_for_staff, search_registrations
from razem.events.services.meetings import MEETING_FIELDS

# The office organizes as the city or as a dialogue body; NGO events arrive through their own form and queue.
OFFICE_FIELDS = [name for name in MEETING_FIELDS if name != "organization"]
DATETIME_FIELDS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


class StaffFilterForm(FilterForm):
    """The office's list of meetings, narrowed (``razem.core.lists``); by default the upcoming ones."""

    q = forms.CharField(label=_("Title contains"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any")), *Meeting.Status.choices])
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any")), *Meeting.Kind.choices])
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("upcoming", _("Upcoming and in progress")), ("past", _("Past")), ("all", _("All"))],
    )

    def filters(self) -> StaffFilters:
        if not self.is_valid():
            return StaffFilters()
        data = self.cleaned_data
        return StaffFilters(
            status=data["status"], kind=data["kind"], when=data["when"] or "upcoming", query=data["q"].strip()
        )

    def apply(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return filter_meetings_for_staff(queryset, filters=self.filters())


class RoomChoiceField(IdChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.venue.name}, {obj.capacity} {_('seats')})"


class MeetingForm(forms.Form):
    """The meeting as the office edits it: ``MEETING_FIELDS`` without the organization, and the areas."""

    HELP_TEXTS = {
        "capacity": _("Leave empty when there is no limit. Reserved seats are part of this number."),
        "reserved_seats": _(
            "Seats kept for invited guests (see Invitations); everyone else can take only the other seats."
        ),
        "online_url": _("Shown only to people who are registered (and to the office)."),
        "starts_at": _("Local time in Kraków."),
        "registration_opens_at": _("Leave empty to open registration as soon as the meeting is published."),
        "registration_closes_at": _("Leave empty to close registration when the meeting starts."),
        "district": _("Leave empty to use the venue's district."),
        "address": _("When the place is not one of the venues listed."),
        "waiting_list_enabled": _("When all seats are taken, people can join a waiting list and move up in order."),
        "visibility": _("Invited guests only: the meeting is visible to the people on the Invitations page."),
    }

    def __init__(self, data: Any = None, *, meeting: Meeting | None = None, initial: dict[str, Any] | None = None):
        self.saved_start = meeting.starts_at if meeting is not None else None
        values: dict[str, Any] = {}
        if meeting is not None:
            values = model_to_dict(meeting, fields=OFFICE_FIELDS)
            values["areas"] = [area.pk for area in meeting.areas.all()]
            for name in DATETIME_FIELDS:
                if values.get(name):
                    values[name] = timezone.localtime(values[name])
        values.update(initial or {})
        super().__init__(data, initial=values)
        widgets: dict[str, Any] = {name: DateTimeInput() for name in DATETIME_FIELDS}
        widgets.update(
            summary=forms.TextInput(),
            description=forms.Textarea(attrs={"rows": 6}),
            agenda=forms.Textarea(attrs={"rows": 4}),
            capacity=forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
            reserved_seats=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
        )
        self.fields.update(
            fields_for_model(
                Meeting,
                fields=OFFICE_FIELDS,
                widgets=widgets,
                help_texts=self.HELP_TEXTS,  # type: ignore[arg-type]
            )
        )
        organizer = cast(forms.ChoiceField, self.fields["organizer_kind"])
        organizer.choices = [
            (value, label) for value, label in Meeting.Organizer.choices if value != Meeting.Organizer.ORGANIZATION
        ]
        cast(forms.ModelChoiceField, self.fields["venue"]).queryset = Venue.objects.filter(is_active=True)
        self.fields["room"] = RoomChoiceField(
            label=_("Room"),
            queryset=Room.objects.select_related("venue").filter(venue__is_active=True),
            required=False,
            help_text=_("Optional; the room must be in the venue chosen."),
        )
        body = cast(forms.ModelChoiceField, self.fields["body"])
        body.queryset = Body.objects.filter(is_active=True)
        body.help_text = _("Needed when a body organizes the meeting, or when it is for the body's members only.")
        cast(forms.ModelChoiceField, self.fields["district"]).queryset = District.objects.all()
        reserved = self.fields["reserved_seats"]
        reserved.required = False
        self.fields["areas"] = IdMultipleChoiceField(
            label=_("Public-benefit areas"),
            queryset=PublicBenefitArea.objects.valid_on(timezone.localdate()),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        # A start in the past is most often a typo (a wrong year or month): the first save asks, with this box shown
        # under the start; ticked, the second save goes through. Hidden until then.
        self.fields["confirm_past_start"] = forms.BooleanField(
            label=_("Yes, the meeting has already taken place: save it with a start in the past"),
            required=False,
            widget=forms.HiddenInput,
        )
        # The room goes right after the venue, as it reads on the page; the confirmation right after the start.
        order = list(self.fields)
        order.remove("room")
        order.insert(order.index("venue") + 1, "room")
        order.remove("confirm_past_start")
        order.insert(order.index("starts_at") + 1, "confirm_past_start")
        self.order_fields(order)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_at = data.get("starts_at")
        # The field holds minutes: a saved start with seconds is unchanged when the minute is.
        unchanged = self.saved_start is not None and starts_at == self.saved_start.replace(second=0, microsecond=0)
        if starts_at is None or unchanged or starts_at >= timezone.now():
            return data
        confirm = self.fields["confirm_past_start"]
        confirm.widget = forms.CheckboxInput()
        if not data.get("confirm_past_start"):
            self.add_error(
                "confirm_past_start",
                ValidationError(
                    _(
                        "The start, %(when)s, is in the past. Check the date; if the meeting has already taken "
                        "place, tick this box and save again."
                    )
                    % {"when": when(starts_at)},
                    code="past_start",
                ),
            )
        return data

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in OFFICE_FIELDS}
        data["reserved_seats"] = data.get("reserved_seats") or 0
        for name in ("address", "online_url", "summary", "description", "agenda", "external_url", "contact_email"):
            data[name] = data.get(name) or ""
        if data.get("district") is None:
            del data["district"]  # the service takes the venue's district
        return data

    def areas(self) -> list[PublicBenefitArea]:
        return list(self.cleaned_data.get("areas") or [])


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Everyone registered receives it by e-mail, and the public page shows it."),
    )


class CopyForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("New start"),
        widget=DateTimeInput(),
        help_text=_("Local time in Kraków. The end and the registration window move by the same amount."),
    )


class QuestionForm(forms.ModelForm):
    class Meta:
        model = MeetingQuestion
        fields = ["label", "help_text", "kind", "options", "required", "position"]
        widgets = {"options": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "options": _("For “one of the options” and “any of the options”: one option per line."),
            "help_text": _("Shown under the question, e.g. why you ask."),
            "position": _("Questions are asked in this order."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False

    def _post_clean(self) -> None:
        """The service validates and saves; the form only parses (its instance is not touched)."""

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data.get("position") is None:
            data.pop("position", None)
        return data


class InvitationsForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line, or separated by commas. Only people with an account in Razem can be invited."),
    )

    def clean_emails(self) -> list[str]:
        parts = [part.strip() for part in re.split(r"[\s,;]+", self.cleaned_data["emails"]) if part.strip()]
        invalid = [part for part in parts if "@" not in part]
        if invalid:
            raise ValidationError(
                _("These are not e-mail addresses: %(list)s.") % {"list": ", ".join(invalid)}, code="invalid"
            )
        if not parts:
            raise ValidationError(_("Type at least one e-mail address."), code="required")
        return parts


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("As people will see it in the list."))
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingDocument.Kind.choices)
    audience = forms.ChoiceField(label=_("Who can read it"), choices=MeetingDocument.Audience.choices)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, DOCX, ODT, XLSX, ODS, PPTX, ODP, PNG, JPG or TXT, at most 20 MB.")
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        validate_document(upload)
        return upload


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("Type the code from the confirmation, or scan its QR code, and press Enter."),
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "form-control-lg",
            }
        ),
    )
    # The code the early check-in was confirmed for (the confirmation button sends it): a confirmation given for
    # one person does not check in the next code scanned.
    confirm_early = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    late_correction = forms.BooleanField(
        label=_("Late correction after the meeting"),
        required=False,
        help_text=_("The person was present; the check-in is recorded now, marked as a correction."),
    )

    def early_confirmed(self) -> bool:
        confirmed = normalize_code(self.cleaned_data.get("confirm_early") or "")
        return bool(confirmed) and confirmed == normalize_code(self.cleaned_data.get("code") or "")


class RegistrationFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=100, help_text=_("Name, e-mail, organization or code.")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *Registration.Status.choices]
    )

    def apply(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        data = self.cleaned_data
        return search_registrations(queryset, query=data["q"].strip(), status=data["status"])
