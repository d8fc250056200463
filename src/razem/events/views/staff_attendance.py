"""City staff pages of a meeting's attendance, under /panel/spotkania/<pk>/: the registrations (the staff list kit,
with the CSV and XLSX export of every answer), cancelling a registration, check-in at the door, and for a sitting of
a dialogue body the members' attendance recorded after it (present, absent excused or unexcused: ``bodies``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from razem.accounts.http import AuthenticatedHttpRequest
from razem.bodies import selectors as body_selectors
from razem.bodies import services as body_services
from razem.bodies.forms.attendance import SittingAttendanceForm
from razem.core import audit
from razem.core.access import require_perm
from razem.core.forms import submitted
from razem.core.lists import staff_list
from razem.events import export, selectors
from razem.events.forms.staff import CheckInForm, RegistrationFilterForm
from razem.events.models import Meeting, Registration
from razem.events.services import registrations as registration_services
from razem.events.views.staff import PAGE_SIZE, _meeting, _refused, _to

SEARCH_LIMIT = 30


# Registrations ----------------------------------------------------------------------------------------------------


@login_required
def registrations(request: HttpRequest, pk: int) -> HttpResponseBase:
    meeting = _meeting(request, pk)
    asked = list(meeting.questions.all())

    def with_answers(rows: list[Registration]) -> None:
        for registration in rows:
            registration.answer_list = [  # type: ignore[attr-defined]
                (q.label, export.answer_text(registration.answers.get(str(q.pk)))) for q in asked
            ]

    return staff_list(
        request,
        template="events/staff/registrations.html",
        queryset=meeting.registrations.select_related("person", "organization", "checked_in_by"),
        columns=export.registration_columns(meeting, asked),
        default_sort="status",
        filters=RegistrationFilterForm(request.GET),
        per_page=PAGE_SIZE,
        context={"meeting": meeting, "questions": asked, "shown": export.PAGE_COLUMNS},
        rows=with_answers,
    )


@login_required
def registrations_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """Every registration of the meeting with the answers, in the columns of the list (``export``)."""
    meeting = _meeting(request, pk)
    rows = meeting.registrations.count()
    response = export.csv_response(meeting) if fmt == "csv" else export.xlsx_response(meeting)
    audit.record(
        actor=request.user,
        action="events.registrations.exported",
        obj=meeting,
        data={"format": fmt, "rows": rows},
        request=request,
    )
    return response


@login_required
def registration_cancel(request: AuthenticatedHttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    registration = get_object_or_404(
        Registration.objects.select_related("person", "organization"), pk=registration_pk, meeting=meeting
    )
    if request.method == "POST":
        try:
            registration_services.cancel(actor=request.user, registration=registration, request=request)
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(
                request,
                _("The registration of %(name)s has been cancelled; they are told by e-mail.")
                % {"name": registration.person.full_name},
            )
        return _to("registrations", meeting)
    return render(request, "events/staff/registration_cancel.html", {"meeting": meeting, "registration": registration})


# Check-in ---------------------------------------------------------------------------------------------------------


def _checked_in(request: HttpRequest, registration: Registration, already: bool) -> None:
    name = registration.person.full_name or registration.person.email
    if registration.organization_id:
        name = f"{name} ({registration.organization.name})"  # type: ignore[union-attr]
    if already:
        messages.info(
            request,
            _("Already checked in at %(time)s: %(name)s. Nothing changed.")
            % {"time": formats.time_format(timezone.localtime(registration.checked_in_at), "H:i"), "name": name},
        )
    else:
        messages.success(request, _("Checked in: %(name)s") % {"name": name})


def _refusal_code(form: CheckInForm) -> str | None:
    """The code of the service's refusal on the form (``early``, ``over``...), or None."""
    for error in form.non_field_errors().as_data():
        return error.code
    return None


@login_required
def checkin(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = CheckInForm(request.POST if request.method == "POST" else None)
    form.fields["code"].required = False  # an empty code is the service's message to give
    checked = submitted(
        request,
        form,
        lambda data: registration_services.check_in(
            actor=request.user,
            meeting=meeting,
            registration=registration_services.find_for_check_in(meeting=meeting, code=data["code"]),
            request=request,
            early_confirmed=form.early_confirmed(),
            late_correction=data["late_correction"],
        ),
    )
    if checked is not None:
        _checked_in(request, *checked)  # success, or "already checked in" as information
        return _to("checkin", meeting)
    q = request.GET.get("q", "").strip()[:100]
    found = (
        list(
            selectors.registrations_for_staff(meeting=meeting, query=q, status=Registration.Status.CONFIRMED)[
                :SEARCH_LIMIT
            ]
        )
        if q
        else []
    )
    figures = selectors.attendance(meeting=meeting)
    refusal = _refusal_code(form) if form.is_bound else None
    return render(
        request,
        "events/staff/checkin.html",
        {
            "meeting": meeting,
            "form": form,
            "figures": figures,
            "free_seats": None if meeting.capacity is None else max(meeting.capacity - figures.confirmed, 0),
            "window": registration_services.check_in_window(meeting),
            "opens_at": registration_services.check_in_opens_at(meeting),
            # The early check-in asked about: confirmed with the button, for the code in the field.
            "ask_early": refusal == registration_services.EARLY,
            "q": q,
            "found": found,
            "search_limit": SEARCH_LIMIT,
            "to_confirm": _int(request.GET.get("potwierdz")),
        },
        status=200,
    )


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _back_to_search(request: HttpRequest, meeting: Meeting, confirm: int | None = None) -> HttpResponseRedirect:
    q = request.POST.get("q", "").strip()
    query = {"q": q} if q else {}
    if confirm is not None:
        query["potwierdz"] = str(confirm)
    return _to("checkin", meeting, urlencode(query) if query else "")


@login_required
@require_POST
def checkin_one(request: AuthenticatedHttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    """The check-in button of a person found by the search. An early or late check-in is refused with the service's
    reason and comes back with that person's button asking to confirm it (``potwierdz``)."""
    meeting = _meeting(request, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, meeting=meeting)
    try:
        registration, already = registration_services.check_in(
            actor=request.user,
            meeting=meeting,
            registration=registration,
            request=request,
            early_confirmed=request.POST.get("confirm_early") == "1",
            late_correction=request.POST.get("late_correction") == "1",
        )
    except ValidationError as exc:
        if exc.code == registration_services.EARLY:  # a question rather than a refusal
            messages.warning(request, " ".join(exc.messages))
        else:
            _refused(request, exc)
        if exc.code in {registration_services.EARLY, registration_services.OVER}:
            return _back_to_search(request, meeting, confirm=registration.pk)
    else:
        _checked_in(request, registration, already)
    return _back_to_search(request, meeting)


@login_required
@require_POST
def checkin_undo(request: AuthenticatedHttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    registration = get_object_or_404(Registration.objects.select_related("person"), pk=registration_pk, meeting=meeting)
    registration_services.undo_check_in(actor=request.user, registration=registration, request=request)
    messages.success(
        request,
        _("Undone: %(name)s is no longer marked as present.") % {"name": registration.person.full_name},
    )
    return _back_to_search(request, meeting)


# Members' attendance at a sitting ---------------------------------------------------------------------------------

RECORD_ATTENDANCE = "bodies.record_attendance_body"


@login_required
def members_attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Who of the body's members was present, absent with an excuse or without one: recorded after the sitting."""
    meeting = _meeting(request, pk)
    if meeting.body is None or meeting.kind != Meeting.Kind.SITTING:
        raise Http404
    require_perm(request, RECORD_ATTENDANCE, meeting.body)
    rows = body_selectors.sitting_attendance(sitting=meeting)
    form = SittingAttendanceForm(request.POST if request.method == "POST" else None, rows=rows)
    changed = submitted(
        request,
        form,
        lambda data: body_services.sitting_attendance_record(
            actor=request.user, sitting=meeting, entries=form.entries(), request=request
        ),
    )
    if changed is not None:
        messages.success(
            request,
            ngettext(
                "The attendance has been saved: %(count)s change.",
                "The attendance has been saved: %(count)s changes.",
                changed,
            )
            % {"count": changed},
        )
        return _to("members_attendance", meeting)
    return render(
        request,
        "events/staff/members_attendance.html",
        {
            "meeting": meeting,
            "form": form,
            "members": form.members(),
            "held": meeting.has_started and meeting.status in body_selectors.HELD,
            "quorum": body_selectors.sitting_quorum(meeting=meeting),
        },
    )
