"""A person's registrations under /konto/zapisy/: the list, one registration with its QR code, cancelling it,
the attendance certificate. Only the owner sees them (404 for anyone else; the office uses the panel)."""

from typing import TypedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.access import require_perm
from razem.core.documents import document_response
from razem.events import certificate as certificates
from razem.events import qr, selectors
from razem.events.models import Meeting, Registration, normalize_code
from razem.events.services import registrations


class _Row(TypedDict):
    registration: Registration
    meeting: Meeting
    can_cancel: bool
    can_download: bool


def _own(request: AuthenticatedHttpRequest, code: str) -> Registration:
    return get_object_or_404(selectors.registrations_of(user=request.user), code=normalize_code(code))


@login_required
def my_registrations(request: AuthenticatedHttpRequest) -> HttpResponse:
    now = timezone.now()
    user = request.user
    rows: list[_Row] = []
    for registration in selectors.registrations_of(user=user):
        rows.append(
            {
                "registration": registration,
                "meeting": registration.meeting,
                "can_cancel": user.has_perm("events.cancel_registration", registration),
                "can_download": user.has_perm("events.download_certificate_registration", registration),
            }
        )
    upcoming = [r for r in rows if r["meeting"].ends_at > now]
    upcoming.reverse()  # the soonest first
    past = [r for r in rows if r["meeting"].ends_at <= now]
    return render(request, "events/my_registrations.html", {"upcoming": upcoming, "past": past})


@login_required
def registration(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    item = _own(request, code)
    user = request.user
    meeting = item.meeting
    position = None
    if item.status == Registration.Status.WAITING:
        position = (
            Registration.objects.waiting().filter(meeting=meeting, created_at__lte=item.created_at).count() or None
        )
    context = {
        "registration": item,
        "meeting": meeting,
        "position": position,
        "starts_local": timezone.localtime(meeting.starts_at),
        "show_link": item.status == Registration.Status.CONFIRMED and meeting.is_online and meeting.online_url,
        "can_cancel": user.has_perm("events.cancel_registration", item),
        "can_download": user.has_perm("events.download_certificate_registration", item),
        "answers": _answers(item),
    }
    return render(request, "events/registration.html", context)


def _answers(item: Registration) -> list[tuple[str, str]]:
    """The person's answers, as question and answer in words."""
    answers = []
    for question in item.meeting.questions.all():
        value = item.answers.get(str(question.pk))
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, bool):
            text = _("Yes") if value else _("No")
        elif isinstance(value, list):
            text = ", ".join(str(v) for v in value)
        else:
            text = str(value)
        answers.append((question.label, text))
    return answers


@login_required
@require_http_methods(["GET", "POST"])
def registration_cancel(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    item = _own(request, code)
    require_perm(request, "events.cancel_registration", item)
    if request.method == "POST":
        try:
            registrations.cancel(actor=request.user, registration=item, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("events:registration", code=item.code)
        messages.success(
            request,
            _("Your registration for %(title)s has been cancelled. Thank you for letting us know.")
            % {"title": item.meeting.title},
        )
        return redirect("events:my_registrations")
    context = {
        "registration": item,
        "meeting": item.meeting,
        "starts_local": timezone.localtime(item.meeting.starts_at),
    }
    return render(request, "events/registration_cancel.html", context)


@login_required
def registration_qr(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    item = _own(request, code)
    response = HttpResponse(qr.code_svg(item.code), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def certificate(request: AuthenticatedHttpRequest, code: str) -> HttpResponseBase:
    item = _own(request, code)
    require_perm(request, "events.download_certificate_registration", item)
    snapshot = certificates.certificate_issue(actor=request.user, registration=item)
    response = document_response(snapshot, filename=certificates.filename(item), inline=False)
    response["Cache-Control"] = "private, no-store"
    return response
