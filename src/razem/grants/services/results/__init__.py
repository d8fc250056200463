"""The decision on a call, its results, the questions about it, and the update after a partial award (art. 15 ust.
2g–2j u.d.p.p.w.; points 5–6 of issue 12).

``decision_record(*, actor, call, number, made_on, awards, title="", note="", request=None) -> Decision``
    The Mayor's order (zarządzenie: its number and date) recorded by the office. ``awards`` maps each admitted
    offer's id to ``{year: amount}`` (an amount of 0 or None, or an offer left out, is "not funded"). Refused, and
    nothing saved, when: the person may not decide now (``grants.decide_call``: the office, after the deadline, no
    decision yet); the formal check of some offer is not finished (filed or called to correct); the commission has
    not given its opinion on an admitted offer (``Offer.points`` empty); an amount is negative, above what the
    offer requests for that year, or in a year it requests nothing for; an offer's grant is below the call's
    smallest grant (its update could not meet the call's rules); an offer is not admitted; the awards of a
    year add up to more than the call's funds for that year (the year and the figures named); the number or the
    date is missing, the date is in the future or before the deadline. Saves the ``Decision``, an ``Award`` (with
    its ``AwardYear`` rows) per offer funded — on the current version, with the share of the grant in that
    version's total cost, and an update awaited (``update_due`` = ``deadline("award_update_days", …)`` from the
    later of the order's date and today) when less than requested was awarded — moves every admitted offer to
    "awarded" or "not awarded" and the call to "decided"; audited; one transaction.

``results_publish(*, actor, call, publications, request=None) -> Decision``
    Records the results' publication in the three channels (art. 15 ust. 2h, as art. 13 ust. 3): Razem today (the
    address of the results page), the BIP (date and address) and the notice board (date), each not before the
    order's date nor in the future; stamps ``Decision.results_published_at``; an update awaited is due no sooner
    than ``award_update_days`` after today (the oferent learns of the award now); tells every oferent
    (``grants/results_published``: its offers with the amount and the points, or not funded).

``question_ask(*, actor, offer, text, request=None) -> Question`` / ``question_answer(*, actor, question, answer,
request=None) -> Question``
    A question about the decision (no appeal lies, art. 15 ust. 2j) by a person acting for an oferent once the
    results are published, kept with the call; the office answers once and the oferent is told.

``offer_resign(*, actor, offer, reason="", request=None) -> Offer``
    The leading oferent gives the grant up: the offer "resigned", its award's update "resigned", the office told.

``update_reopening(offer) -> Reopening | None`` (a ``grants.reopening`` provider), ``update_problems(offer)`` (its
check) and ``update_filed(offer, version, actor)`` (what filing the update does): an offer awarded less than
requested reopens its sections III.4 and V until ``Award.update_due``; the update must ask for exactly the grant
awarded, in total and in each year, may not raise the grant's share of the total cost above ``Award.grant_share``
and must still meet the call's rules (``grants.budget.check``).

By topic: the decision (``decision``), the publication of the results (``publication``), the questions
(``questions``), the update and the resignation (``update``); the package names every service.
"""

from razem.grants.services.results.common import award_field, oferent_audience
from razem.grants.services.results.decision import decision_record
from razem.grants.services.results.publication import results_personal, results_publish, results_url
from razem.grants.services.results.questions import ANSWER_MAX, QUESTION_MAX, question_answer, question_ask
from razem.grants.services.results.update import (
    UPDATE,
    UPDATE_LABEL,
    UPDATE_SECTIONS,
    least_total_cost,
    offer_resign,
    update_filed,
    update_problems,
    update_reopening,
)

__all__ = [
    "ANSWER_MAX",
    "QUESTION_MAX",
    "UPDATE",
    "UPDATE_LABEL",
    "UPDATE_SECTIONS",
    "award_field",
    "decision_record",
    "least_total_cost",
    "oferent_audience",
    "offer_resign",
    "question_answer",
    "question_ask",
    "results_personal",
    "results_publish",
    "results_url",
    "update_filed",
    "update_problems",
    "update_reopening",
]
