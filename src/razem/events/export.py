"""The columns of a meeting's registrations, for the office's list and its CSV and XLSX exports (with the
answers), and a person's registrations for their data export."""

from collections.abc import Iterator
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from razem.core import spreadsheet
from razem.core.lists import Column
from razem.events.models import Meeting, MeetingQuestion, Registration


def _when(value: Any) -> str:
    return formats.date_format(timezone.localtime(value), "Y-m-d H:i") if value else ""


def answer_text(value: Any) -> str:
    """An answer in words: yes/no, the options chosen, or what was typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _answer_column(question: MeetingQuestion) -> Column:
    key = str(question.pk)
    return Column(f"q{key}", question.label, lambda r: answer_text(r.answers.get(key)))


def registration_columns(meeting: Meeting, questions: list[MeetingQuestion] | None = None) -> list[Column]:
    """The columns of a meeting's registrations, declared once for the office's list (``core.lists.staff_list``)
    and its CSV and XLSX exports: one column per question of the meeting at the end."""
    if questions is None:
        questions = list(meeting.questions.all())
    return [
        Column("code", _l("Code"), lambda r: r.display_code, sort="code"),
        Column("name", _l("Name"), lambda r: r.person.full_name, sort="person__full_name"),
        Column("email", _l("E-mail"), lambda r: r.person.email, sort="person__email"),
        Column("phone", _l("Phone"), lambda r: r.person.phone),
        Column(
            "organization",
            _l("On behalf of"),
            lambda r: r.organization.name if r.organization_id else "",
            sort="organization__name",
        ),
        Column("status", _l("Status"), lambda r: r.get_status_display(), sort=("status", "created_at")),
        Column("guest", _l("Invited guest"), lambda r: _("yes") if r.is_guest else "", sort="is_guest"),
        Column("registered", _l("Registered"), lambda r: _when(r.created_at), sort="created_at"),
        Column("arrived", _l("Arrived"), lambda r: _when(r.checked_in_at), sort="checked_in_at"),
        *(_answer_column(q) for q in questions),
    ]


# The columns the office's page shows (the answers go together in one cell, the phone only in the exports).
PAGE_COLUMNS = ("code", "name", "email", "organization", "status", "guest", "registered", "arrived")


def registration_table(meeting: Meeting) -> tuple[list[str], Iterator[list[str]]]:
    columns = registration_columns(meeting)
    header = [str(c.label) for c in columns]
    registrations = (
        Registration.objects.filter(meeting=meeting)
        .select_related("person", "organization")
        .order_by("status", "created_at", "id")
    )

    def rows() -> Iterator[list[str]]:
        for r in registrations.iterator(chunk_size=500):
            yield [c.value(r) for c in columns]  # type: ignore[misc]

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
