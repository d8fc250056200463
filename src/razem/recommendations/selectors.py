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


def _visible(recommendations: QuerySet[Recommendation], user: Any) -> QuerySet[Recommendation]:
    if is_city_staff(user):
        return recommendations
    return recommendations.filter(
        Q(body__isnull=True) | ~Q(body__visibility="private") | Q(body_id__in=current_body_ids(user))
    )


def tracker(*, user: Any, filters: TrackerFilters, top_level: bool = True) -> QuerySet[Recommendation]:
    """The public tracker: recommendations the person may see, filtered, with their sub-recommendation counts."""
    recommendations = _visible(Recommendation.objects.all(), user)
    if top_level:
        recommendations = recommendations.filter(parent__isnull=True)
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
    return (
        recommendations.select_related("body", "meeting", "parent")
        .annotate(children_count=Count("children", distinct=True))
        .order_by("-submitted_on", "number")
    )


def export_rows(*, user: Any, filters: TrackerFilters) -> QuerySet[Recommendation]:
    """Every recommendation matching the filters, sub-recommendations included, for the CSV."""
    return tracker(user=user, filters=filters, top_level=False).order_by("number")


def detail() -> QuerySet[Recommendation]:
    return Recommendation.objects.select_related("body", "meeting", "parent", "created_by")


def timeline_of(*, recommendation: Recommendation) -> QuerySet[TimelineEntry]:
    return recommendation.timeline.select_related("actor").order_by("date", "id")


def children_of(*, recommendation: Recommendation) -> QuerySet[Recommendation]:
    return recommendation.children.annotate(children_count=Count("children")).order_by("number")


def departments() -> list[str]:
    return list(Recommendation.objects.order_by("department").values_list("department", flat=True).distinct())


def years() -> list[int]:
    return sorted({d.year for d in Recommendation.objects.values_list("submitted_on", flat=True)}, reverse=True)


def status_counts(*, user: Any) -> dict[str, int]:
    rows = _visible(Recommendation.objects.filter(parent__isnull=True), user).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def is_following(*, user: Any, recommendation: Recommendation) -> bool:
    return bool(user.is_authenticated and recommendation.followers.filter(person=user).exists())
