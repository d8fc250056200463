"""The base of a section's editor: it holds every form of the section, binds them to the saved offer or to posted
data (or to the input kept in ``DraftInput``), maps a service's refusals and the filing problems of
``grants.validation`` back to the fields, and lists the errors for the summary at the top and the autosave status.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from razem.grants import validation
from razem.grants.forms.offers.fields import _note
from razem.grants.forms.offers.tables import _removed
from razem.grants.models import Offer


class Editor:
    """The forms of one section, bound to the offer (``data`` None) or to typed input."""

    slug = ""
    template = ""

    def __init__(self, offer: Offer, data: Any = None, *, add: str = "") -> None:
        self.offer = offer
        self.data = data
        self.bound = data is not None
        self.add = add
        self.table_notes: dict[str, list[str]] = {}
        self.general_errors: list[str] = []
        # For each table, the form index of each row given to the service (its refusals name rows by number).
        self.row_forms: dict[str, list[tuple[str, int]]] = {}
        self.build()

    # Subclasses.
    def build(self) -> None:
        raise NotImplementedError

    def all_forms(self) -> list[forms.BaseForm]:
        return []

    def formsets(self) -> list[forms.BaseFormSet]:
        return []

    def save(self, *, actor: Any, revision: int | None, request: Any) -> Offer:
        raise NotImplementedError

    def field(self, name: str) -> forms.BoundField | None:
        """The bound field an issue's or a refusal's field name refers to."""
        for form in self.all_forms():
            if name in form.fields:
                return form[name]
        return None

    # Shared.
    def is_valid(self) -> bool:
        valid = True
        for formset in self.formsets():
            valid = formset.is_valid() and valid
        for form in self.all_forms():
            valid = form.is_valid() and valid
        return valid

    def kwargs(self, prefix: str | None = None) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"data": self.data} if self.bound else {}
        if prefix:
            kwargs["prefix"] = prefix
        return kwargs

    def add_service_error(self, error: ValidationError) -> None:
        """Put a service's refusal next to the field it names, else at the top."""
        if not hasattr(error, "error_dict"):
            self.general_errors.extend(error.messages)
            return
        for key, errors in error.error_dict.items():
            messages = [m for e in errors for m in e.messages]
            bound = self.field(key)
            if bound is None:
                bound = self._row_field(key)
            if bound is None:
                self.general_errors.extend(messages)
            else:
                bound.form.add_error(bound.name, messages)

    def _row_field(self, key: str) -> forms.BoundField | None:
        parts = key.split(".")
        if len(parts) < 3 or parts[0] not in self.row_forms or not parts[1].isdigit():
            return None
        rows = self.row_forms[parts[0]]
        number = int(parts[1])
        if not 1 <= number <= len(rows):
            return None
        prefix, index = rows[number - 1]
        formset = next((f for f in self.formsets() if f.prefix == prefix), None)
        if formset is None:
            return None
        form = formset.forms[index]
        name = parts[2]
        return form[name] if name in form.fields else None

    def note(self, issues: Iterable[validation.Issue]) -> None:
        """Show the filing problems of this section next to their fields (or above their table)."""
        for issue in issues:
            bound = self.issue_field(issue.field)
            if bound is not None:
                _note(bound, issue.message)
            else:
                self.table_notes.setdefault(self.issue_table(issue.field), []).append(issue.message)

    def issue_field(self, name: str) -> forms.BoundField | None:
        return self.field(name)

    def issue_table(self, name: str) -> str:
        return ""

    def error_items(self) -> list[tuple[str, str, str]]:
        """(element id, label, message) of every error, for the summary at the top and the autosave status."""
        items: list[tuple[str, str, str]] = [("", "", message) for message in self.general_errors]
        if not self.bound:
            return items
        for formset in self.formsets():
            for message in formset.non_form_errors():
                items.append(("", "", str(message)))
            for index, form in enumerate(formset.forms):
                if _removed(formset, form):
                    continue
                for name, errors in form.errors.items():
                    row = self.row_label(formset.prefix or "", index)
                    label = f"{row}, {form.fields[name].label}" if name in form.fields else row
                    for message in errors:
                        items.append((form[name].auto_id if name in form.fields else "", label, str(message)))
        for form in self.all_forms():
            for name, errors in form.errors.items():
                for message in errors:
                    if name in form.fields:
                        items.append((form[name].auto_id, str(form.fields[name].label), str(message)))
                    else:
                        items.append(("", "", str(message)))
        return items

    def row_label(self, prefix: str, index: int) -> str:
        return _("Row %(n)s") % {"n": index + 1}

    def oob_inputs(self) -> list[tuple[str, str, Any]]:
        """Hidden inputs the autosave's answer sets in the page (name, id, value): ids of rows just created."""
        return []
