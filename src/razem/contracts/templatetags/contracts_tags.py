"""Filters of the contracts' pages and PDFs: a date kept as ISO text shown as "dd.mm.rrrr", an account grouped."""

import datetime
from typing import Any

from django import template

from razem.contracts import bank

register = template.Library()


@register.filter
def isodate(value: Any, empty: str = "") -> str:
    """ "2027-03-01" (or a date) as "01.03.2027"; ``empty`` when there is none."""
    if not value:
        return empty
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    try:
        return datetime.date.fromisoformat(str(value)[:10]).strftime("%d.%m.%Y")
    except ValueError:
        return str(value)


@register.filter
def account(value: Any) -> str:
    return bank.formatted(str(value or ""))
