"""The public recommendations tracker: the list with its filters and counts, the CSV, a recommendation's page with
its timeline and sub-recommendations, and following it."""

from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.access import get_visible_or_404, require_perm
from razem.core.lists import Column
from razem.core.pagination import paginate
from razem.core.spreadsheet import csv_response
from razem.recommendations import selectors, services
from razem.recommendations.forms import TrackerFilterForm
from razem.recommendations.models import Recommendation

PAGE_SIZE = 25
VIEW = "recommendations.view_recommendation"
FOLLOW = "recommendations.follow_recommendation"
MANAGE = "recommendations.manage_recommendation"
S = Recommendation.Status


def with_bars[T: Iterable[Recommendation]](recommendations: T) -> T:
    """Give each recommendation the width step of its progress bar (``w-pct-<n>``, in steps of 5 %)."""
    for recommendation in recommendations:
        recommendation.bar = 5 * int(recommendation.progress / 5 + 0.5)  # type: ignore[attr-defined]
    return recommendations


def status_summary(counts: selectors.StatusCounts) -> list[dict[str, Any]]:
    """Each status with how many recommendations are in it, sub-recommendations included."""
    return [{"value": value, "label": label, "count": counts.by_status.get(value, 0)} for value, label in S.choices]


# The tracker


def tracker(request: HttpRequest) -> HttpResponse:
    form = TrackerFilterForm(request.GET, user=request.user)
    found = selectors.tracker(user=request.user, filters=form.filters())
    if not form.is_valid():
        found = found.none()
    page = paginate(found, request.GET.get("strona"), PAGE_SIZE)
    with_bars(page.object_list)
    query = form.query_string()
    counts = selectors.status_counts(user=request.user)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "filtered": form.is_filtered(),
        "summary": status_summary(counts),
        "counts": counts,
        "export_url": reverse("recommendations:export") + (f"?{query}" if query else ""),
    }
    return render(request, "recommendations/tracker.html", context)


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


def export_columns() -> list[Column]:
    """The columns of the CSV of the public tracker and of the office's list export (``razem.core.lists``)."""
    return [
        Column("number", _("Number"), lambda r: r.number),
        Column("title", _("Title"), lambda r: r.title),
        Column("parent", _("Part of"), lambda r: r.parent.number if r.parent_id else ""),
        Column("source", _("Source"), lambda r: r.source_label),
        Column("body", _("Body"), lambda r: str(r.body) if r.body_id else ""),
        Column("policy_area", _("Policy area"), lambda r: str(r.get_policy_area_display())),
        Column("department", _("Department"), lambda r: r.department),
        Column("status", _("Status"), lambda r: str(r.get_status_display())),
        Column("progress", _("Progress (%)"), lambda r: str(r.progress)),
        Column("submitted_on", _("Submitted on"), lambda r: _date(r.submitted_on), sort=("submitted_on", "id")),
        Column("responded_on", _("Answered on"), lambda r: _date(r.responded_on)),
        Column("response", _("The department's answer"), lambda r: r.response),
        Column("due_on", _("Due"), lambda r: _date(r.due_on)),
    ]


def export_table(recommendations: Iterable[Recommendation]) -> tuple[list[str], Iterator[list[str]]]:
    columns = export_columns()
    header = [str(c.label) for c in columns]

    def rows() -> Iterator[list[str]]:
        for r in recommendations:
            yield [c.value(r) for c in columns]  # type: ignore[misc]

    return header, rows()


def export(request: HttpRequest) -> StreamingHttpResponse:
    form = TrackerFilterForm(request.GET, user=request.user)
    found = selectors.export_rows(user=request.user, filters=form.filters())
    if not form.is_valid():
        found = found.none()
    header, rows = export_table(found)
    return csv_response(header, rows, stem="rekomendacje")


# A recommendation


def detail(request: HttpRequest, number: str) -> HttpResponse:
    recommendation = get_visible_or_404(request, selectors.detail(), VIEW, number=number)
    user = request.user
    with_bars([recommendation])
    children = with_bars(list(selectors.children_of(recommendation=recommendation)))
    parent = recommendation.parent
    context = {
        "recommendation": recommendation,
        "parent": parent,
        "children": children,
        "timeline": selectors.timeline_of(recommendation=recommendation),
        "following": selectors.is_following(user=user, recommendation=recommendation),
        "can_follow": user.has_perm(FOLLOW, recommendation),
        "can_manage": user.has_perm(MANAGE, recommendation),
        "can_add_child": user.has_perm("recommendations.submit_recommendation", recommendation.body)
        and not recommendation.is_closed,
        "can_see_meeting": recommendation.meeting is not None
        and user.has_perm("events.view_meeting", recommendation.meeting),
        "can_see_body": recommendation.body is not None and user.has_perm("bodies.view_body", recommendation.body),
    }
    return render(request, "recommendations/detail.html", context)


@login_required
@require_POST
def follow(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    recommendation = get_visible_or_404(request, Recommendation.objects.select_related("body"), VIEW, number=number)
    require_perm(request, FOLLOW, recommendation)
    on = request.POST.get("on") != "0"
    services.follow(actor=request.user, recommendation=recommendation, on=on)
    if on:
        messages.success(request, _("You follow this recommendation: we will tell you of every step."))
    else:
        messages.success(request, _("You no longer follow this recommendation."))
    return HttpResponseRedirect(recommendation.get_absolute_url())
