"""The office's forms about attendance at sittings: who of the members was present or absent (with or without an
excuse) at one sitting, and the dismissal of a member after consecutive unexcused absences.

The forms only parse what was typed; the rules live in ``bodies.services.attendance``."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from razem.bodies.models import SittingAttendance
from razem.bodies.selectors import MemberAttendance
from razem.bodies.services import Entry
from razem.core.forms import DateInput

CHOICES = [("", _("Not recorded")), *SittingAttendance.Status.choices]


class SittingAttendanceForm(forms.Form):
    """One choice and one note per member who was not checked in at the door (those checked in were present)."""

    def __init__(self, data: Any = None, *, rows: list[MemberAttendance]) -> None:
        super().__init__(data)
        self.rows = rows
        for row in rows:
            if row.checked_in_at is not None:
                continue
            seat = row.membership
            name = seat.person.full_name or seat.person.email
            pk = seat.pk
            self.fields[f"status_{pk}"] = forms.ChoiceField(
                label=name, choices=CHOICES, required=False, widget=forms.RadioSelect, initial=row.status
            )
            self.fields[f"note_{pk}"] = forms.CharField(
                label=_("Reason or note: %(name)s") % {"name": name},
                max_length=300,
                required=False,
                initial=row.record.note if row.record else "",
                help_text=_("For an absence: why it is excused, or what the office knows. Seen by the office only."),
            )

    def members(self) -> list[tuple[MemberAttendance, Any, Any]]:
        """Each member with their two fields (None for a member checked in at the door)."""
        found: list[tuple[MemberAttendance, Any, Any]] = []
        for row in self.rows:
            pk = row.membership.pk
            if f"status_{pk}" in self.fields:
                found.append((row, self[f"status_{pk}"], self[f"note_{pk}"]))
            else:
                found.append((row, None, None))
        return found

    def entries(self) -> list[Entry]:
        data = self.cleaned_data
        return [
            Entry(membership_id=row.membership.pk, status=data[f"status_{pk}"], note=data[f"note_{pk}"])
            for row in self.rows
            if f"status_{(pk := row.membership.pk)}" in data
        ]


class DismissalForm(forms.Form):
    end_date = forms.DateField(
        label=_("Last day of the membership"),
        widget=DateInput(),
        help_text=_("The day of the Mayor's order that dismisses the member."),
    )
    note = forms.CharField(
        label=_("Note added to the reason"),
        max_length=120,
        required=False,
        help_text=_("E.g. the number of the order. The reason names the ground and the sittings missed."),
    )
