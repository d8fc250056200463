"""Predicates about small-grant offers (a ``grants.Offer`` of kind ``small_grant``), composed in rules.py."""

from typing import Any

import rules
from django.utils import timezone

PUBLIC_STATUSES = ("published", "awarded", "not_awarded", "withdrawn")


def _small_grant(offer: Any) -> Any:
    try:
        return offer.small_grant
    except Exception:  # noqa: BLE001 - no small-grant part (RelatedObjectDoesNotExist)
        return None


@rules.predicate
def is_small_grant(user: Any, offer: Any) -> bool:
    return offer is not None and offer.kind == "small_grant" and _small_grant(offer) is not None


@rules.predicate
def is_draft(user: Any, offer: Any) -> bool:
    return offer is not None and offer.status == "draft"


@rules.predicate
def is_filed(user: Any, offer: Any) -> bool:
    return offer is not None and offer.status == "filed"


@rules.predicate
def is_published(user: Any, offer: Any) -> bool:
    return offer is not None and offer.status == "published"


@rules.predicate
def is_undecided(user: Any, offer: Any) -> bool:
    """Filed or published, and not decided yet."""
    return offer is not None and offer.status in {"filed", "published"}


@rules.predicate
def was_filed(user: Any, offer: Any) -> bool:
    return offer is not None and offer.current_version_id is not None


@rules.predicate
def is_public(user: Any, offer: Any) -> bool:
    """Published for comments (and decided since): its page and its comments are public."""
    small_grant = _small_grant(offer) if offer is not None else None
    return small_grant is not None and small_grant.published_on is not None and offer.status in PUBLIC_STATUSES


@rules.predicate
def comments_open(user: Any, offer: Any) -> bool:
    small_grant = _small_grant(offer) if offer is not None else None
    return small_grant is not None and offer.status == "published" and small_grant.comments_open(timezone.localdate())


@rules.predicate
def comments_over(user: Any, offer: Any) -> bool:
    small_grant = _small_grant(offer) if offer is not None else None
    return small_grant is not None and small_grant.comments_over(timezone.localdate())


@rules.predicate
def comment_is_shown(user: Any, comment: Any) -> bool:
    return comment is not None and comment.hidden_at is None
