"""Registrations of a meeting as CSV and XLSX (with the answers), and a person's registrations for their data export."""

from collections.abc import Iterator
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from razem.core import spreadsheet
from razem.events.models import Meeting, MeetingQuestion, Registration


def _when(value: Any) -> str:
    return formats.date_format(timezone.localtime(value), "Y-m-d H:i") if value else ""


def _answer(question: MeetingQuestion, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def registration_table(meeting: Meeting) -> tuple[list[str], Iterator[list[str]]]:
    questions = list(meeting.questions.all())
    header = [
        _("Code"), _("Name"), _("E-mail"), _("Phone"), _("On behalf of"), _("Status"), _("Invited guest"),
        _("Registered"), _("Arrived"), *(q.label for q in questions),
    ]  # fmt: skip
    registrations = (
        Registration.objects.filter(meeting=meeting)
        .select_related("person", "organization")
        .order_by("status", "created_at", "id")
    )

    def rows() -> Iterator[list[str]]:
        for r in registrations.iterator(chunk_size=500):
            yield [
                r.display_code,
                r.person.full_name,
                r.person.email,
                r.person.phone,
                r.organization.name if r.organization_id else "",  # type: ignore[union-attr]
                r.get_status_display(),
                _("yes") if r.is_guest else "",
                _when(r.created_at),
                _when(r.checked_in_at),
                *(_answer(q, r.answers.get(str(q.pk))) for q in questions),
            ]

    return header, rows()


def _stem(meeting: Meeting) -> str:
    return f"zapisy-{meeting.pk}-{meeting.slug}"[:60]


def csv_response(meeting: Meeting) -> StreamingHttpResponse:
    header, rows = registration_table(meeting)
    return spreadsheet.csv_response(header, rows, stem=_stem(meeting))


def xlsx_response(meeting: Meeting) -> HttpResponse:
    header, rows = registration_table(meeting)
    return spreadsheet.xlsx_response(header, rows, stem=_stem(meeting), sheet_title=str(_("Registrations")))


def personal_data(user: Any) -> dict[str, list[dict[str, Any]]]:
    """The "events" section of a person's personal-data export: registrations with answers, and invitations."""
    registrations = (
        Registration.objects.filter(person=user).select_related("meeting", "organization").order_by("created_at")
    )
    return {
        "registrations": [
            {
                "meeting": r.meeting.title,
                "starts_at": r.meeting.starts_at.isoformat(),
                "code": r.code,
                "status": r.status,
                "on_behalf_of": r.organization.name if r.organization_id else None,  # type: ignore[union-attr]
                "answers": r.answers,
                "registered_at": r.created_at.isoformat(),
                "checked_in_at": r.checked_in_at and r.checked_in_at.isoformat(),
                "cancelled_at": r.cancelled_at and r.cancelled_at.isoformat(),
            }
            for r in registrations
        ],
        "invitations": [
            {"meeting": i.meeting.title, "invited_at": i.created_at.isoformat()}
            for i in user.meeting_invitations.select_related("meeting").order_by("created_at")
        ],
    }
