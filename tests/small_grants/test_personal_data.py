"""A person's comments in the personal-data export, and what an account deletion leaves of them; the system check
that every relation to the user model is covered."""

import pytest

from razem.core import registry
from razem.core.checks import check_personal_data_coverage
from razem.small_grants.models import Comment
from razem.small_grants.services.comments import comment_add
from tests.factories import UserFactory
from tests.small_grants.factories import published

pytestmark = pytest.mark.django_db


def test_a_persons_comments_are_exported_and_anonymised_on_deletion(offer):
    published(offer, UserFactory(officer=True))
    person = UserFactory(full_name="Maria Mieszkanka")
    comment_add(actor=person, offer=offer, text="Popieram ten festyn.")
    exported = registry.personal_data.get("small_grants").export(person)
    assert [(c["text"], c["name"], c["email"]) for c in exported["small_grant_comments"]] == [
        ("Popieram ten festyn.", "Maria Mieszkanka", person.email)
    ]
    assert registry.deletion_checks.get("small_grants").run(person) == []
    registry.deletion_cleanups.get("small_grants").run(person)
    comment = Comment.objects.get()
    assert (comment.author, comment.name, comment.email, comment.text) == (None, "", "", "Popieram ten festyn.")


def test_every_relation_to_people_is_covered():
    assert not [e for e in check_personal_data_coverage() if "small_grants" in e.msg]
