"""Recommendations on the home page (``registry.home_sections``): those the city answered recently ("now"), as the
tracker shows them to the person (a private body's only to its members and the office)."""

import datetime
from typing import Any

from django.utils import timezone

from razem.recommendations.models import Recommendation
from razem.recommendations.selectors import TrackerFilters, tracker

# Defaults of the home page (no rule of law or of the office's practice): what "recently" means, how many it lists.
RECENT_DAYS = 30
SHOWN = 3


def answered_recently(request: Any) -> dict[str, Any] | None:
    """The recommendations answered in the last ``RECENT_DAYS`` days, the latest answer first (one query, two for a
    signed-in person: the bodies they sit in)."""
    since = timezone.localdate() - datetime.timedelta(days=RECENT_DAYS)
    recommendations = list(
        tracker(user=request.user, filters=TrackerFilters(), top_level=False)
        .filter(responded_on__gte=since)
        .exclude(status__in=[Recommendation.Status.SUBMITTED, Recommendation.Status.ANALYSIS])
        .order_by("-responded_on", "-id")[:SHOWN]
    )
    if not recommendations:
        return None
    return {"recommendations": recommendations, "days": RECENT_DAYS}


def register(registry: Any) -> None:
    registry.home_sections.register(
        registry.HomeSection(
            "recommendations_answered", "recommendations/home/_answered.html", answered_recently, 40, "now"
        )
    )
