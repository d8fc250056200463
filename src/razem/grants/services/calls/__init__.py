"""Writes of calls for offers: the draft, its publication, corrections and the cancellation (art. 13, 18a).

The signatures other parts of the app (the demo, the offer editor's tests) call:

``call_create(*, actor, data: dict, funds: dict[int, Decimal], criteria: list[dict], attachments: list[dict],
request=None) -> Call``
    A draft. ``data`` holds the fields of ``grants.models.Call`` by name (``CALL_FIELDS``; ``slug`` may be left out:
    it is made from the number) and ``areas`` (public-benefit areas or their ids, at least one). ``funds`` maps each
    budget year of the realization window to its public funds (every year of the window, none outside). Each of
    ``criteria`` is ``{"name", "max_points", "statutory"}`` (``statutory`` is the code of an art. 15 ust. 1 criterion,
    whose wording then comes from ``grants.criteria``, or empty for the office's own); every statutory criterion
    the call's form needs must be there (``default_criteria(form)`` gives them with their default points), and the
    4th only when the form includes support (wspieranie). Each of ``attachments`` is ``{"name", "description",
    "mandatory"}``. An ``id`` in a criterion or an attachment updates that row in place (``call_update``).

``call_update(*, actor, call, data, funds, criteria, attachments, request=None) -> Call``
    The same, for a draft.

``call_publish(*, actor, call, publications: list[dict], request=None) -> Call``
    Records the statutory publications (art. 13 ust. 3): each ``{"channel", "published_on", "url", "note"}`` with
    the channel ``bip`` (its address required), ``notice_board`` (both required) or ``press`` (optional, art. 13
    ust. 4); the publication in Razem is recorded with today's date. The deadline is refused when it is less than
    ``deadline("offer_submission_days", <the last publication>)``. The representatives of verified organizations
    working in the call's areas are told (``grants/call_opened``).

``call_correct(*, actor, call, data, funds, criteria, attachments, notice: str, request=None) -> Correction``
    A change of an announced call before its deadline, with a correction notice: stores the changes as shown,
    bumps ``Call.sequence``, and tells the organizations with a draft or filed offer (``grants/call_corrected``).

``call_cancel(*, actor, call, ground, reason, publications=(), request=None) -> Call``
    Art. 18a: after the deadline, on one of the two grounds, with a reason; records the publications given (subject
    "cancellation") and the one in Razem, and tells the organizations with offers (``grants/call_cancelled``).

By topic: the rules checked before anything is saved and the default criteria (``rules``), the draft
(``drafts``), the publication (``publication``), the correction and the cancellation (``changes``). The package
names every service, so that ``from razem.grants.services import calls`` and ``calls.call_create(...)`` keep working
(the demo calls them so).

Every refusal is a ``ValidationError`` naming its field ("funds", "criteria", "attachments" for the rows) and the
figures; nothing is saved then.
"""

from razem.grants.services.calls.changes import call_cancel, call_correct, points_text
from razem.grants.services.calls.drafts import call_create, call_update
from razem.grants.services.calls.publication import call_publish, earliest_deadline, last_publication
from razem.grants.services.calls.rules import (
    CALL_FIELDS,
    CORRECTABLE_FIELDS,
    DEFAULT_POINTS,
    default_criteria,
    includes_support,
    statutory_codes,
    validate_call,
)

__all__ = [
    "CALL_FIELDS",
    "CORRECTABLE_FIELDS",
    "DEFAULT_POINTS",
    "call_cancel",
    "call_correct",
    "call_create",
    "call_publish",
    "call_update",
    "default_criteria",
    "earliest_deadline",
    "includes_support",
    "last_publication",
    "points_text",
    "statutory_codes",
    "validate_call",
]
