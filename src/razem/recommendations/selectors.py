"""Reads of the recommendations tracker."""

import dataclasses
from typing import Any

from django.db.models import Count, Q, QuerySet

from razem.bodies.predicates import current_body_ids
from razem.core.predicates import is_city_staff
from razem.recommendations.models import Recommendation, TimelineEntry


@dataclasses.dataclass(frozen=True)
class TrackerFilters:
    body_id: int | None = None
    policy_area: str = ""
    department: str = ""
    status: str = ""
    year: int | None = None
    query: str = ""

    @property
    def is_set(self) -> bool:
        return self != TrackerFilters()


def _visible(recommendations: QuerySet[Recommendation], user: Any) -> QuerySet[Recommendation]:
    if is_city_staff(user):
        return recommendations
    return recommendations.filter(
        Q(body__isnull=True) | ~Q(body__visibility="private") | Q(body_id__in=current_body_ids(user))
    )


def tracker(*, user: Any, filters: TrackerFilters, top_level: bool | None = None) -> QuerySet[Recommendation]:
    """The public tracker: recommendations the person may see, filtered, with their sub-recommendation counts.

    Unfiltered, it lists the main recommendations (each shows how many sub-recommendations it has); filtered, every
    recommendation that matches, sub-recommendations included, so that a status count of the summary
    (``status_counts``, which counts both) and the list its link opens show the same number."""
    recommendations = _visible(Recommendation.objects.all(), user)
    if top_level is None:
        top_level = not filters.is_set
    if top_level:
        recommendations = recommendations.filter(parent__isnull=True)
    return (
        tracker_filtered(recommendations, filters)
        .select_related("body", "meeting", "parent")
        .annotate(children_count=Count("children", distinct=True))
        .order_by("-submitted_on", "-id")
    )


def for_staff(*, user: Any) -> QuerySet[Recommendation]:
    """The office's list: every recommendation and sub-recommendation, newest first until sorted or filtered."""
    return (
        _visible(Recommendation.objects.all(), user)
        .select_related("body", "meeting", "parent")
        .annotate(children_count=Count("children", distinct=True))
        .order_by("-submitted_on", "-id")
    )


def tracker_filtered(recommendations: QuerySet[Recommendation], filters: TrackerFilters) -> QuerySet[Recommendation]:
    """``recommendations`` narrowed by the tracker's filters."""
    f = filters
    if f.body_id:
        recommendations = recommendations.filter(body_id=f.body_id)
    if f.policy_area:
        recommendations = recommendations.filter(policy_area=f.policy_area)
    if f.department:
        recommendations = recommendations.filter(department=f.department)
    if f.status:
        recommendations = recommendations.filter(status=f.status)
    if f.year:
        recommendations = recommendations.filter(submitted_on__year=f.year)
    if f.query:
        recommendations = recommendations.filter(Q(title__icontains=f.query) | Q(text__icontains=f.query))
    return recommendations


def export_rows(*, user: Any, filters: TrackerFilters) -> QuerySet[Recommendation]:
    """Every recommendation matching the filters, sub-recommendations included, for the CSV."""
    return tracker(user=user, filters=filters, top_level=False).order_by("submitted_on", "id")


def detail() -> QuerySet[Recommendation]:
    return Recommendation.objects.select_related("body", "meeting", "parent", "created_by")


def timeline_of(*, recommendation: Recommendation) -> QuerySet[TimelineEntry]:
    return recommendation.timeline.select_related("actor").order_by("date", "id")


def children_of(*, recommendation: Recommendation) -> QuerySet[Recommendation]:
    return recommendation.children.annotate(children_count=Count("children")).order_by("id")


@dataclasses.dataclass(frozen=True)
class StatusCounts:
    """How many recommendations the person may see are in each status, sub-recommendations included (a
    sub-recommendation implemented is a recommendation implemented), and how many of them are sub-recommendations."""

    by_status: dict[str, int]
    sub: int

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def main(self) -> int:
        return self.total - self.sub


def status_counts(*, user: Any) -> StatusCounts:
    """The tracker's summary: one query."""
    rows = (
        _visible(Recommendation.objects.all(), user)
        .order_by()
        .values("status")
        .annotate(n=Count("id"), sub=Count("id", filter=Q(parent__isnull=False)))
    )
    by_status, sub = {}, 0
    for row in rows:
        by_status[row["status"]] = row["n"]
        sub += row["sub"]
    return StatusCounts(by_status=by_status, sub=sub)


def is_following(*, user: Any, recommendation: Recommendation) -> bool:
    return bool(user.is_authenticated and recommendation.followers.filter(person=user).exists())


# Choices of the tracker filters, limited to what the person may see (added with the tracker pages).


def source_bodies(*, user: Any) -> QuerySet[Any]:
    """The bodies whose recommendations the person may see, for the "source body" filter."""
    from razem.bodies.models import Body

    body_ids = _visible(Recommendation.objects.filter(body__isnull=False), user).values("body_id")
    return Body.objects.filter(pk__in=body_ids).order_by("name")


def departments_for(*, user: Any) -> list[str]:
    rows = _visible(Recommendation.objects.all(), user).order_by("department").values_list("department", flat=True)
    return list(rows.distinct())


def years_for(*, user: Any) -> list[int]:
    dates = _visible(Recommendation.objects.all(), user).dates("submitted_on", "year", order="DESC")
    return [d.year for d in dates]
