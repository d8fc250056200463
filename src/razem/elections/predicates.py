from typing import Any

import rules


@rules.predicate
def election_is_announced(user: Any, election: Any) -> bool:
    return election is not None and election.status != "draft"


@rules.predicate
def voting_is_open(user: Any, election: Any) -> bool:
    return election is not None and election.phase() == "voting" and election.electorate_frozen_at is not None


@rules.predicate
def nominations_are_open(user: Any, election: Any) -> bool:
    return election is not None and election.phase() == "nominations"


@rules.predicate
def support_is_open(user: Any, election: Any) -> bool:
    return election is not None and election.phase() in {"nominations", "support"}


@rules.predicate
def ballots_are_public(user: Any, election: Any) -> bool:
    """The anonymous ballots are published once the vote is counted."""
    return election is not None and election.closed_at is not None


@rules.predicate
def acts_for_some_organization(user: Any) -> bool:
    if not (user and user.is_authenticated):
        return False
    if "_razem_acts_for_any" not in user.__dict__:
        user.__dict__["_razem_acts_for_any"] = user.memberships.filter(
            status="active", role__in=["admin", "representative"], organization__status="verified"
        ).exists()
    return user.__dict__["_razem_acts_for_any"]
