"""The filters chosen on a list, as chips: one per chosen value, each a link to the same list without it.

On a phone the filter form of a list waits behind a "Filtry" disclosure (``includes/filter_card.html``); the chips
(``includes/filter_chips.html``, through the ``{% filter_chips form %}`` tag) keep what was chosen in view, and let a
person drop one filter without opening the form.
"""

import dataclasses
from collections.abc import Iterable

from django import forms
from django.http import QueryDict

# Query parameters that never make a chip and are dropped with a filter: the page (a narrower list starts again
# at its first page). The sort order is kept.
RESET_PARAMS = ("strona", "page")


@dataclasses.dataclass(frozen=True)
class Chip:
    label: str  # the field's label, e.g. "Status"
    value: str  # what was chosen, as the form shows it, e.g. "Przyjęta"
    url: str  # the list without this value


def _choice_label(field: forms.Field, raw: str) -> str:
    """The text the form shows for ``raw`` in a choice field (the raw value if it is not offered)."""
    for key, label in getattr(field, "choices", ()):
        if isinstance(label, (list, tuple)):  # an optgroup
            for sub_key, sub_label in label:
                if str(sub_key) == raw:
                    return str(sub_label)
        elif str(key) == raw:
            return str(label)
    return raw


def _value_label(form: forms.Form, name: str, field: forms.Field, raw: str) -> str:
    if isinstance(field, (forms.BooleanField, forms.NullBooleanField)):
        return str(field.label)
    if isinstance(field, forms.ModelChoiceField) and form.is_valid():
        value = form.cleaned_data.get(name)
        if isinstance(value, Iterable) and not isinstance(value, str):
            for obj in value:
                if str(obj.pk) == raw:
                    return field.label_from_instance(obj)  # type: ignore[no-any-return]
        elif value is not None:
            return field.label_from_instance(value)  # type: ignore[no-any-return]
    if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
        return _choice_label(field, raw)
    return raw


def chips(form: forms.Form | None, query: QueryDict, path: str) -> list[Chip]:
    """The chips of a bound filter form: for each visible field with a value in ``query`` (the request's GET), its
    label, the value's label and ``path`` with the query without that value (and without the page number)."""
    if form is None or not form.is_bound:
        return []
    found = []
    for bound in form.visible_fields():
        name, field = bound.html_name, bound.field
        for raw in query.getlist(name):
            raw = raw.strip()
            if not raw:
                continue
            if isinstance(field, forms.BooleanField) and raw.lower() in {"false", "0", "off", "nie"}:
                continue
            rest = query.copy()
            rest.setlist(name, [v for v in query.getlist(name) if v.strip() != raw])
            for param in RESET_PARAMS:
                rest.pop(param, None)
            encoded = rest.urlencode()
            found.append(
                Chip(
                    label=str(field.label or name),
                    value=_value_label(form, name, field, raw),
                    url=f"{path}?{encoded}" if encoded else path,
                )
            )
    return found
