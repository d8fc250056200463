"""Predicates of elections. The time windows come from the one calendar of ``razem.elections.schedule``; who acts
for an organization from ``razem.organizations.selectors``."""

from typing import Any

import rules

from razem.elections.schedule import SCHEDULE


@rules.predicate
def election_is_announced(user: Any, election: Any) -> bool:
    return election is not None and election.status != "draft"


@rules.predicate
def electorate_is_frozen(user: Any, election: Any) -> bool:
    """The office has opened the vote: the electorate is frozen and the ballot numbered."""
    return election is not None and election.electorate_frozen_at is not None


in_voting_window = SCHEDULE.predicate("voting", name="in_voting_window")
nominations_are_open = SCHEDULE.predicate("nominations", name="nominations_are_open")
support_is_open = SCHEDULE.predicate("nominations", "support", name="support_is_open")
voting_is_open = in_voting_window & electorate_is_frozen


@rules.predicate
def ballots_are_public(user: Any, election: Any) -> bool:
    """The anonymous ballots are published once the vote is counted."""
    return election is not None and election.closed_at is not None


@rules.predicate
def acts_for_some_organization(user: Any) -> bool:
    from razem.organizations.selectors import organizations_acted_for

    if not (user and user.is_authenticated):
        return False
    if "_razem_acts_for_any" not in user.__dict__:
        user.__dict__["_razem_acts_for_any"] = organizations_acted_for(user=user).exists()
    return user.__dict__["_razem_acts_for_any"]
