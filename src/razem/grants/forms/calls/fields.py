"""The fields of the call's form typed as people write them: an amount in złoty ("12 500,50 zł"), a share in per
cent (0–100) and the points of a criterion (to 0.1).
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from razem.core.money import parse_money


def _decimal_text(value: Any, places: int = 2) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        return value
    return f"{Decimal(value):.{places}f}".replace(".", ",")


class MoneyField(forms.CharField):
    """An amount in złoty as people type it ("12 500", "12 500,50", "12500.50 zł"); a ``Decimal`` or None."""

    default_error_messages = {
        "invalid": _("Enter an amount in złoty, e.g. 12 500,00."),
        "negative": _("An amount cannot be negative."),
        "grosze": _("An amount has at most two decimal places (grosze)."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.widget.attrs.update(inputmode="decimal", autocomplete="off", maxlength="30")

    def prepare_value(self, value: Any) -> Any:
        return _decimal_text(value)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        amount = parse_money(text)
        if amount is None or len(str(text)) > 30:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if amount < 0:
            raise ValidationError(self.error_messages["negative"], code="negative")
        if amount != amount.quantize(Decimal("0.01")):
            raise ValidationError(self.error_messages["grosze"], code="grosze")
        if amount >= Decimal("1e12"):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return amount


class ShareField(MoneyField):
    """A share in per cent, 0–100, to 0.01."""

    default_error_messages = {
        "invalid": _("Enter a share in per cent, e.g. 10 or 12,5."),
        "negative": _("A share cannot be negative."),
        "grosze": _("A share has at most two decimal places."),
        "over": _("A share is at most 100 %."),
    }

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.replace("%", "")
        amount = super().to_python(value)
        if amount is not None and amount > 100:
            raise ValidationError(self.error_messages["over"], code="over")
        return amount


class PointsField(MoneyField):
    default_error_messages = {
        "invalid": _("Enter the points as a number, e.g. 10 or 2,5."),
        "negative": _("Points cannot be negative."),
        "grosze": _("Points have at most one decimal place."),
    }

    def prepare_value(self, value: Any) -> Any:
        if value in (None, "") or isinstance(value, str):
            return value
        return f"{Decimal(value).quantize(Decimal('0.1')):f}".rstrip("0").rstrip(".").replace(".", ",")

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        amount = super().to_python(value)
        if amount is not None and amount != amount.quantize(Decimal("0.1")):
            raise ValidationError(self.error_messages["grosze"], code="grosze")
        return amount
