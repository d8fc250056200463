"""Dialogue bodies on the home page (``registry.home_sections``): the requests for opinions awaiting the bodies the
person sits in ("for_you") and the latest acts of the bodies the person may see ("latest"; a private body's only to
its members and the office, as ``bodies.view_body`` rules)."""

from typing import Any
from urllib.parse import quote

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS

from razem.bodies.models import Act, Body, OpinionRequest
from razem.bodies.predicates import current_body_ids
from razem.core.deadlines import days_of
from razem.core.predicates import is_city_staff

# Defaults of the home page (no rule of law or of the office's practice): how many items a section lists.
LATEST_ACTS = 4
OPINIONS = 3
_SLUG = "__slug__"  # stands for the body's slug in the reversed address, replaced per row (quoted as reverse does)
_SAFE = RFC3986_SUBDELIMS + "/~:@"


def _visible_acts(user: Any) -> QuerySet[Act]:
    acts = Act.objects.filter(body__is_active=True)
    if not is_city_staff(user):
        acts = acts.filter(~Q(body__visibility=Body.Visibility.PRIVATE) | Q(body_id__in=current_body_ids(user)))
    return acts


def opinions_due(request: Any) -> dict[str, Any] | None:
    """For you: the open requests for an opinion of the bodies you sit in, the soonest due first (three queries: the
    person's seats, the requests, the office's warning window)."""
    bodies = current_body_ids(request.user)
    if not bodies:
        return None
    requests = list(
        OpinionRequest.objects.filter(body_id__in=bodies, status=OpinionRequest.Status.OPEN)
        .select_related("body")
        .only("subject", "due_on", "body__slug", "body__name", "body__short_name")
        .order_by("due_on", "id")[:OPINIONS]
    )
    if not requests:
        return None
    today = timezone.localdate()
    warning = days_of("opinion_warning_days", today)
    for item in requests:
        item.left = item.days_left(today)  # type: ignore[attr-defined]
        item.late = -item.left  # type: ignore[attr-defined]
        item.soon = item.left <= warning  # type: ignore[attr-defined]
    return {"requests": requests}


def latest_acts(request: Any) -> dict[str, Any] | None:
    """The latest resolutions, opinions and positions of the bodies (one query; two for a signed-in person)."""
    acts = list(
        _visible_acts(request.user)
        .select_related("body")
        .only("kind", "number", "title", "adopted_on", "body__slug", "body__name")
        .order_by("-adopted_on", "-created_at", "-id")[:LATEST_ACTS]
    )
    if not acts:
        return None
    url = reverse("bodies:acts", args=[_SLUG])
    for act in acts:
        act.url = url.replace(_SLUG, quote(act.body.slug, safe=_SAFE))  # type: ignore[attr-defined]
    return {"acts": acts}


def register(registry: Any) -> None:
    registry.home_sections.register(
        registry.HomeSection("bodies_opinions", "bodies/home/_opinions.html", opinions_due, 30, "for_you")
    )
    registry.home_sections.register(
        registry.HomeSection("bodies_acts", "bodies/home/_acts.html", latest_acts, 10, "latest")
    )
