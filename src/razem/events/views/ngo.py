"""NGO events: a representative submits the organization's event for the calendar, follows, corrects and
withdraws its submissions."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.access import get_visible_or_404, require_perm
from razem.core.forms import add_service_error
from razem.core.throttle import throttled
from razem.events import selectors
from razem.events.forms.public import EventForm, WithdrawForm
from razem.events.models import Meeting
from razem.events.services import ngo_events
from razem.events.workflows import NGO_EVENT
from razem.organizations.models import Organization
from razem.organizations.selectors import organizations_acted_for

SUBMIT = "events.submit_event_organization"
IN_CALENDAR = {Meeting.Status.PUBLISHED, Meeting.Status.CANCELLED, Meeting.Status.FINISHED}


def _preselected(request: AuthenticatedHttpRequest, organizations: list[Organization]) -> int | None:
    try:
        wanted = int(request.GET.get("organizacja", ""))
    except ValueError:
        wanted = None
    pks = [o.pk for o in organizations]
    if wanted in pks:
        return wanted
    return pks[0] if len(pks) == 1 else None


@login_required
@require_http_methods(["GET", "POST"])
@throttled("events.proposal", key="user")
def submit(request: AuthenticatedHttpRequest) -> HttpResponse:
    # The verified organizations the person acts for, and of them those the rules let submit events.
    organizations = [o for o in organizations_acted_for(user=request.user) if request.user.has_perm(SUBMIT, o)]
    if not organizations:
        return render(request, "events/submit_none.html")
    if request.method == "POST":
        form = EventForm(request.POST, organizations=organizations)
        if form.is_valid():
            organization = Organization.objects.filter(pk=form.cleaned_data["organization"]).first()
            try:
                event = ngo_events.event_submit(
                    actor=request.user,
                    organization=organization,
                    data=form.data_for_service(),
                    areas=form.cleaned_data["areas"],
                    request=request,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "“%(title)s” has been sent for approval. The city office will review it; we will notify you "
                        "when it is published in the calendar or if something needs correcting."
                    )
                    % {"title": event.title},
                )
                return redirect("events:organization_submissions", pk=event.organization_id)
    else:
        form = EventForm(organizations=organizations, initial={"organization": _preselected(request, organizations)})
    return render(request, "events/submit.html", {"form": form, "organizations": organizations})


def _organization(request: AuthenticatedHttpRequest, pk: int) -> Organization:
    organization = get_visible_or_404(
        request, Organization.objects.select_related("district"), "organizations.view_organization", pk=pk
    )
    require_perm(request, SUBMIT, organization)
    return organization


@login_required
def organization_submissions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request, pk)
    rows = []
    for event in selectors.organization_submissions(organization=organization):
        event.organization = organization  # the same row: no query per event for the permission checks
        rows.append(
            {
                "event": event,
                "can_change": request.user.has_perm("events.change_event_meeting", event),
                "can_withdraw": request.user.has_perm("events.withdraw_event_meeting", event),
                "in_calendar": event.status in IN_CALENDAR,
            }
        )
    return render(request, "events/organization_submissions.html", {"organization": organization, "rows": rows})


def _event(request: AuthenticatedHttpRequest, pk: int, perm: str) -> Meeting:
    """An NGO event: 404 when the person may not see it, 403 when they see it but may not do this now."""
    event = get_object_or_404(
        Meeting.objects.select_related("organization", "venue", "district").prefetch_related("areas"),
        pk=pk,
        organizer_kind=Meeting.Organizer.ORGANIZATION,
    )
    if not request.user.has_perm("events.view_meeting", event):
        raise Http404
    require_perm(request, perm, event)
    return event


@login_required
@require_http_methods(["GET", "POST"])
def submission_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk, "events.change_event_meeting")
    organizations: list[Any] = [event.organization]
    saved_title = event.title
    if request.method == "POST":
        form = EventForm(request.POST, organizations=organizations, initial=EventForm.initial_from(event))
        if form.is_valid():
            try:
                ngo_events.event_update(
                    actor=request.user,
                    event=event,
                    data=form.data_for_service(),
                    areas=form.cleaned_data["areas"],
                    request=request,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("The changes are saved and the event has been sent for approval again."),
                )
                return redirect("events:organization_submissions", pk=event.organization_id)
    else:
        form = EventForm(organizations=organizations, initial=EventForm.initial_from(event))
    return render(request, "events/submission_edit.html", {"form": form, "event": event, "saved_title": saved_title})


@login_required
@require_http_methods(["GET", "POST"])
def submission_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk, "events.withdraw_event_meeting")
    # Withdrawing a published event cancels it in the calendar, with a reason (NGO_EVENT "cancel").
    published = NGO_EVENT.permits(event, "cancel", request.user)
    if request.method == "POST":
        form = WithdrawForm(request.POST, needs_reason=published)
        if form.is_valid():
            try:
                ngo_events.event_withdraw(
                    actor=request.user, event=event, reason=form.cleaned_data.get("reason", ""), request=request
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                if published:
                    message = _("The event is cancelled; the calendar shows it as cancelled with your reason.")
                else:
                    message = _("The event has been withdrawn and will not appear in the calendar.")
                messages.success(request, message)
                return redirect("events:organization_submissions", pk=event.organization_id)
    else:
        form = WithdrawForm(needs_reason=published)
    return render(request, "events/submission_withdraw.html", {"form": form, "event": event, "published": published})
