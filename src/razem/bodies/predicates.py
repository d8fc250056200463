"""Predicates about people in dialogue bodies, shared by the apps whose objects belong to a body."""

from typing import Any

import rules

from razem.core.predicates import is_signed_in

OFFICER_POSITIONS = {"chair", "vice_chair", "secretary"}
CHAIR_POSITIONS = {"chair", "vice_chair"}


def _current_positions(user: Any) -> dict[int, set[str]]:
    """The bodies the person sits in today and their positions there, cached on the user for the request."""
    if not is_signed_in(user):
        return {}
    if "_razem_body_positions" not in user.__dict__:
        from razem.bodies.models import BodyMembership

        positions: dict[int, set[str]] = {}
        for body_id, position in (
            BodyMembership.objects.current().filter(person=user).order_by().values_list("body_id", "position")
        ):
            positions.setdefault(body_id, set()).add(position)
        user.__dict__["_razem_body_positions"] = positions
    return user.__dict__["_razem_body_positions"]


def current_body_ids(user: Any) -> set[int]:
    return set(_current_positions(user))


@rules.predicate
def is_body_member(user: Any, body: Any) -> bool:
    return body is not None and body.pk in _current_positions(user)


@rules.predicate
def is_body_officer(user: Any, body: Any) -> bool:
    """The body's chair, vice-chair or secretary today."""
    return body is not None and bool(_current_positions(user).get(body.pk, set()) & OFFICER_POSITIONS)


@rules.predicate
def is_body_chair(user: Any, body: Any) -> bool:
    return body is not None and bool(_current_positions(user).get(body.pk, set()) & CHAIR_POSITIONS)


@rules.predicate
def body_is_visible(user: Any, body: Any) -> bool:
    """Public or transparent: anyone may see the body, its members and its acts."""
    return body is not None and body.visibility != "private"


@rules.predicate
def body_is_transparent(user: Any, body: Any) -> bool:
    return body is not None and body.visibility == "transparent"


@rules.predicate
def body_takes_applications(user: Any, body: Any) -> bool:
    return body is not None and body.is_active and body.joining in {"open", "application"}


@rules.predicate
def is_chair_of_application_body(user: Any, application: Any) -> bool:
    """The chair or a vice-chair of the body an application was sent to."""
    return application is not None and is_body_chair.test(user, application.body)


@rules.predicate
def acts_for_application_organization(user: Any, application: Any) -> bool:
    """The person may act for the organization that applied (its administrator or representative)."""
    return application is not None and bool(
        user.has_perm("organizations.act_for_organization", application.organization)
    )
