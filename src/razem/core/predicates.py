"""Shared predicates for ``rules``; domain apps compose them into their permissions."""

from typing import Any

import rules


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_officer(user: Any) -> bool:
    return is_signed_in(user) and user.role == "officer"


@rules.predicate
def is_administrator(user: Any) -> bool:
    return is_signed_in(user) and user.role == "administrator"


@rules.predicate
def is_city_staff(user: Any) -> bool:
    """City officers and administrators, as the user model defines them (``User.is_city_staff``)."""
    return is_signed_in(user) and bool(getattr(user, "is_city_staff", False))


@rules.predicate
def is_self(user: Any, obj: Any) -> bool:
    return obj is not None and is_signed_in(user) and obj.pk == user.pk


@rules.predicate
def is_recipient(user: Any, obj: Any) -> bool:
    return obj is not None and is_signed_in(user) and obj.recipient_id == user.pk
