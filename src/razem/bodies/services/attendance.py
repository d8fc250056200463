"""Attendance of members at a body's sittings, recorded by the office after the sitting, and the dismissal of a
member after consecutive unexcused absences (art. 41g ust. 2 pkt 5 u.d.p.p.w.).

A sitting is an ``events.Meeting`` of the body (``Meeting.body``); it is passed in and read through its fields and
relations only, so that bodies imports nothing from events. Every change of a record is audited
(``bodies.attendance.recorded``, with the status before and after). The note (often why the member was absent, which
may be about their health) stays in the record only: the audit entry says that it changed, not what it says.
"""

import dataclasses
import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.bodies import selectors
from razem.bodies.models import Body, BodyMembership, SittingAttendance
from razem.bodies.services._common import day_text
from razem.bodies.services.members import membership_end
from razem.core import audit
from razem.core.permissions import ensure
from razem.core.reference import statutory_record

RECORD = "bodies.record_attendance_body"
DISMISS = "bodies.dismiss_member_body"
NOT_RECORDED = ""  # the form's choice "not recorded": removes a record made by mistake


@dataclasses.dataclass(frozen=True)
class Entry:
    """What the office says of one member: a status of ``SittingAttendance.Status`` (or "" for nothing) and a note."""

    membership_id: int
    status: str
    note: str = ""


def _check_sitting(sitting: Any) -> None:
    if sitting.body_id is None or sitting.kind != selectors.SITTING:
        raise ValidationError(_("Attendance of members is recorded for sittings of a dialogue body only."))
    if sitting.status not in selectors.HELD:
        raise ValidationError(_("This sitting was cancelled or is not published: there is no attendance to record."))
    if sitting.starts_at > timezone.now():
        raise ValidationError(_("The sitting has not started yet: record the attendance after it."))


@transaction.atomic
def sitting_attendance_record(
    *, actor: User, sitting: Any, entries: Iterable[Entry], request: HttpRequest | None = None
) -> int:
    """Record who of the members was present, absent with an excuse or absent without one at a held sitting;
    returns how many records changed. A member checked in at the door was present: an absence cannot be recorded
    for them (undo the check-in first). Unchanged entries write nothing."""
    ensure(actor, RECORD, sitting.body)
    _check_sitting(sitting)
    Body.objects.select_for_update().get(pk=sitting.body_id)  # one attendance form of the body at a time
    rows = {row.membership.pk: row for row in selectors.sitting_attendance(sitting=sitting)}
    changed = 0
    errors: dict[str, list[str]] = {}
    for entry in entries:
        row = rows.get(entry.membership_id)
        if row is None:
            raise ValidationError(_("This person is not a member of the body on the day of the sitting."))
        status, note = entry.status, entry.note.strip()[:300]
        if status not in {*SittingAttendance.Status.values, NOT_RECORDED}:
            raise ValidationError(_("Choose present, absent with an excuse or absent without one."))
        if row.checked_in_at is not None and status not in {SittingAttendance.Status.PRESENT, NOT_RECORDED}:
            errors.setdefault(f"status_{entry.membership_id}", []).append(
                _("%(name)s was checked in at the sitting; undo the check-in before recording an absence.")
                % {"name": row.membership.person.full_name}
            )
            continue
        record = row.record
        before = record.status if record else NOT_RECORDED
        old_note = record.note if record else ""
        if status == NOT_RECORDED:
            note = ""
        if before == status and old_note == note:
            continue
        if record is not None and status == NOT_RECORDED:
            record.delete()
        elif record is None:
            SittingAttendance.objects.create(
                sitting=sitting, membership=row.membership, status=status, note=note, recorded_by=actor
            )
        else:
            record.status, record.note, record.recorded_by, record.recorded_at = status, note, actor, timezone.now()
            record.save(update_fields=["status", "note", "recorded_by", "recorded_at"])
        audit.record(
            actor=actor,
            action="bodies.attendance.recorded",
            obj=row.membership,
            data={
                "sitting": sitting.pk,
                "body": sitting.body_id,
                "from": before,
                "to": status,
                "note_changed": old_note != note,
            },
            request=request,
        )
        changed += 1
    if errors:
        raise ValidationError(errors)
    return changed


def dismissal_reason(body: Body, sittings: list[Any], day: datetime.date | None = None) -> str:
    """The reason kept with the ended membership: the ground, its legal basis and the sittings missed."""
    record = statutory_record(selectors.ABSENCES_CODE, day)
    dates = ", ".join(day_text(timezone.localtime(s.starts_at).date()) for s in sittings)
    if body.kind == Body.Kind.COUNCIL:
        return _("Dismissed under %(ref)s: %(count)s consecutive unexcused absences (sittings of %(dates)s).") % {
            "ref": record.legal_ref,
            "count": len(sittings),
            "dates": dates,
        }
    return _("Dismissed: %(count)s consecutive unexcused absences (sittings of %(dates)s).") % {
        "count": len(sittings),
        "dates": dates,
    }


@transaction.atomic
def membership_dismiss_for_absences(
    *,
    actor: User,
    membership: BodyMembership,
    end_date: datetime.date,
    note: str = "",
    request: HttpRequest | None = None,
) -> BodyMembership:
    """End the seat of a member on the list for dismissal (consecutive unexcused absences, art. 41g ust. 2 pkt 5),
    through ``membership_end`` with the ground as the reason; ``note`` adds e.g. the number of the Mayor's order."""
    body = membership.body
    ensure(actor, DISMISS, body)
    candidate = selectors.dismissal_candidate(body=body, membership=membership)
    if candidate is None:
        raise ValidationError(
            _("%(name)s has no run of consecutive unexcused absences that would be a ground for dismissal.")
            % {"name": membership.person.full_name}
        )
    if end_date < timezone.localtime(candidate.last_sitting.starts_at).date():
        raise ValidationError(
            {"end_date": _("The membership cannot end before the last sitting missed (%(date)s).")
             % {"date": day_text(timezone.localtime(candidate.last_sitting.starts_at).date())}}
        )  # fmt: skip
    reason = dismissal_reason(body, candidate.sittings, end_date)
    if note.strip():
        reason = f"{reason} {note.strip()}"
    ended = membership_end(actor=actor, membership=membership, end_date=end_date, reason=reason, request=request)
    audit.record(
        actor=actor,
        action="bodies.membership.dismissed_for_absences",
        obj=ended,
        data={"body": body.pk, "sittings": [s.pk for s in candidate.sittings], "end_date": end_date.isoformat()},
        request=request,
    )
    return ended
