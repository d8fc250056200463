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


# Who sees a candidacy. Before the candidate consents it is private: the candidate, the people of the nominating
# organization and the office see it; everyone else gets 404 (and no list shows it). ``selectors.candidacies_of``
# filters lists with the same rule (``candidacy_is_public_status`` and ``candidacy_is_own`` in SQL).


def public_candidacy_statuses(election: Any) -> set[str]:
    """The statuses shown to everyone in the election's current phase: consented candidacies gathering support
    and accepted ones until verification ends, the accepted ones only from then on. Never one awaiting consent,
    rejected or withdrawn."""
    if election.electorate_frozen_at or election.phase() in {"waiting", "voting", "counting", "results"}:
        return {"accepted"}
    return {"submitted", "accepted"}


@rules.predicate
def candidacy_is_public(user: Any, candidacy: Any) -> bool:
    if candidacy is None:
        return False
    election = candidacy.election
    return election.status != "draft" and candidacy.status in public_candidacy_statuses(election)


@rules.predicate
def is_the_candidate(user: Any, candidacy: Any) -> bool:
    return candidacy is not None and bool(user and user.is_authenticated) and candidacy.person_id == user.pk


@rules.predicate
def is_of_nominating_organization(user: Any, candidacy: Any) -> bool:
    """An active member (any role) of the organization that nominated the candidate."""
    from razem.organizations.predicates import is_org_member

    return candidacy is not None and is_org_member(user, candidacy.organization)


@rules.predicate
def candidacy_election_is_visible(user: Any, candidacy: Any) -> bool:
    return candidacy is not None and candidacy.election.status != "draft"
