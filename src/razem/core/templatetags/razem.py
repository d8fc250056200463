from typing import Any

from django import template
from django.forms import BoundField, CheckboxInput, CheckboxSelectMultiple, RadioSelect, Select, SelectMultiple
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def widget(field: BoundField) -> SafeString:
    """Render a field's widget with Bootstrap classes and the ARIA links to its help and errors."""
    w = field.field.widget
    attrs: dict[str, Any] = {}
    if isinstance(w, CheckboxInput):
        css = "form-check-input"
    elif isinstance(w, Select | SelectMultiple) and not isinstance(w, CheckboxSelectMultiple):
        css = "form-select"
    elif isinstance(w, RadioSelect | CheckboxSelectMultiple):
        css = ""
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
        attrs["aria-invalid"] = "true"
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    existing = w.attrs.get("class", "")
    attrs["class"] = f"{existing} {css}".strip()
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, CheckboxInput)


@register.filter
def is_choice_list(field: BoundField) -> bool:
    return isinstance(field.field.widget, RadioSelect | CheckboxSelectMultiple)
