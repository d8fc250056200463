"""Reads of small grants, each list in a constant number of queries.

- ``public_open`` / ``public_past``: offers in their comment period now, and those whose period is over (decided,
  awaiting the decision or withdrawn), for ``/male-granty/``;
- ``public_detail``: one published offer with what its public page shows, ``visible_comments`` its comments;
- ``office_offers``: every offer filed at least once, for the office's list (``core.lists.staff_list``);
- ``office_detail``: one offer for the office's page;
- ``my_small_grants``: the offers of the organizations a person acts for;
- ``editor_offer``: a draft with what the editor reads;
- ``panel``: the office panel's card (waiting for publication with their deadline; decisions due).
"""

import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from razem.grants.models import Offer
from razem.organizations.models import Membership
from razem.small_grants.models import Comment, SmallGrant, SmallGrantPublication
from razem.small_grants.predicates import PUBLIC_STATUSES

HEAVY = ("offer__current_version__content",)


def _public() -> QuerySet[SmallGrant]:
    return (
        SmallGrant.objects.filter(
            published_on__isnull=False, offer__kind=Offer.Kind.SMALL_GRANT, offer__status__in=PUBLIC_STATUSES
        )
        .select_related("offer", "offer__organization", "offer__current_version", "offer__award", "area")
        .defer(*HEAVY)
        .annotate(comment_count=Count("comments", filter=Q(comments__hidden_at__isnull=True)))
    )


def public_open(today: datetime.date | None = None) -> QuerySet[SmallGrant]:
    today = today or timezone.localdate()
    return _public().filter(offer__status="published", comments_until__gte=today).order_by("comments_until", "id")


def public_past(today: datetime.date | None = None) -> QuerySet[SmallGrant]:
    today = today or timezone.localdate()
    return _public().exclude(offer__status="published", comments_until__gte=today).order_by("-published_on", "-id")


def public_detail() -> QuerySet[Offer]:
    return (
        Offer.objects.filter(kind=Offer.Kind.SMALL_GRANT)
        .select_related(
            "organization",
            "current_version",
            "small_grant",
            "small_grant__area",
            "small_grant__decision",
            "award",
        )
        .prefetch_related(
            Prefetch("small_grant__publications", queryset=SmallGrantPublication.objects.order_by("published_on", "id"))
        )
    )


def visible_comments(small_grant: SmallGrant) -> QuerySet[Comment]:
    """Every comment in order, hidden ones included (the page shows the reason in their place)."""
    return Comment.objects.filter(small_grant=small_grant).order_by("created_at", "id")


def office_offers() -> QuerySet[SmallGrant]:
    return (
        SmallGrant.objects.filter(offer__kind=Offer.Kind.SMALL_GRANT, offer__current_version__isnull=False)
        .select_related("offer", "offer__organization", "offer__current_version", "offer__award", "area", "decision")
        .defer(*HEAVY)
        .annotate(
            comment_count=Count("comments", filter=Q(comments__hidden_at__isnull=True)),
            hidden_count=Count("comments", filter=Q(comments__hidden_at__isnull=False)),
        )
    )


def office_detail() -> QuerySet[Offer]:
    return public_detail().select_related("small_grant__published_by", "small_grant__decided_by", "filed_by")


def my_small_grants(*, user: Any) -> QuerySet[Offer]:
    if not getattr(user, "is_authenticated", False):
        return Offer.objects.none()
    acting = Membership.objects.acting().filter(user=user).values("organization_id")
    return (
        Offer.objects.filter(kind=Offer.Kind.SMALL_GRANT, organization__in=acting, small_grant__isnull=False)
        .select_related("organization", "current_version", "small_grant", "small_grant__decision", "award")
        .defer("current_version__content")
        .order_by("-updated_at", "id")
    )


def editor_offer() -> QuerySet[Offer]:
    return (
        Offer.objects.filter(kind=Offer.Kind.SMALL_GRANT)
        .select_related("organization", "small_grant", "small_grant__area", "current_version")
        .prefetch_related("activities", "results", "cost_lines__small_grant_share", "funding", "draft_inputs")
    )


def panel(today: datetime.date | None = None) -> dict[str, Any]:
    """The office's card: offers waiting for publication (the nearest deadline first, overdue ones marked) and
    offers whose comment period is over and wait for the decision."""
    today = today or timezone.localdate()
    base = office_offers()
    waiting = list(base.filter(offer__status="filed").order_by("publication_due", "id")[:10])
    due = list(base.filter(offer__status="published", comments_until__lt=today).order_by("comments_until", "id")[:10])
    return {"waiting": waiting, "due": due, "today": today}
