"""A person's data in the recommendations tracker: what they follow."""

from typing import Any

from razem.recommendations.models import Follower

COVERS = ("recommendations.Follower.person",)


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    follows = Follower.objects.filter(person=user).select_related("recommendation").order_by("created_at")
    return {
        "following": [
            {
                "recommendation": f.recommendation.number,
                "title": f.recommendation.title,
                "since": f.created_at.isoformat(),
            }
            for f in follows
        ]
    }


def deletion_cleanup(user: Any) -> None:
    Follower.objects.filter(person=user).delete()
