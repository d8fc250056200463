"""Who may do what in elections (docs/roles-and-permissions.md). Whether an organization may vote or nominate is
checked by the services against the frozen electorate and the eligibility rule; these rules decide which pages
and buttons a person gets, and each requirement carries the words of its refusal: the page (``why_not``) and the
service (``ensure``) say the same."""

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from razem.core.permissions import add_perm, require
from razem.core.predicates import is_city_staff
from razem.elections.predicates import (
    acts_for_some_organization,
    ballots_are_public,
    candidacy_election_is_visible,
    candidacy_is_public,
    election_is_announced,
    electorate_is_frozen,
    in_voting_window,
    is_of_nominating_organization,
    is_the_candidate,
    nominations_are_open,
    support_is_open,
)
from razem.elections.schedule import SCHEDULE, support_closed_message

NOMINATE = "elections.nominate_election"
SUPPORT = "elections.support_election"
VOTE = "elections.vote_election"

ONLY_REPRESENTATIVE = _("Only a representative of a verified organization can do this, on the organization's behalf.")
NOT_OPENED = _("Voting has not been opened by the office yet.")


def _nominations_closed(user: Any, election: Any) -> str:
    return SCHEDULE.closed_message(election, "nominations")


def _support_closed(user: Any, election: Any) -> str:
    return support_closed_message(election)


def _voting_closed(user: Any, election: Any) -> str:
    return SCHEDULE.closed_message(election, "voting")


representative = require(acts_for_some_organization, ONLY_REPRESENTATIVE, code="not_representative")

rules.add_perm("elections.view_election", election_is_announced | is_city_staff)
add_perm(NOMINATE, representative, require(nominations_are_open, _nominations_closed, code="window"))
add_perm(SUPPORT, representative, require(support_is_open, _support_closed, code="window"))
add_perm(
    VOTE,
    representative,
    require(in_voting_window, _voting_closed, code="window"),
    require(electorate_is_frozen, NOT_OPENED, code="not_frozen"),
)
# A candidacy: public once the candidate has consented (as the phase allows, ``public_candidacy_statuses``); before,
# and when rejected or withdrawn, only the candidate, the people of the nominating organization and the office.
rules.add_perm(
    "elections.view_candidacy",
    candidacy_is_public
    | (candidacy_election_is_visible & (is_the_candidate | is_of_nominating_organization))
    | is_city_staff,
)
rules.add_perm("elections.view_ballots_election", election_is_announced & ballots_are_public)
# Officers prepare and run elections, see who voted (never how), record paper ballots, count and publish.
rules.add_perm("elections.manage_election", is_city_staff)
rules.add_perm("elections.list_all_election", is_city_staff)
