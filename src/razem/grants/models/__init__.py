"""Open competitions of offers (art. 11–18a u.d.p.p.w.) and, in the next step, small grants (art. 19a).

``calls`` holds the announcement and what hangs on it (funds per year, criteria, required attachments, the
statutory publications, correction notices, the commission's nominees); ``offers`` holds the offer on the 2018 form
(Załącznik nr 1), its partners in a joint offer, its sections as rows, and the frozen versions filed.
"""

from razem.grants.models.calls import (
    Call,
    CallFunds,
    CommissionNomination,
    Correction,
    Criterion,
    Publication,
    RequiredAttachment,
)
from razem.grants.models.checks import CheckItem, CheckResult, CorrectionRequest
from razem.grants.models.offers import (
    Activity,
    CostLine,
    DraftInput,
    ExpectedResult,
    Funding,
    Offer,
    OfferAttachment,
    OfferPartner,
    OfferVersion,
)
from razem.grants.models.results import Award, AwardYear, Decision, Question

__all__ = [
    "Question",
    "Decision",
    "CorrectionRequest",
    "CheckResult",
    "CheckItem",
    "AwardYear",
    "Award",
    "Activity",
    "Call",
    "CallFunds",
    "CommissionNomination",
    "CostLine",
    "Correction",
    "Criterion",
    "DraftInput",
    "ExpectedResult",
    "Funding",
    "Offer",
    "OfferAttachment",
    "OfferPartner",
    "OfferVersion",
    "Publication",
    "RequiredAttachment",
]
