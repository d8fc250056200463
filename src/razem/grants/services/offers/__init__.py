"""Writes of the offer editor: starting an offer, saving its sections, keeping input that cannot be saved yet, and
the partners of a joint offer. Used by the editor's views, the demo and the filing service.

    offer_start(*, actor, call, organization, copy_from=None, request=None) -> Offer
    offer_update_fields(*, actor, offer, fields, revision=None, request=None) -> Offer
    offer_replace_activities(*, actor, offer, rows, revision=None, request=None) -> Offer
    offer_replace_results(*, actor, offer, rows, revision=None, request=None, description=None) -> Offer
    offer_replace_budget(*, actor, offer, lines, funding, revision=None, request=None) -> Offer
    offer_keep_draft_input(*, actor, offer, section, data) -> None
    partner_invite(*, actor, offer, organization, request=None) -> OfferPartner
    partner_decide(*, actor, partner, accept, request=None) -> OfferPartner
    partner_remove(*, actor, partner, request=None) -> None

By topic: starting a draft (empty or a copy), its own fields and the kept input (``drafts``), the tables of
activities, results and the budget (``tables``), the partners of a joint offer (``partners``); the steps every save
shares (``common``). Each module describes the data its services take.

A draft is saved however incomplete: what stops filing is listed by ``grants.validation.filing_problems``. Only
what cannot be stored is refused (a negative amount, an end before the start, a year outside the task, a partner
that is not one). Every save locks the offer, refuses a stale revision (someone else saved the same section after
the person's form was opened: ``code="stale"``), writes only when something changed, bumps the revision, clears the
section's kept input (``DraftInput``) and is audited as ``grants.offer.saved`` with its section. A save that lapses
a partner's confirmation (the budget, section VI or the partnership changed) tells that partner.

The package names every service and the editor's limits, so that ``from razem.grants.services import offers`` and
``offers.offer_start(...)`` keep working (the demo calls them so).
"""

from razem.grants.services.offers.common import (
    ACTIVITY_TEXTS,
    EDITABLE_FIELDS,
    MAX_AMOUNT,
    MAX_QUANTITY,
    RESULT_TEXTS,
)
from razem.grants.services.offers.drafts import (
    offer_discard_draft_input,
    offer_keep_draft_input,
    offer_start,
    offer_update_fields,
)
from razem.grants.services.offers.partners import partner_decide, partner_invite, partner_remove
from razem.grants.services.offers.tables import (
    offer_replace_activities,
    offer_replace_budget,
    offer_replace_results,
)

__all__ = [
    "ACTIVITY_TEXTS",
    "EDITABLE_FIELDS",
    "MAX_AMOUNT",
    "MAX_QUANTITY",
    "RESULT_TEXTS",
    "offer_discard_draft_input",
    "offer_keep_draft_input",
    "offer_replace_activities",
    "offer_replace_budget",
    "offer_replace_results",
    "offer_start",
    "offer_update_fields",
    "partner_decide",
    "partner_invite",
    "partner_remove",
]
