"""Who may do what in elections (docs/roles-and-permissions.md). Whether an organization may vote or nominate is
checked by the services against the frozen electorate and the eligibility rule; these rules decide which pages
and buttons a person gets."""

import rules

from razem.core.predicates import is_city_staff, is_signed_in
from razem.elections.predicates import (
    acts_for_some_organization,
    ballots_are_public,
    election_is_announced,
    nominations_are_open,
    support_is_open,
    voting_is_open,
)

rules.add_perm("elections.view_election", election_is_announced | is_city_staff)
rules.add_perm("elections.nominate_election", is_signed_in & acts_for_some_organization & nominations_are_open)
rules.add_perm("elections.support_election", is_signed_in & acts_for_some_organization & support_is_open)
rules.add_perm("elections.vote_election", is_signed_in & acts_for_some_organization & voting_is_open)
rules.add_perm("elections.view_ballots_election", election_is_announced & ballots_are_public)
# Officers prepare and run elections, see who voted (never how), record paper ballots, count and publish.
rules.add_perm("elections.manage_election", is_city_staff)
rules.add_perm("elections.list_all_election", is_city_staff)
