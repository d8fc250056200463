"""Predicates about people in organizations, shared by every app that lets someone act for an NGO."""

from typing import Any

import rules

from razem.core.predicates import is_signed_in


def _membership(user: Any, organization: Any) -> Any:
    """The person's membership, cached on the user object for the request."""
    if organization is None or not is_signed_in(user):
        return None
    cache = user.__dict__.setdefault("_razem_memberships", {})
    if organization.pk not in cache:
        from razem.organizations.models import Membership

        cache[organization.pk] = Membership.objects.filter(user=user, organization_id=organization.pk).first()
    return cache[organization.pk]


@rules.predicate
def is_org_member(user: Any, organization: Any) -> bool:
    m = _membership(user, organization)
    return bool(m and m.status == m.Status.ACTIVE)


@rules.predicate
def is_org_admin(user: Any, organization: Any) -> bool:
    m = _membership(user, organization)
    return bool(m and m.status == m.Status.ACTIVE and m.role == m.Role.ADMIN)


@rules.predicate
def is_org_representative(user: Any, organization: Any) -> bool:
    """May act for the organization: its administrators and representatives."""
    m = _membership(user, organization)
    return bool(m and m.may_act)


@rules.predicate
def has_any_membership(user: Any, organization: Any) -> bool:
    """A member, or has asked to join and awaits the answer. A declined request does not count: one may ask again."""
    m = _membership(user, organization)
    return bool(m and m.status in {m.Status.ACTIVE, m.Status.REQUESTED})


@rules.predicate
def has_pending_request(user: Any, organization: Any) -> bool:
    m = _membership(user, organization)
    return bool(m and m.status == m.Status.REQUESTED)


@rules.predicate
def org_is_verified(user: Any, organization: Any) -> bool:
    return organization is not None and organization.status == organization.Status.VERIFIED


@rules.predicate
def org_is_open(user: Any, organization: Any) -> bool:
    """Its profile can still be changed by its people: not dissolved nor rejected."""
    if organization is None:
        return False
    status = organization.Status
    return organization.status in {status.PENDING, status.VERIFIED, status.SUSPENDED}
