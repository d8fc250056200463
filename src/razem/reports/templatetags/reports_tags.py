"""Small filters of the report pages: a cost row's field in the costs form, a line's limit under the tolerance."""

from decimal import Decimal
from typing import Any

from django import template

from razem.reports import finance

register = template.Library()


@register.filter
def part_field(form: Any, row: Any) -> Any:
    """The bound field of a cost row in ``reports.forms.CostsForm``."""
    return form.field_of(row)


@register.filter
def limit(planned: Any, tolerance: Any) -> Decimal:
    """The most a line planned at ``planned`` may cost with ``tolerance`` per cent."""
    return finance.limit(Decimal(planned or 0), Decimal(tolerance or 0))
