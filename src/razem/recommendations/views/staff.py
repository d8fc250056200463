"""The office's recommendation pages, under /panel/rekomendacje/: the list, recording a recommendation (also by a
body's chair or secretary for the body's own) and a sub-recommendation, and the recommendation's page where the
office corrects it and records its path: the status with the department's answer, progress and notes.

Views stay thin: every write is one service call followed by a redirect; a service's refusal is shown on the form
next to the field it is about.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.accounts.http import AuthenticatedHttpRequest
from razem.bodies.models import Body
from razem.bodies.predicates import is_body_officer
from razem.core.access import require_perm
from razem.core.forms import submitted
from razem.core.lists import Export, staff_list
from razem.core.predicates import is_city_staff
from razem.recommendations import selectors, services
from razem.recommendations.forms import (
    ChildForm,
    EditForm,
    NoteForm,
    ProgressForm,
    RecommendationForm,
    StaffFilterForm,
    StatusForm,
    active_bodies,
)
from razem.recommendations.models import Recommendation
from razem.recommendations.views.public import export_columns, status_summary, with_bars

PAGE_SIZE = 50
MANAGE = "recommendations.manage_recommendation"
LIST_ALL = "recommendations.list_all_recommendation"
SUBMIT = "recommendations.submit_recommendation"


def _recommendation(request: HttpRequest, pk: int) -> Recommendation:
    require_perm(request, MANAGE)
    return get_object_or_404(selectors.detail(), pk=pk)


def _to_edit(recommendation: Recommendation, anchor: str = "") -> HttpResponseRedirect:
    url = reverse("recommendations_staff:edit", kwargs={"pk": recommendation.pk})
    return HttpResponseRedirect(url + (f"#{anchor}" if anchor else ""))


def _after_recording(request: HttpRequest, recommendation: Recommendation) -> HttpResponseRedirect:
    """The office continues on the recommendation's office page; a body's officer sees the public page."""
    if request.user.has_perm(MANAGE, recommendation):
        return _to_edit(recommendation)
    return HttpResponseRedirect(recommendation.get_absolute_url())


# The list


@login_required
def recommendation_list(request: HttpRequest) -> HttpResponseBase:
    """The staff list kit (``razem.core.lists``): the tracker's filters, pages, CSV/XLSX export of the filtered rows."""
    require_perm(request, LIST_ALL)
    return staff_list(
        request,
        template="recommendations/staff/list.html",
        queryset=selectors.for_staff(user=request.user),
        filters=StaffFilterForm(request.GET, user=request.user),
        columns=export_columns(),
        default_sort="-submitted_on",
        per_page=PAGE_SIZE,
        export=Export(
            stem="rekomendacje",
            sheet_title=gettext_lazy("Recommendations"),
            action="recommendations.recommendation.exported",
        ),
        context={"summary": status_summary(selectors.status_counts(user=request.user))},
        rows=with_bars,
    )


# Recording


def _recordable_bodies(user: Any) -> QuerySet[Body]:
    """The bodies a person may record recommendations for: any active body for the office, else the bodies where
    they are chair, vice-chair or secretary today."""
    bodies = active_bodies()
    if is_city_staff(user):
        return bodies
    return bodies.filter(pk__in=[b.pk for b in bodies if is_body_officer(user, b)])


@login_required
def recommendation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    bodies = _recordable_bodies(request.user)
    if not is_city_staff(request.user) and not bodies.exists():
        raise PermissionDenied
    initial = {}
    if request.GET.get("cialo", "").isdigit() and bodies.filter(pk=request.GET["cialo"]).exists():
        initial["body"] = int(request.GET["cialo"])
    form = RecommendationForm(request.POST if request.method == "POST" else None, bodies=bodies, initial=initial)
    recommendation = submitted(
        request,
        form,
        lambda data: services.recommendation_create(actor=request.user, data=form.service_data(), request=request),
        success=lambda recommendation: (
            _("Recommendation %(number)s has been recorded as submitted to %(department)s.")
            % {"number": recommendation.number, "department": recommendation.department}
        ),
    )
    if recommendation is not None:
        return _after_recording(request, recommendation)
    return render(request, "recommendations/staff/form.html", {"form": form, "parent": None})


@login_required
def child(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    parent = get_object_or_404(selectors.detail(), pk=pk)
    require_perm(request, SUBMIT, parent.body)
    form = ChildForm(request.POST if request.method == "POST" else None, parent=parent)
    recommendation = submitted(
        request,
        form,
        lambda data: services.recommendation_create(
            actor=request.user, data=form.service_data(), parent=parent, request=request
        ),
        success=lambda recommendation: (
            _("Sub-recommendation %(number)s has been recorded.") % {"number": recommendation.number}
        ),
    )
    if recommendation is not None:
        return _after_recording(request, recommendation)
    return render(request, "recommendations/staff/form.html", {"form": form, "parent": parent})


# The recommendation's office page: corrections and the path


def _render_edit(request: HttpRequest, recommendation: Recommendation, **forms: Any) -> HttpResponse:
    with_bars([recommendation])
    children = with_bars(list(selectors.children_of(recommendation=recommendation)))
    context = {
        "recommendation": recommendation,
        "children": children,
        "timeline": selectors.timeline_of(recommendation=recommendation),
        "edit_form": forms.get("edit_form") or EditForm(recommendation=recommendation),
        "status_form": forms.get("status_form") or StatusForm(recommendation=recommendation, user=request.user),
        "progress_form": forms.get("progress_form") or ProgressForm(recommendation=recommendation),
        "note_form": forms.get("note_form") or NoteForm(),
        "can_record_progress": not children and recommendation.status in services.PROGRESS_STATUSES,
    }
    return render(request, "recommendations/staff/edit.html", context)


@login_required
def recommendation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    recommendation = _recommendation(request, pk)
    if request.method != "POST":
        return _render_edit(request, recommendation)
    form = EditForm(request.POST, recommendation=recommendation)
    if submitted(
        request,
        form,
        lambda data: services.recommendation_update(
            actor=request.user, recommendation=recommendation, data=form.service_data(), request=request
        ),
        success=_("The changes have been saved."),
    ):
        return _to_edit(recommendation)
    recommendation.refresh_from_db()
    return _render_edit(request, recommendation, edit_form=form)


@login_required
def status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    recommendation = _recommendation(request, pk)
    if request.method != "POST":
        return _to_edit(recommendation, "status-title")
    form = StatusForm(request.POST, recommendation=recommendation, user=request.user)
    if submitted(
        request,
        form,
        lambda data: services.recommendation_change_status(
            actor=request.user,
            recommendation=recommendation,
            status=data["status"],
            response=data["response"],
            note=data["note"],
            date=data["date"],
            due_on=data["due_on"],
            request=request,
        ),
        success=lambda changed: (
            _("The recommendation is now: %(status)s. Its followers and the body's members are being told.")
            % {"status": changed.get_status_display()}
        ),
    ):
        return _to_edit(recommendation)
    return _render_edit(request, recommendation, status_form=form)


@login_required
def progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    recommendation = _recommendation(request, pk)
    if request.method != "POST":
        return _to_edit(recommendation, "progress-title")
    form = ProgressForm(request.POST, recommendation=recommendation)
    if submitted(
        request,
        form,
        lambda data: services.recommendation_set_progress(
            actor=request.user,
            recommendation=recommendation,
            progress=data["progress"],
            note=data["note"],
            date=data["date"],
            request=request,
        ),
        success=_("The progress has been recorded."),
    ):
        return _to_edit(recommendation)
    return _render_edit(request, recommendation, progress_form=form)


@login_required
def note(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    recommendation = _recommendation(request, pk)
    if request.method != "POST":
        return _to_edit(recommendation, "note-title")
    form = NoteForm(request.POST)
    if submitted(
        request,
        form,
        lambda data: services.recommendation_note(
            actor=request.user, recommendation=recommendation, text=data["text"], date=data["date"], request=request
        ),
        success=_("The note has been added to the timeline."),
    ):
        return _to_edit(recommendation)
    return _render_edit(request, recommendation, note_form=form)
