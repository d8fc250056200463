"""The fields the sections of the offer editor share: amounts and numbers of units typed as people write them
("1 234,50", "1234.5 zł"; ``core.money.parse_money``), refused next to the field when negative, not a number or
finer than the grosz; an optional text field; and the "Before filing: ..." note shown next to a field.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.money import parse_money
from razem.grants.services.offers.common import MAX_AMOUNT, MAX_QUANTITY


def _decimal_text(value: Decimal, places: int | None) -> str:
    text = f"{value:.{places}f}" if places is not None else format(value.normalize(), "f")
    if (translation.get_language() or "pl").startswith("pl"):
        text = text.replace(".", ",")
    return text


class AmountField(forms.Field):
    """An amount in złoty as people type it; refuses what is not a number, negative or finer than the grosz."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": gettext_lazy("Enter an amount in złoty, e.g. 1 234,50."),
        "negative": gettext_lazy("The amount cannot be negative."),
        "places": gettext_lazy("Give the amount to the grosz: at most two digits after the comma."),
        "too_large": gettext_lazy("This amount is too large."),
    }
    places: int | None = 2

    def __init__(self, *args: Any, limit: Decimal = MAX_AMOUNT, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        self.limit = limit
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        number = parse_money(value)
        if number is None or not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if number < 0:
            raise ValidationError(self.error_messages["negative"], code="negative")
        if number != number.quantize(Decimal("0.01")):
            raise ValidationError(self.error_messages["places"], code="places")
        if number > self.limit:
            raise ValidationError(self.error_messages["too_large"], code="too_large")
        return number

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return _decimal_text(value, self.places)
        return value


class QuantityField(AmountField):
    default_error_messages = {
        "invalid": gettext_lazy("Enter the number of units, e.g. 12 or 2,5."),
        "negative": gettext_lazy("The number of units cannot be negative."),
        "places": gettext_lazy("Give at most two digits after the comma."),
        "too_large": gettext_lazy("This number is too large."),
    }
    places = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, limit=MAX_QUANTITY, **kwargs)


def _text(label: Any, max_length: int | None = None, *, rows: int = 0, help_text: Any = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, max_length=max_length, required=False, widget=widget, help_text=help_text)


def _note(bound: forms.BoundField, message: str) -> None:
    """Say next to a field what it still needs before filing (in its help text, which the field refers to)."""
    note = format_html('<span class="filing-note">{} {}</span>', _("Before filing:"), message)
    text = format_html("{} {}", bound.help_text, note) if bound.help_text else note
    bound.help_text = bound.field.help_text = text
