"""A filed offer reopened for a restricted change after the deadline: a correction of formal defects (the office
names the sections, ``grants.services.checks``) or the update after a partial award (the schedule and the budget,
``grants.services.results``). One mechanism serves both: the editor opens only ``sections`` until ``due``, and
filing the change freezes a new version in which nothing outside ``sections`` differs from the last one.

A provider is a function ``(offer) -> Reopening | None``; the first that answers wins. Providers register with
``@provider`` at import (``grants.registrations``). The editor, the filing page and the rules ask ``reopening(offer)``.
"""

import dataclasses
import datetime
from collections.abc import Callable
from typing import Any


@dataclasses.dataclass(frozen=True)
class Reopening:
    kind: str  # "correction" or "update"
    label: Any  # what the oferent is asked to do, shown on the offer's page and the editor
    sections: frozenset[str]  # editor section slugs (grants.validation.SECTIONS, "partnerzy", "zalaczniki")
    due: datetime.date  # the last day the change may be filed (inclusive, Europe/Warsaw)
    legal_ref: str = ""
    # Further checks when filing (e.g. the grant equals the award and its share does not rise): a list of
    # grants.validation.Issue.
    check: Callable[[Any], list[Any]] | None = None
    # What filing the change does besides freezing the version: (offer, version, actor) -> None, under the lock.
    after_file: Callable[[Any, Any, Any], None] | None = None
    # The offer's status after filing the change.
    target_status: str = "filed"


_providers: list[Callable[[Any], Reopening | None]] = []


def provider(fn: Callable[[Any], Reopening | None]) -> Callable[[Any], Reopening | None]:
    if fn not in _providers:
        _providers.append(fn)
    return fn


def reopening(offer: Any) -> Reopening | None:
    """The open reopening of ``offer``, or None (cached on the instance for the request)."""
    if offer is None or offer.pk is None:
        return None
    if "_razem_reopening" not in offer.__dict__:
        found = None
        for fn in _providers:
            found = fn(offer)
            if found is not None:
                break
        offer.__dict__["_razem_reopening"] = found
    return offer.__dict__["_razem_reopening"]
