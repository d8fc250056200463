"""Permissions that say why not (razem.core.permissions): the page and the service give the same reason."""

import pytest
import rules
from django.core.exceptions import ValidationError

from razem.core.permissions import add_perm, ensure, require, why_not
from razem.core.predicates import is_city_staff, is_signed_in

pytestmark = pytest.mark.django_db


@rules.predicate
def is_open(user, thing) -> bool:  # noqa: ANN001
    return thing is not None and thing["open"]


add_perm(
    "tests.comment_thing",
    require(is_signed_in, "Sign in to comment."),
    require(is_open, lambda user, thing: f"Comments closed on {thing['closed_on']}."),
    alternatively=is_city_staff,
)


def test_the_first_unmet_requirement_is_the_reason_in_words(anonymous, resident):
    closed = {"open": False, "closed_on": "1 marca"}

    assert why_not(anonymous, "tests.comment_thing", closed) == "Sign in to comment."
    assert why_not(resident, "tests.comment_thing", closed) == "Comments closed on 1 marca."
    assert why_not(resident, "tests.comment_thing", {"open": True}) is None


def test_the_service_refuses_with_the_same_reason_on_the_field_it_names(resident):
    with pytest.raises(ValidationError) as refused:
        ensure(resident, "tests.comment_thing", {"open": False, "closed_on": "1 marca"}, field="text")

    assert refused.value.message_dict == {"text": ["Comments closed on 1 marca."]}


def test_the_alternative_grants_without_the_requirements(officer):
    assert officer.has_perm("tests.comment_thing", {"open": False, "closed_on": "1 marca"})
    ensure(officer, "tests.comment_thing", {"open": False, "closed_on": "1 marca"})
