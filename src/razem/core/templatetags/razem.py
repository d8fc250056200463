import datetime
import html
from collections.abc import Iterable
from typing import Any

from django import template
from django.forms import BoundField, CheckboxInput, CheckboxSelectMultiple, RadioSelect, Select, SelectMultiple
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
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
    if type(w) is Select:
        return _select(field, attrs)
    return field.as_widget(attrs=attrs)


def _select(field: BoundField, attrs: dict[str, Any]) -> SafeString:
    """A plain <select>, built here rather than through one template per option: the same HTML as Django's
    widget, many times faster for the long lists of filters (39 public-benefit areas, 18 districts)."""
    w = field.field.widget
    value = field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {"" if value is None else str(value)}
    all_attrs = {**w.attrs, **attrs, "name": field.html_name}
    if field.auto_id:
        all_attrs["id"] = field.auto_id
    if field.field.required and field.form.use_required_attribute:
        all_attrs["required"] = True
    if field.field.disabled:
        all_attrs["disabled"] = True
    options = []
    for choice_value, label in _choices(field.field):
        if isinstance(label, list | tuple):
            return field.as_widget(attrs=attrs)  # option groups: leave them to Django
        key = "" if choice_value is None else str(getattr(choice_value, "value", choice_value))
        options.append(
            f'<option value="{_escape(key)}"{" selected" if key in chosen else ""}>{_escape(label)}</option>'
        )
    return SafeString(f"<select{flatatt(all_attrs)}>{''.join(options)}</select>")


def _choices(field: Any) -> Iterable[tuple[Any, Any]]:
    """The field's choices; a model's rows read in one plain query, where Django's ``ModelChoiceIterator`` would
    open a server-side cursor on PostgreSQL (three round trips: declare, fetch, close) for a list of a few dozen."""
    choices = getattr(field, "choices", ())
    if type(choices) is not ModelChoiceIterator or getattr(choices.queryset, "_prefetch_related_lookups", False):
        return choices
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    return [*empty, *(choices.choice(obj) for obj in choices.queryset.all())]


def _escape(value: Any) -> str:
    """``conditional_escape`` as text, straight through ``html.escape`` for a plain string (most labels and every
    value): the options are joined once rather than each wrapped in its own ``format_html``."""
    if type(value) is str:
        return html.escape(value)
    return str(conditional_escape(value))


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, CheckboxInput)


@register.filter
def is_choice_list(field: BoundField) -> bool:
    return isinstance(field.field.widget, RadioSelect | CheckboxSelectMultiple)


@register.filter
def weekday_date(value: Any, fmt: str = "l, j E Y, H:i") -> str:
    """A date with its weekday, as in "sobota, 5 grudnia 2026, 17:00": Polish writes weekdays in lower case
    mid-sentence, while Django's Polish names are capitalised (English keeps its capitals)."""
    if not value:
        return ""
    from django.utils import formats, timezone, translation

    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = formats.date_format(value, fmt)
    if fmt.startswith("l") and (translation.get_language() or "").startswith("pl"):
        text = text[:1].lower() + text[1:]
    return text


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(current: Any, *trail: Any) -> dict[str, Any]:
    """The breadcrumb trail: ``{% breadcrumbs current "Dialogue bodies" list_url body.name body_url %}``; the pairs
    (label, URL) lead to the current page, named last."""
    return {"trail": list(zip(trail[::2], trail[1::2], strict=True)), "current": current}


@register.filter(name="pln")
def pln_filter(value: Any) -> str:
    """An amount as "12 345,67 zł" (``core.money.pln``)."""
    from razem.core.money import pln

    return pln(value)


@register.filter(name="percent")
def percent_filter(value: Any) -> str:
    """A share as "12,50 %" (``core.money.percent``)."""
    from razem.core.money import percent

    return percent(value)


@register.simple_tag(name="gendered")
def gendered_tag(person: Any, feminine: Any, masculine: Any, neutral: Any) -> Any:
    """``{% gendered person feminine masculine neutral %}``: the form that agrees with the person's grammatical
    gender (``core.gender.gendered``), neutral when they did not choose one."""
    from razem.core.gender import gendered

    return gendered(person, feminine, masculine, neutral)


@register.simple_tag(takes_context=True)
def page_sections(context: Any, page: str, obj: Any) -> SafeString:
    """The sections other apps add to ``page`` for ``obj`` (``razem.core.registry.page_sections``), in their order;
    each template is rendered with ``section`` (what its ``context(obj, user)`` returned) and ``object``."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from razem.core import registry

    request = context.get("request")
    user = getattr(request, "user", None)
    parts = []
    for entry in registry.page_sections.all():
        if entry.page != page:
            continue
        section = entry.context(obj, user)
        if section is None:
            continue
        parts.append(render_to_string(entry.template, {"section": section, "object": obj}, request=request))
    return mark_safe("".join(parts))  # noqa: S308 - rendered templates, escaped by the template engine
