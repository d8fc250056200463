"""What the tables of the offer editor (the activities, the results, the cost lines) share: the row form whose
empty rows are left out, and the steps that read the rows to save from a formset or add a row to it.
"""

from typing import Any

from django import forms

MAX_ROWS = 200


class RowForm(forms.Form):
    """A row of a table: empty rows are left out, and a removed row (its ``DELETE``) is not checked."""

    TEXTS: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return all(data.get(name) in (None, "") for name in self.fields if name not in {"id", "DELETE", "category"})


def _removed(formset: forms.BaseFormSet, form: forms.BaseForm) -> bool:
    """The row's remove button was pressed (its ``DELETE`` is set)."""
    return bool(formset.can_delete and (getattr(form, "cleaned_data", None) or {}).get("DELETE"))


def _rows(formset: forms.BaseFormSet) -> list[tuple[int, forms.Form]]:
    """The (index, form) of the rows to save: not removed, not empty."""
    rows = []
    for index, form in enumerate(formset.forms):
        if _removed(formset, form):
            continue
        if form.is_empty():  # type: ignore[attr-defined]
            continue
        rows.append((index, form))
    return rows


def _extra(formset: forms.BaseFormSet, rows: int) -> None:
    formset.extra = rows


def _bump_total(data: Any, prefix: str) -> None:
    key = f"{prefix}-TOTAL_FORMS"
    try:
        data[key] = str(int(data.get(key) or 0) + 1)
    except (TypeError, ValueError):
        data[key] = "1"
