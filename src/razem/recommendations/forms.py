"""Forms of the recommendations tracker: the filters (public tracker and office list), recording a recommendation
or a sub-recommendation, correcting it, and the steps of its path (status, progress, note).

The forms only parse what was typed; the rules (which status may follow which, when an answer is needed, when
progress may be recorded) live in ``services`` and come back as ``ValidationError`` dicts shown next to the fields
(``core.forms.add_service_error``).
"""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.forms.models import fields_for_model, model_to_dict
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.bodies.models import Body
from razem.core.forms import DateInput
from razem.core.lists import FilterForm
from razem.events.models import Meeting
from razem.recommendations import selectors
from razem.recommendations.models import Recommendation
from razem.recommendations.selectors import TrackerFilters
from razem.recommendations.services import NEEDS_ANSWER, PATH

S = Recommendation.Status

# The query-string keys of the tracker filters (Polish, like the paths), shared by the list, the CSV and the panel.
FILTER_KEYS = ("q", "cialo", "obszar", "wydzial", "status", "rok")

CREATE_FIELDS = (
    "title", "text", "justification", "source_kind", "body", "meeting", "source_note", "policy_area", "department",
    "department_email", "due_on", "submitted_on",
)  # fmt: skip
CHILD_FIELDS = ("title", "text", "justification", "department", "department_email", "due_on", "submitted_on")
EDIT_FIELDS = (
    "title", "text", "justification", "policy_area", "source_note", "department", "department_email", "due_on",
)  # fmt: skip
DATE_FIELDS = ("due_on", "submitted_on")


class TrackerFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, help_text=_("A word from the title or text.")
    )
    cialo = forms.TypedChoiceField(label=_("Source body"), required=False, coerce=int, empty_value=None)
    obszar = forms.ChoiceField(label=_("Policy area"), required=False)
    wydzial = forms.ChoiceField(label=_("Department"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    rok = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        any_ = ("", _("Any"))
        fields["obszar"].choices = [any_, *Recommendation.PolicyArea.choices]
        fields["status"].choices = [any_, *S.choices]
        # Callables: the lists are read once, when the form is validated or shown.
        fields["cialo"].choices = lambda: [any_, *((b.pk, str(b)) for b in selectors.source_bodies(user=user))]
        fields["wydzial"].choices = lambda: [any_, *((d, d) for d in selectors.departments_for(user=user))]
        fields["rok"].choices = lambda: [any_, *((y, str(y)) for y in selectors.years_for(user=user))]

    def filters(self) -> TrackerFilters:
        if not self.is_valid():
            return TrackerFilters()
        d = self.cleaned_data
        return TrackerFilters(
            body_id=d.get("cialo") or None,
            policy_area=d.get("obszar") or "",
            department=d.get("wydzial") or "",
            status=d.get("status") or "",
            year=d.get("rok") or None,
            query=(d.get("q") or "").strip(),
        )

    def query_string(self) -> str:
        """The filters as typed (without the page number), for the CSV link and the pages."""
        query = QueryDict(mutable=True)
        for key in FILTER_KEYS:
            value = self.data.get(key, "") if self.is_bound else ""
            if value:
                query[key] = value
        return query.urlencode()

    def is_filtered(self) -> bool:
        return bool(self.query_string())


class StaffFilterForm(TrackerFilterForm, FilterForm):
    """The tracker's filters on the office's list (``razem.core.lists.staff_list``)."""

    def apply(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return selectors.tracker_filtered(queryset, self.filters())


def _model_fields(names: tuple[str, ...]) -> dict[str, forms.Field]:
    fields = cast(dict[str, forms.Field], fields_for_model(Recommendation, fields=names))
    for name in DATE_FIELDS:
        if name in fields:
            fields[name].widget = DateInput()
    for name in ("text", "justification"):
        if name in fields:
            fields[name].widget = forms.Textarea(attrs={"rows": 5 if name == "text" else 3})
    return fields


class _ServiceForm(forms.Form):
    field_names: tuple[str, ...] = ()

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.field_names if name in self.cleaned_data}


class RecommendationForm(_ServiceForm):
    """A new recommendation: its texts, where it comes from, what it is about and whom it is addressed to."""

    field_names = CREATE_FIELDS

    def __init__(self, data: Any = None, *, bodies: Any, initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial={"submitted_on": timezone.localdate(), **(initial or {})})
        self.fields.update(_model_fields(CREATE_FIELDS))
        body = cast(forms.ModelChoiceField, self.fields["body"])
        body.queryset = bodies
        # The service says when a body is needed (the source is a body): its message shows next to this field.
        body.required = False
        body.help_text = _("Required when the source is a dialogue body or forum.")
        meeting = cast(forms.ModelChoiceField, self.fields["meeting"])
        meeting.queryset = Meeting.objects.organized_by_the_city().choosable().order_by("-starts_at")
        meeting.label_from_instance = lambda m: f"{timezone.localtime(m.starts_at):%Y-%m-%d} {m.title}"  # type: ignore[method-assign,assignment]
        meeting.help_text = _("Required when the source is a meeting: meetings of the office and the dialogue bodies.")
        self.fields["department_email"].help_text = _("Reminders of due dates go to this address.")


class ChildForm(_ServiceForm):
    """A sub-recommendation: the source and the policy area are its parent's."""

    field_names = CHILD_FIELDS

    def __init__(self, data: Any = None, *, parent: Recommendation) -> None:
        initial = {
            "submitted_on": timezone.localdate(),
            "department": parent.department,
            "department_email": parent.department_email,
        }
        super().__init__(data, initial=initial)
        self.fields.update(_model_fields(CHILD_FIELDS))


class EditForm(_ServiceForm):
    """Correcting the texts, the addressee and the due date."""

    field_names = EDIT_FIELDS

    def __init__(self, data: Any = None, *, recommendation: Recommendation) -> None:
        super().__init__(data, initial=model_to_dict(recommendation, fields=EDIT_FIELDS), prefix="edit")
        self.fields.update(_model_fields(EDIT_FIELDS))


class StatusForm(forms.Form):
    """The next step of the path (``services.PATH``). Only the statuses that may follow are offered; the service
    checks it again."""

    status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    response = forms.CharField(
        label=_("The department's answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to accept, partly accept or reject: it is published with the decision."),
    )
    note = forms.CharField(
        label=_("Note for the timeline"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    date = forms.DateField(label=_("Date"), widget=DateInput(), help_text=_("When it happened (the answer's date)."))
    due_on = forms.DateField(
        label=_("Next step due"), required=False, widget=DateInput(), help_text=_("Leave empty to keep the date.")
    )

    def __init__(self, data: Any = None, *, recommendation: Recommendation, user: Any = None) -> None:
        super().__init__(data, initial={"date": timezone.localdate()}, prefix="status")
        field = cast(forms.ChoiceField, self.fields["status"])
        # The steps of the path the person may take now (all the next ones when no person is given).
        steps = PATH.available(recommendation, user) if user is not None else PATH.from_state(recommendation.status)
        allowed = {t.target for t in steps}
        # Any status passes the form, so that a skip is refused by the service with its explanation.
        field.choices = S.choices
        field.widget.choices = [(value, label) for value, label in S.choices if value in allowed]  # type: ignore[attr-defined]
        self.needs_answer = [str(S(s).label) for s in sorted(allowed & NEEDS_ANSWER)]

    @property
    def has_choices(self) -> bool:
        return bool(self.fields["status"].widget.choices)  # type: ignore[attr-defined]


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100, help_text=_("From 0 to 100."))
    note = forms.CharField(
        label=_("What has been done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("It goes on the public timeline."),
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, data: Any = None, *, recommendation: Recommendation) -> None:
        super().__init__(
            data, initial={"date": timezone.localdate(), "progress": recommendation.progress}, prefix="progress"
        )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("It goes on the public timeline."),
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, data: Any = None) -> None:
        super().__init__(data, initial={"date": timezone.localdate()}, prefix="note")


def active_bodies() -> Any:
    return Body.objects.filter(is_active=True).order_by("name")
