"""The commission's reads, each with a constant number of queries (other apps may call the public ones).

Public API:

- ``composition(call) -> Composition``: the members in their order (the chair first, then the representatives of
  the Mayor, the nominees of organizations, the experts), who votes, who is excluded and why, and whether the
  commission sits without NGO members (art. 15 ust. 2da); two queries.
- ``ranking(call, viewer=None) -> Ranking``: every offer the commission evaluates (``predicates.RANKED``) with the
  average of the voting members' totals, how many of them scored it, the per-criterion averages, the experts'
  average apart, the grant requested and the amount proposed, sorted by points; the call's funds per year against
  the requests and the proposals. A ``viewer`` who sits on the commission sees the points only of the offers
  they may open: not those they declared a conflict with nor those their declaration does not cover yet
  (``Row.hidden`` says why). Ten queries whatever the number of offers and members (with the viewer's seat).
- ``progress(call) -> Progress``: members, declarations signed, scores given and expected, the opinion.
- ``seats_of(user)``: the person's seats in commissions, with their calls.

Used by the pages: ``nominations_to_appoint``, ``staff_to_appoint``, ``undeclared_offers``, ``member_offers``,
``offer_for_member``, ``offer_scores``.
"""

from razem.commissions.selectors.common import (
    NOT_TAKING_PART,
    ROLE_ORDER,
    grant_by_year,
    oferent_names,
    ranked_offers,
    requested_of,
    title_of,
)
from razem.commissions.selectors.people import (
    Composition,
    MemberOffer,
    MemberScore,
    account_of,
    composition,
    criteria_of,
    member_offers,
    nominations_to_appoint,
    offer_for_member,
    offer_scores,
    seats_of,
    staff_to_appoint,
    takes_part,
    undeclared_offers,
)
from razem.commissions.selectors.progress import (
    Progress,
    calls_with_commissions,
    declarations_of,
    members_for_present,
    progress,
)
from razem.commissions.selectors.ranking import Ranking, Row, YearSums, ranking

__all__ = [
    "NOT_TAKING_PART",
    "ROLE_ORDER",
    "Composition",
    "MemberOffer",
    "MemberScore",
    "Progress",
    "Ranking",
    "Row",
    "YearSums",
    "account_of",
    "calls_with_commissions",
    "composition",
    "criteria_of",
    "declarations_of",
    "grant_by_year",
    "members_for_present",
    "member_offers",
    "nominations_to_appoint",
    "oferent_names",
    "offer_for_member",
    "offer_scores",
    "progress",
    "ranked_offers",
    "ranking",
    "requested_of",
    "seats_of",
    "staff_to_appoint",
    "takes_part",
    "title_of",
    "undeclared_offers",
]
