from typing import Any

import rules


@rules.predicate
def source_is_visible(user: Any, recommendation: Any) -> bool:
    """A recommendation is public unless it comes from a private body (then its members and staff see it)."""
    if recommendation is None:
        return False
    body = recommendation.body
    return body is None or user.has_perm("bodies.view_body", body)


@rules.predicate
def is_source_body_officer(user: Any, body: Any) -> bool:
    from razem.bodies.predicates import is_body_officer

    return is_body_officer(user, body)
