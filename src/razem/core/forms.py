from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import QuerySet
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from razem.core.lists import FilterForm
from razem.core.selectors import logentry_list, logentry_object_types
from razem.core.text import slugify_pl

# The integer range of each kind of key column, the same on every database (the 64-bit range for BigAutoField).
INTEGER_RANGES: dict[str, tuple[int, int]] = BaseDatabaseOperations.integer_field_ranges
ID_MAX = INTEGER_RANGES["BigAutoField"][1]
# The largest value of a small and of a plain integer column: the ``max_value`` of a form's number fields, so that a
# typed 20-digit number is a form error, not a database error (guarded by tests/core/test_id_fields.py).
SMALL_MAX = INTEGER_RANGES["PositiveSmallIntegerField"][1]
INTEGER_MAX = INTEGER_RANGES["PositiveIntegerField"][1]


def parse_id(value: Any) -> int | None:
    """A row number typed in a query string or a form (``?organizacja=12``): a positive integer a key column can
    hold, else None. A longer number would crash a foreign-key or ``__in`` lookup on SQLite (``OverflowError``)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= ID_MAX else None


class IdField(forms.IntegerField):
    """A row number given as a plain integer (a hidden ``id`` of a formset row): positive and in the 64-bit range,
    so that the lookup it feeds never overflows."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(**kwargs)


def _key_range(model: type[models.Model], to_field_name: str | None) -> tuple[int, int] | None:
    """The range of the column a choice is looked up by (the primary key, or ``to_field_name``; through a
    one-to-one key to the column it points at); None when it is not an integer column."""
    field: Any = model._meta.get_field(to_field_name) if to_field_name else model._meta.pk
    while getattr(field, "remote_field", None) is not None and hasattr(field, "target_field"):
        field = field.target_field
    return INTEGER_RANGES.get(field.get_internal_type())


class _BoundedKeys:
    """Refuses a submitted key that is not an integer in its column's range before the database sees it."""

    queryset: Any
    to_field_name: str | None

    def _bounded(self, value: Any) -> Any:
        """The value as an int for an integer key, or as it came (an instance, or a key of another kind). Raises
        ValueError when it cannot be a key of the column."""
        if isinstance(value, models.Model):
            return value
        bounds = _key_range(self.queryset.model, self.to_field_name)
        if bounds is None:
            return value
        number = int(str(value).strip())  # ValueError for "abc", "1.5", "1e3"
        if not bounds[0] <= number <= bounds[1]:
            raise ValueError(value)
        return number


class IdChoiceField(_BoundedKeys, forms.ModelChoiceField):  # type: ignore[type-arg]
    """The one field that picks a row: a ``ModelChoiceField`` that refuses a key out of the column's range (or not
    a number) with the ordinary "not one of the available choices" error. Every form of razem uses it (the
    ``ForeignKey`` form fields too, see :func:`install_id_fields`); ``tests/core/test_id_fields.py`` checks."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        try:
            value = self._bounded(value)
        except (TypeError, ValueError):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from None
        return super().to_python(value)


class IdMultipleChoiceField(_BoundedKeys, forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """The one field that picks several rows (:class:`IdChoiceField`'s range check for each submitted key)."""

    def _check_values(self, value: Any) -> Any:
        checked = []
        for key in value:
            try:
                checked.append(self._bounded(key))
            except (TypeError, ValueError):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": key}
                ) from None
        return super()._check_values(checked)  # type: ignore[misc]


def install_id_fields() -> None:
    """Make the form field of every ``ForeignKey``/``OneToOneField`` an :class:`IdChoiceField` and of every
    ``ManyToManyField`` an :class:`IdMultipleChoiceField`, whatever builds it: a ``ModelForm``, ``fields_for_model``,
    a direct ``model_field.formfield()``, the admin. Called once by ``CoreConfig.ready()``; a caller that passes its
    own ``form_class`` keeps it (the guard test flags it unless it is one of ours)."""
    for model_field, form_class in (
        (models.ForeignKey, IdChoiceField),
        (models.ManyToManyField, IdMultipleChoiceField),
    ):
        original = model_field.formfield
        if getattr(original, "razem_id_field", False):
            continue

        def formfield(self: Any, *, _original: Any = original, _class: Any = form_class, **kwargs: Any) -> Any:
            kwargs.setdefault("form_class", _class)
            return _original(self, **kwargs)

        formfield.razem_id_field = True  # type: ignore[attr-defined]
        model_field.formfield = formfield  # type: ignore[method-assign]


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: next to its field when the form has that field, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class AddressField(forms.SlugField):
    """A page-address fragment as the office types it: Polish letters, capitals and spaces become the address
    ("Forum Łąkowe" -> "forum-lakowe", ``core.text.slugify_pl``) before the slug's own checks. Forms that build a
    ``slug`` from the model pass ``field_classes={"slug": AddressField}`` to ``fields_for_model``."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return slugify_pl(text) if text else text


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
