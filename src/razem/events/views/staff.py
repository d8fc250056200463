"""City staff pages of the meetings module, under /panel/spotkania/: the list of meetings, the meeting form,
its overview with the actions its workflow allows (``events.workflows``), questions, invitations, documents, the
rhythm of informal networking meetings, and the review of NGO events. Registrations and check-in are in
``staff_attendance``.

Views stay thin: reads come from ``selectors``, every write is one service call followed by a redirect
(POST-redirect-GET); a service's refusal is shown on the form next to the field it is about.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.access import require_perm
from razem.core.forms import DecisionForm, decide, submitted
from razem.core.history import history_of
from razem.core.lists import Column, Export, staff_list
from razem.events import selectors
from razem.events.forms.staff import (
    CancelForm,
    CopyForm,
    DocumentForm,
    InvitationsForm,
    MeetingForm,
    QuestionForm,
    StaffFilterForm,
)
from razem.events.models import Meeting, MeetingDocument, MeetingInvitation, MeetingQuestion
from razem.events.services import meetings, ngo_events
from razem.events.windows import REGISTRATION
from razem.events.workflows import MEETING, NGO_EVENT

PAGE_SIZE = 50
# A default of the copy form (no rule): the copy is suggested a week after the original, as for a weekly series.
COPY_SUGGESTION = datetime.timedelta(weeks=1)
MANAGE = "events.manage_meeting"
LIST_ALL = "events.list_all_meeting"
Status = Meeting.Status


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    """A meeting of the office or a body (NGO events have their own review pages), for someone who manages them."""
    require_perm(request, MANAGE)
    return get_object_or_404(
        Meeting.objects.organized_by_the_city().select_related("venue", "room", "body", "district"), pk=pk
    )


def _to(name: str, meeting: Meeting, query: str = "") -> HttpResponseRedirect:
    url = reverse(f"events_staff:{name}", kwargs={"pk": meeting.pk})
    return HttpResponseRedirect(f"{url}?{query}" if query else url)


def _when(value: datetime.datetime | None) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# The list of meetings ---------------------------------------------------------------------------------------------


def _seats(meeting: Meeting) -> str:
    return "" if meeting.capacity is None else str(meeting.capacity)


MEETING_COLUMNS = [
    Column("date", _l("Date"), lambda m: _when(m.starts_at), sort="starts_at"),
    Column("title", _l("Title"), lambda m: m.title, sort="title"),
    Column("kind", _l("Kind"), lambda m: m.get_kind_display(), sort="kind"),
    Column("status", _l("Status"), lambda m: m.get_status_display(), sort="status"),
    Column("registered", _l("Registered / seats"), lambda m: m.confirmed_count, sort="confirmed_count"),
    Column("seats", _l("Seats"), _seats),
    Column("waiting", _l("Waiting"), lambda m: m.waiting_count, sort="waiting_count"),
    Column("attended", _l("Attended"), lambda m: m.attended_count, sort="attended_count"),
]
# Shown on the page inside "Registered / seats"; a column of its own in the exports.
HIDDEN_ON_PAGE = ("seats",)


@login_required
def meeting_list(request: HttpRequest) -> HttpResponseBase:
    require_perm(request, LIST_ALL)
    form = StaffFilterForm(request.GET)
    # Upcoming meetings soonest first; past ones (or all) the latest first.
    default_sort = "date" if form.filters().when == "upcoming" else "-date"
    return staff_list(
        request,
        template="events/staff/list.html",
        queryset=selectors.meetings_for_staff(),
        columns=MEETING_COLUMNS,
        default_sort=default_sort,
        filters=form,
        per_page=PAGE_SIZE,
        export=Export(stem="spotkania", sheet_title=_l("Meetings"), action="events.meeting.exported"),
        context={"to_review": selectors.ngo_events_to_review().count(), "hidden": HIDDEN_ON_PAGE},
    )


# The meeting form -------------------------------------------------------------------------------------------------


@login_required
def meeting_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_perm(request, MANAGE)
    initial = {}
    if request.GET.get("rodzaj") in Meeting.Kind.values:
        initial["kind"] = request.GET["rodzaj"]
    form = MeetingForm(request.POST if request.method == "POST" else None, initial=initial)
    meeting = submitted(
        request,
        form,
        lambda data: meetings.meeting_create(
            actor=request.user, data=form.service_data(), areas=form.areas(), request=request
        ),
        success=lambda meeting: (
            _("The draft “%(title)s” has been saved. Add questions or invitations, then publish it.")
            % {"title": meeting.title}
        ),
    )
    if meeting is not None:
        return _to("detail", meeting)
    return render(request, "events/staff/form.html", {"form": form, "meeting": None})


@login_required
def meeting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = MeetingForm(request.POST if request.method == "POST" else None, meeting=meeting)
    sequence = meeting.sequence  # the service raises it when the time or place changes
    saved = submitted(
        request,
        form,
        lambda data: meetings.meeting_update(
            actor=request.user, meeting=meeting, data=form.service_data(), areas=form.areas(), request=request
        ),
        success=lambda saved: (
            _("The changes have been saved.")
            + (
                " " + _("The time or place changed: everyone registered is being told by e-mail.")
                if saved.sequence != sequence and saved.status == Status.PUBLISHED
                else ""
            )
        ),
    )
    if saved is not None:
        return _to("detail", saved)
    return render(request, "events/staff/form.html", {"form": form, "meeting": meeting})


# The overview and the status changes ------------------------------------------------------------------------------


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return render(
        request,
        "events/staff/detail.html",
        {
            "meeting": meeting,
            "figures": selectors.attendance(meeting=meeting),
            "areas": list(meeting.areas.all()),
            "question_count": meeting.questions.count(),
            "invitation_count": meeting.invitations.count(),
            "document_count": meeting.documents.count(),
            # The buttons the workflow allows from the meeting's status; "finish" waits for the start (its guard).
            "actions": {t.name for t in MEETING.available(meeting, request.user)},
            "can_finish": MEETING.permits(meeting, "finish", request.user),
            "is_public": meeting.status in {Status.PUBLISHED, Status.CANCELLED, Status.FINISHED},
            "history": history_of(meeting, public=False),
            "registration_window": REGISTRATION.calendar(meeting),
        },
    )


@login_required
@require_POST
def meeting_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    try:
        meetings.meeting_publish(actor=request.user, meeting=meeting, request=request)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Published: the meeting is now in the calendar."))
    return _to("detail", meeting)


@login_required
def meeting_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = CancelForm(request.POST if request.method == "POST" else None)
    # The service says what a missing reason means; the form lets it through to hear it.
    form.fields["reason"].required = False
    if submitted(
        request,
        form,
        lambda data: meetings.meeting_cancel(
            actor=request.user, meeting=meeting, reason=data["reason"], request=request
        ),
        success=_("The meeting has been cancelled. Everyone registered is being told why."),
    ):
        return _to("detail", meeting)
    figures = selectors.attendance(meeting=meeting)
    return render(request, "events/staff/cancel.html", {"meeting": meeting, "form": form, "figures": figures})


@login_required
def meeting_copy(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    suggested = timezone.localtime(meeting.starts_at) + COPY_SUGGESTION
    form = CopyForm(request.POST if request.method == "POST" else None, initial={"starts_at": suggested})
    copy = submitted(
        request,
        form,
        lambda data: meetings.meeting_copy(
            actor=request.user, meeting=meeting, starts_at=data["starts_at"], request=request
        ),
        success=_("A copy has been made as a draft. Check it and save it, then publish it."),
    )
    if copy is not None:
        return _to("edit", copy)
    return render(request, "events/staff/copy.html", {"meeting": meeting, "form": form})


@login_required
@require_POST
def meeting_finish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    try:
        meetings.meeting_finish(actor=request.user, meeting=meeting, request=request)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The meeting is marked as finished. You can add the minutes under Documents."))
    return _to("detail", meeting)


# Questions --------------------------------------------------------------------------------------------------------


@login_required
def questions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if submitted(
        request,
        form,
        lambda data: meetings.question_save(
            actor=request.user, meeting=meeting, data=form.service_data(), request=request
        ),
        success=_("The question has been added."),
    ):
        return _to("questions", meeting)
    return render(
        request,
        "events/staff/questions.html",
        {"meeting": meeting, "form": form, "questions": list(meeting.questions.all())},
    )


@login_required
def question_edit(request: AuthenticatedHttpRequest, pk: int, question_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    question = get_object_or_404(MeetingQuestion, pk=question_pk, meeting=meeting)
    form = QuestionForm(request.POST if request.method == "POST" else None, instance=question)
    if submitted(
        request,
        form,
        lambda data: meetings.question_save(
            actor=request.user, meeting=meeting, question=question, data=form.service_data(), request=request
        ),
        success=_("The question has been saved."),
    ):
        return _to("questions", meeting)
    return render(request, "events/staff/question_edit.html", {"meeting": meeting, "form": form, "question": question})


@login_required
@require_POST
def question_delete(request: AuthenticatedHttpRequest, pk: int, question_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    question = get_object_or_404(MeetingQuestion, pk=question_pk, meeting=meeting)
    meetings.question_delete(actor=request.user, question=question, request=request)
    messages.success(request, _("The question “%(label)s” has been deleted.") % {"label": question.label})
    return _to("questions", meeting)


# Invitations ------------------------------------------------------------------------------------------------------


@login_required
def invitations(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = InvitationsForm(request.POST if request.method == "POST" else None)
    added = submitted(
        request,
        form,
        lambda data: meetings.invitations_add(
            actor=request.user, meeting=meeting, emails=data["emails"], request=request
        ),
        success=lambda added: (
            ngettext("%(count)d person has been invited.", "%(count)d people have been invited.", len(added[0]))
            % {"count": len(added[0])}
        ),
    )
    if added is not None:
        missing = added[1]
        if missing:  # told after the invitations
            messages.warning(
                request,
                _("These addresses have no account in Razem, so they were not invited: %(list)s.")
                % {"list": ", ".join(missing)},
            )
        return _to("invitations", meeting)
    invited = meeting.invitations.select_related("person", "invited_by").order_by("person__full_name", "id")
    return render(request, "events/staff/invitations.html", {"meeting": meeting, "form": form, "invited": invited})


@login_required
@require_POST
def invitation_remove(request: AuthenticatedHttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    invitation = get_object_or_404(
        MeetingInvitation.objects.select_related("person"), pk=invitation_pk, meeting=meeting
    )
    meetings.invitation_remove(actor=request.user, invitation=invitation, request=request)
    messages.success(
        request, _("%(name)s is no longer invited.") % {"name": invitation.person.full_name or invitation.person.email}
    )
    return _to("invitations", meeting)


# Documents --------------------------------------------------------------------------------------------------------


@login_required
def documents(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = DocumentForm(
        request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None
    )
    if submitted(
        request,
        form,
        lambda data: meetings.document_add(
            actor=request.user,
            meeting=meeting,
            title=data["title"],
            upload=data["file"],
            kind=data["kind"],
            audience=data["audience"],
            request=request,
        ),
        success=lambda document: _("The document “%(title)s” has been added.") % {"title": form.cleaned_data["title"]},
    ):
        return _to("documents", meeting)
    files = meeting.documents.select_related("uploaded_by").order_by("kind", "created_at", "id")
    return render(request, "events/staff/documents.html", {"meeting": meeting, "form": form, "documents": files})


@login_required
@require_POST
def document_delete(request: AuthenticatedHttpRequest, pk: int, document_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    document = get_object_or_404(MeetingDocument, pk=document_pk, meeting=meeting)
    meetings.document_delete(actor=request.user, document=document, request=request)
    messages.success(request, _("The document “%(title)s” has been deleted.") % {"title": document.title})
    return _to("documents", meeting)


# The rhythm of informal networking meetings -----------------------------------------------------------------------


@login_required
def rhythm(request: HttpRequest) -> HttpResponse:
    require_perm(request, LIST_ALL)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("rok", today.year))
    except ValueError:
        year = today.year
    if not 2000 <= year <= 2100:
        year = today.year
    quarters = selectors.networking_rhythm(year=year, today=today)
    return render(
        request,
        "events/staff/rhythm.html",
        {
            "year": year,
            "quarters": quarters,
            "warnings": [q for q in quarters if q.warn],
            "previous_year": year - 1,
            "next_year": year + 1,
        },
    )


# The review of NGO events -----------------------------------------------------------------------------------------


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    require_perm(request, LIST_ALL)
    return render(
        request,
        "events/staff/review_queue.html",
        {"waiting": list(selectors.ngo_events_to_review()), "reviewed": list(selectors.ngo_events_reviewed())},
    )


@login_required
def review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(
        Meeting.objects.select_related("organization", "venue", "room", "district", "created_by", "reviewed_by"),
        pk=pk,
    )
    if not event.is_ngo_event:
        raise Http404
    require_perm(request, "events.review_meeting", event)
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        reason_label=_("Reason for a rejection"),
        reason_help=_("The organization's representatives receive it and can correct the event."),
    )
    if decide(
        request,
        form,
        lambda approve, reason: ngo_events.event_review(
            actor=request.user, event=event, approve=approve, reason=reason, request=request
        ),
        accepted=_("Approved: the event is in the calendar. The organization has been told."),
        declined=_("Rejected. The organization has been told why and can correct it."),
    ):
        return HttpResponseRedirect(reverse("events_staff:review_queue"))
    return render(
        request,
        "events/staff/review.html",
        {
            "event": event,
            "form": form,
            "areas": list(event.areas.all()),
            "awaiting": NGO_EVENT.permits(event, "approve", request.user),
            "history": history_of(event, public=False),
        },
    )
