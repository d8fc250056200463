"""Recommendations on the home page (``registry.home_sections``): those the city answered recently ("now"), as the
tracker shows them to the person (a private body's only to its members and the office: the tracker's own rule,
``selectors._visible``)."""

import datetime
from typing import Any

from django.utils import timezone

from razem.recommendations.models import Recommendation
from razem.recommendations.selectors import _visible

# Defaults of the home page (no rule of law or of the office's practice): what "recently" means, how many it lists.
RECENT_DAYS = 30
SHOWN = 3


def answered_recently(request: Any) -> dict[str, Any] | None:
    """The recommendations answered in the last ``RECENT_DAYS`` days, the latest answer first, sub-recommendations
    included (one query, two for a signed-in person: the bodies they sit in); only the columns shown."""
    since = timezone.localdate() - datetime.timedelta(days=RECENT_DAYS)
    answered = Recommendation.objects.filter(responded_on__gte=since).exclude(
        status__in=[Recommendation.Status.SUBMITTED, Recommendation.Status.ANALYSIS]
    )
    recommendations = list(
        _visible(answered, request.user)
        .select_related("body", "meeting")
        .only(
            "number",
            "title",
            "status",
            "responded_on",
            "source_kind",
            "source_note",
            "body__name",
            "body__short_name",
            "meeting__title",
        )
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
