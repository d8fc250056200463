"""Office pages of calls for offers, under /panel/konkursy/: the list (filters, figures, CSV/XLSX), the call form
(a new draft, a draft's changes), its overview once published, the publication (the statutory channels and the
21 days), corrections before the deadline, the cancellation (art. 18a) and the nominees to the commission.

Every page is for city staff (``grants.manage_call``; the nominees ``grants.view_nominations``). Views stay thin:
reads come from ``selectors.calls``, every write is one service call followed by a redirect (POST-redirect-GET); a
refusal is shown next to the field it is about, and everything typed stays on the page.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.access import require_perm
from razem.core.forms import submitted
from razem.core.history import history_of
from razem.core.lists import Column, Export, staff_list
from razem.core.money import pln
from razem.core.schedule import when
from razem.core.slugs import get_by_slug_or_404
from razem.grants import schedule
from razem.grants.forms.calls.filters import StaffCallFilterForm
from razem.grants.forms.calls.formsets import CallFormSet
from razem.grants.forms.calls.publication import CancelForm, PublishForm
from razem.grants.models import Call, Publication
from razem.grants.selectors import calls as selectors
from razem.grants.services.calls import changes as call_changes
from razem.grants.services.calls import drafts as call_drafts
from razem.grants.services.calls import publication as call_publication

MANAGE = "grants.manage_call"
NOMINATIONS = "grants.view_nominations"


def _call(request: HttpRequest, slug: str, perm: str = MANAGE) -> Call:
    """The call by its address, for someone who manages calls (403 otherwise)."""
    require_perm(request, perm)
    call = get_by_slug_or_404(selectors.calls_for_staff().select_related("venue"), slug)
    require_perm(request, perm, call)
    return call


def _to(name: str, call: Call) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse(f"grants_staff:{name}", args=[call.slug]))


def _page(request: HttpRequest, template: str, call: Call, status: int = 200, **context: Any) -> HttpResponse:
    now = timezone.now()
    base = {
        "call": call,
        "phase": call.phase(now),
        "phase_label": Call.Phase(call.phase(now)).label,
        "left": schedule.time_left(call.submission_deadline, now),
    }
    return render(request, template, {**base, **context}, status=status)


# The list -----------------------------------------------------------------------------------------------------------


def _phase(call: Call) -> str:
    return str(Call.Phase(call.phase()).label)


COLUMNS = [
    Column("number", _l("Number"), lambda c: c.number, sort="number"),
    Column("title", _l("Title"), lambda c: c.title, sort="title"),
    Column("department", _l("Department"), lambda c: c.department, sort=("department", "submission_deadline")),
    Column("phase", _l("Stage"), _phase, sort=("status", "submission_deadline")),
    Column("deadline", _l("Deadline for offers"), lambda c: when(c.submission_deadline), sort="submission_deadline"),
    Column("filed", _l("Offers filed"), lambda c: c.filed_count, sort="filed_count"),
    Column("drafts", _l("Drafts"), lambda c: c.draft_count, sort="draft_count"),
    Column("requested", _l("Grants requested"), lambda c: pln(c.requested_total), sort="requested_total"),
    Column("funds", _l("Public funds"), lambda c: pln(c.funds_total), sort="funds_total"),
]


@login_required
def call_list(request: HttpRequest) -> HttpResponseBase:
    require_perm(request, MANAGE)
    return staff_list(
        request,
        template="grants/staff/call_list.html",
        queryset=selectors.calls_for_staff(),
        columns=COLUMNS,
        default_sort="-deadline",
        filters=StaffCallFilterForm(request.GET or None),
        export=Export(stem="konkursy", sheet_title=_l("Calls for offers"), action="grants.call.exported"),
        context={"hidden": ("drafts",), "now": timezone.now()},
    )


# The call form ------------------------------------------------------------------------------------------------------


def _form_page(
    request: HttpRequest, template: str, bundle: CallFormSet, call: Call | None, **context: Any
) -> HttpResponse:
    if request.method == "POST" and request.POST.get("refresh_years") and getattr(request, "htmx", False):
        # The funds' rows alone, following the dates typed (the rest of the page stays as the person left it).
        return render(request, "grants/staff/_call_funds.html", {"bundle": bundle})
    status = 400 if request.method == "POST" and bundle.has_errors else 200
    if call is None:
        return render(request, template, {"bundle": bundle, "call": None, **context}, status=status)
    return _page(request, template, call, status=status, bundle=bundle, **context)


def _save(request: AuthenticatedHttpRequest, bundle: CallFormSet, call: Call | None) -> Call | None:
    """Run the create or update service on a valid form; its refusal goes on the form."""
    from django.core.exceptions import ValidationError

    if request.method != "POST" or request.POST.get("refresh_years"):
        if request.POST.get("refresh_years"):
            bundle.refresh()
        return None
    if not bundle.is_valid():
        return None
    rows: dict[str, Any] = {
        "data": bundle.form.service_data(),
        "funds": bundle.funds_data(),
        "criteria": bundle.criteria_data(),
        "attachments": bundle.attachments_data(),
    }
    try:
        if call is None:
            return call_drafts.call_create(actor=request.user, request=request, **rows)
        return call_drafts.call_update(actor=request.user, call=call, request=request, **rows)
    except ValidationError as error:
        bundle.add_error(error)
        if call is not None:
            call.refresh_from_db()
        return None


@login_required
def call_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_perm(request, MANAGE)
    refresh = reverse("grants_staff:create")
    bundle = CallFormSet(request.POST if request.method == "POST" else None, refresh_url=refresh)
    call = _save(request, bundle, None)
    if call is not None:
        messages.success(
            request,
            _("The draft “%(title)s” is saved. Nobody sees it until you publish it.") % {"title": call.title},
        )
        return _to("edit", call)
    return _form_page(request, "grants/staff/call_form.html", bundle, None)


@login_required
def call_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """A draft's form; once published, the call's overview (its publications, corrections, what may be done)."""
    call = _call(request, slug)
    if call.status != Call.Status.DRAFT:
        return _page(
            request,
            "grants/staff/call_overview.html",
            call,
            publications=list(call.publications.all()),
            corrections=list(call.corrections.all()),
            funds=list(call.funds.all()),
            counts=selectors.nomination_counts(call=call),
            history=history_of(call, public=False),
            can_correct=call.status == Call.Status.ANNOUNCED and timezone.now() <= call.submission_deadline,
            can_cancel=call.status == Call.Status.ANNOUNCED and timezone.now() > call.submission_deadline,
        )
    refresh = reverse("grants_staff:edit", args=[call.slug])
    bundle = CallFormSet(request.POST if request.method == "POST" else None, call=call, refresh_url=refresh)
    saved = _save(request, bundle, call)
    if saved is not None:
        messages.success(request, _("The changes of the draft are saved."))
        return _to("edit", saved)
    return _form_page(request, "grants/staff/call_form.html", bundle, call, history=history_of(call, public=False))


# Publication --------------------------------------------------------------------------------------------------------


@login_required
def call_publish(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    if call.status != Call.Status.DRAFT:
        messages.info(request, _("This call is already published."))
        return _to("edit", call)
    form = PublishForm(request.POST if request.method == "POST" else None)
    published = submitted(
        request,
        form,
        lambda data: call_publication.call_publish(
            actor=request.user, call=call, publications=form.publications(), request=request
        ),
        success=_("The call is published. Organizations working in its areas are being told."),
        saved=call,
    )
    if published is not None:
        return _to("edit", published)
    today = timezone.localdate()
    earliest = call_publication.earliest_deadline(today)
    return _page(
        request,
        "grants/staff/call_publish.html",
        call,
        status=400 if form.errors else 200,
        form=form,
        earliest=earliest,
        deadline_ok=timezone.localtime(call.submission_deadline).date() >= earliest.date,
    )


# Correction ---------------------------------------------------------------------------------------------------------


@login_required
def call_correct(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    from django.core.exceptions import ValidationError

    call = _call(request, slug)
    refusal = ""
    if call.status != Call.Status.ANNOUNCED:
        refusal = _("This call is %(status)s; only an announced call can be corrected.") % {
            "status": call.get_status_display().lower()
        }
    elif timezone.now() > call.submission_deadline:
        refusal = _(
            "Offers were accepted until %(deadline)s; after the deadline the call can no longer be corrected."
        ) % {"deadline": when(call.submission_deadline)}
    if refusal:
        return _page(request, "grants/staff/call_correct.html", call, status=403, refusal=refusal, bundle=None)
    refresh = reverse("grants_staff:correct", args=[call.slug])
    bundle = CallFormSet(
        request.POST if request.method == "POST" else None, call=call, correction=True, refresh_url=refresh
    )
    if request.method == "POST" and request.POST.get("refresh_years"):
        bundle.refresh()
    elif request.method == "POST" and bundle.is_valid():
        try:
            correction = call_changes.call_correct(
                actor=request.user,
                call=call,
                data=bundle.form.service_data(),
                funds=bundle.funds_data(),
                criteria=bundle.criteria_data(),
                attachments=bundle.attachments_data(),
                notice=bundle.form.cleaned_data.get("notice") or "",
                request=request,
            )
        except ValidationError as error:
            bundle.add_error(error)
            call.refresh_from_db()
        else:
            messages.success(
                request,
                _("Correction no. %(number)s is published; the organizations with offers in the call are told.")
                % {"number": correction.number},
            )
            return _to("edit", call)
    last = call_publication.last_publication(call)
    return _form_page(
        request,
        "grants/staff/call_correct.html",
        bundle,
        call,
        earliest=call_publication.earliest_deadline(last) if last else None,
        last_publication=last,
    )


# Cancellation -------------------------------------------------------------------------------------------------------


@login_required
def call_cancel(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    if call.status == Call.Status.CANCELLED:
        messages.info(request, _("This call is already cancelled."))
        return _to("edit", call)
    form = CancelForm(request.POST if request.method == "POST" else None)
    cancelled = submitted(
        request,
        form,
        lambda data: call_changes.call_cancel(
            actor=request.user,
            call=call,
            ground=data.get("ground") or "",
            reason=data.get("reason") or "",
            publications=form.publications(),
            request=request,
        ),
        success=_("The call is cancelled; the reason is published and the organizations with offers are told."),
        saved=call,
    )
    if cancelled is not None:
        return _to("edit", cancelled)
    from razem.grants.models import Offer

    filed = call.offers.filter(status=Offer.Status.FILED).count()
    return _page(
        request,
        "grants/staff/call_cancel.html",
        call,
        status=400 if form.errors else 200,
        form=form,
        filed=filed,
        too_early=timezone.now() <= call.submission_deadline,
    )


# Nominations --------------------------------------------------------------------------------------------------------


@login_required
def nominations(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug, NOMINATIONS)
    rows = list(selectors.nominations_for_staff(call=call))
    return _page(
        request,
        "grants/staff/call_nominations.html",
        call,
        nominations=rows,
        counts=selectors.nomination_counts(call=call),
        publication_subjects=Publication.Subject,
    )
