"""``{% filter_chips form as chips %}``: the filters chosen on a list, as chips (``razem.core.filters``)."""

from typing import Any

from django import template

from razem.core.filters import Chip, chips

register = template.Library()


@register.simple_tag(takes_context=True)
def filter_chips(context: Any, form: Any) -> list[Chip]:
    request = context.get("request")
    if request is None or not hasattr(form, "visible_fields"):
        return []
    return chips(form, request.GET, request.path)
