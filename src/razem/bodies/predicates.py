"""Predicates about people in dialogue bodies, shared by the apps whose objects belong to a body."""

from typing import Any

import rules

from razem.core.predicates import is_signed_in


def current_body_ids(user: Any) -> set[int]:
    """The bodies the person sits in today, cached on the user object for the request."""
    if not is_signed_in(user):
        return set()
    if "_razem_body_ids" not in user.__dict__:
        from razem.bodies.models import BodyMembership

        user.__dict__["_razem_body_ids"] = set(
            BodyMembership.objects.current().filter(person=user).values_list("body_id", flat=True)
        )
    return user.__dict__["_razem_body_ids"]


@rules.predicate
def is_body_member(user: Any, body: Any) -> bool:
    return body is not None and body.pk in current_body_ids(user)
