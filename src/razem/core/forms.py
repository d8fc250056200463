from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from razem.core.lists import FilterForm
from razem.core.selectors import logentry_list, logentry_object_types


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: next to its field when the form has that field, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class FormRenderer(TemplatesSetting):
    """Every form renders with an error summary and accessible Bootstrap fields."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class AuditFilterForm(FilterForm):
    """The filters of the audit log (``razem.core.lists.staff_list``): each one narrows ``logentry_list``."""

    person = forms.CharField(label=_("Person"), required=False, help_text=_("Name or e-mail address."))
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    object_id = forms.CharField(label=_("Object number"), required=False, max_length=64)
    action = forms.CharField(
        label=_("Action"), required=False, max_length=100, help_text=_('Beginning of the code, e.g. "accounts.user".')
    )
    date_from = forms.DateField(
        label=pgettext_lazy("start of a date range", "From"), required=False, widget=DateInput()
    )
    date_to = forms.DateField(label=pgettext_lazy("end of a date range", "To"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["object_type"]).choices = [("", _("Any")), *logentry_object_types()]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def apply(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return logentry_list(**{name: value for name, value in self.cleaned_data.items() if value})


class DateTimeInput(forms.DateTimeInput):
    """A native date-and-time picker; values are local time (Europe/Warsaw)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class DecisionForm(forms.Form):
    """The one decision form (accept or decline, with a reason): the pressed button's value is ``decision``, read
    by :meth:`accepted`; the service (the workflow) says when the reason is required. Apps pass the label and the
    help text of the reason (who reads it)."""

    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, reason_label: Any = None, reason_help: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if reason_label:
            self.fields["reason"].label = reason_label
        if reason_help:
            self.fields["reason"].help_text = reason_help

    def accepted(self, accept_values: tuple[str, ...] = ("accept", "approve")) -> bool:
        return (self.data.get("decision") or "") in accept_values


def submitted[T](
    request: HttpRequest,
    form: forms.BaseForm,
    service: Callable[[dict[str, Any]], T],
    *,
    success: str | Callable[[T], str] = "",
    saved: Any = None,
) -> T | None:
    """The write of a thin view: on a valid POST, ``service(cleaned_data)`` is called; its refusal goes on the form
    (next to the field it names), its result is returned and ``success`` (text, or made from the result) is told.
    None when nothing was written: render the form again, with everything the person typed. ``saved`` (the
    object an update service was given) is read again from the database after a refusal: the service may have set
    the typed values on it, and the page around the form shows what is saved."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = service(form.cleaned_data)
    except ValidationError as exc:
        add_service_error(form, exc)
        if saved is not None:
            saved.refresh_from_db()
        return None
    if success:
        messages.success(request, success(result) if callable(success) else success)
    return result


def decide(
    request: HttpRequest,
    form: "DecisionForm",
    decision: Callable[[bool, str], Any],
    *,
    accepted: str,
    declined: str,
) -> bool:
    """Take a posted decision: ``decision(accept, reason)`` calls the service; its refusal goes on the form, its
    success is told with ``accepted`` or ``declined``. True when the decision was taken (then redirect)."""
    accept = form.accepted()
    done = submitted(
        request, form, lambda data: decision(accept, data["reason"]) or True, success=accepted if accept else declined
    )
    return bool(done)
