"""Every write of an election, by topic: preparing and announcing it (``preparing``), lists of candidates
(``lists``), nominations, consent, support and verification (``candidates``), freezing the electorate, casting online
and recording paper ballots (``voting``), counting, the decision by lot, publication and the protocol
(``counting``), and seating the elected in the body's term (``seating``).

Callers import the package: ``from razem.elections import services; services.ballot_cast(...)``. As when the
services were one module, ``services.ValidationError`` (Django's) is the refusal every service raises and
``services.tracker_hash`` is the model's."""

from django.core.exceptions import ValidationError

from razem.elections.models import tracker_hash
from razem.elections.services.candidates import (
    candidacy_consent,
    candidacy_nominate,
    candidacy_verify,
    support_give,
    support_withdraw,
)
from razem.elections.services.common import eligible_organizations, tell_electorate
from razem.elections.services.counting import (
    PROTOCOL,
    election_count,
    protocol_issue,
    results_publish,
    seat_allocation,
    tally,
    tie_decide,
    turnout_counts,
)
from razem.elections.services.lists import candidate_list_add
from razem.elections.services.preparing import ELECTION_FIELDS, election_announce, election_save, validate_calendar
from razem.elections.services.seating import Seating, elected_seat
from razem.elections.services.voting import (
    TRACKER_ALPHABET,
    ballot_cast,
    electorate_freeze,
    new_tracker,
    paper_ballot_record,
    validate_choices,
)

__all__ = [
    "ELECTION_FIELDS",
    "PROTOCOL",
    "TRACKER_ALPHABET",
    "ValidationError",
    "Seating",
    "ballot_cast",
    "candidacy_consent",
    "candidacy_nominate",
    "candidacy_verify",
    "candidate_list_add",
    "elected_seat",
    "election_announce",
    "election_count",
    "election_save",
    "electorate_freeze",
    "eligible_organizations",
    "new_tracker",
    "paper_ballot_record",
    "protocol_issue",
    "results_publish",
    "seat_allocation",
    "support_give",
    "support_withdraw",
    "tally",
    "tell_electorate",
    "tie_decide",
    "tracker_hash",
    "turnout_counts",
    "validate_calendar",
    "validate_choices",
]
