"""A fresh demo account does not start with a pile of unread notifications made while the demo loaded: a few that
tell its story, newest first, the rest read and dated before them."""

from razem.core import registry
from razem.core.demo import settle_notifications
from razem.core.models import Notification
from razem.core.selectors import notification_list_for


def test_every_demo_account_starts_with_at_most_three_unread_notifications(demo):
    unread = {spec.email: Notification.objects.filter(recipient__email=spec.email).unread().count() for spec in
              registry.demo_accounts}  # fmt: skip

    assert all(count <= 3 for count in unread.values()), unread
    # The NGO accounts have a story to start with.
    assert unread["prezeska@razem.demo"] >= 1 and unread["przedstawiciel@razem.demo"] >= 1


def test_the_unread_ones_are_those_the_story_names_shown_first_and_dated_realistically(demo):
    for spec in registry.demo_accounts:
        user = demo[spec.email]
        listed = list(notification_list_for(user=user))
        unread = [n for n in listed if n.read_at is None]
        assert {n.kind for n in unread} <= set(spec.unread), spec.email
        # The story comes first in the list, before anything already read, each read one dated when it came.
        assert listed[: len(unread)] == unread, spec.email
        assert all(n.read_at >= n.created_at for n in listed if n.read_at is not None)
        already_read = listed[len(unread) :]
        if unread and already_read:
            assert max(n.created_at for n in already_read) <= min(n.created_at for n in unread), spec.email


def test_the_story_of_the_ngo_representative_begins_with_the_election_in_voting(demo):
    first = notification_list_for(user=demo["przedstawiciel@razem.demo"]).first()

    assert first.kind == "elections/voting_opens" and first.read_at is None


def test_settling_again_changes_nothing(demo):
    assert settle_notifications(0) == 0
