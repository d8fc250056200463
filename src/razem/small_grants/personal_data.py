"""A person's data in small grants: the comments they wrote while signed in.

The export gives the person their comments (the offer, when, under which name, the text, whether the office hid it
and why). An account deletion refuses nothing: a comment on a published offer is part of a public procedure, so its
text stays; the name and e-mail address written with it are erased and the link to the account goes (the comment
then reads as anonymous). The other relations to people (who recorded a plan, published an offer, decided, hid a
comment) are stamps (``SET_NULL``)."""

from typing import Any

from razem.small_grants.models import Comment

COVERS = ("small_grants.Comment.author",)


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    comments = Comment.objects.filter(author=user).select_related("small_grant__offer").order_by("created_at", "pk")
    return {
        "small_grant_comments": [
            {
                "offer": f"{c.small_grant.offer.number}: {c.small_grant.offer.title}",
                "written_at": c.created_at.isoformat(),
                "name": c.name,
                "email": c.email,
                "text": c.text,
                "hidden_at": c.hidden_at and c.hidden_at.isoformat(),
                "hidden_reason": c.hidden_reason,
            }
            for c in comments
        ]
    }


def deletion_problems(user: Any) -> list[str]:
    return []


def deletion_cleanup(user: Any) -> None:
    Comment.objects.filter(author=user).update(name="", email="", author=None)
