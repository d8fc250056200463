"""A filed offer reopened for a restricted change after the deadline: a correction of formal defects (the office
names the sections, ``grants.services.checks``) or the update after a partial award (the schedule and the budget,
``grants.services.results``). One mechanism serves both: the editor opens only ``sections`` until ``due``, and
filing the change freezes a new version in which nothing outside ``sections`` differs from the last one.

A provider is a function ``(offer) -> Reopening | None``; the first that answers wins. Providers register with
``@provider`` at import (``grants.registrations``). The editor, the filing page and the rules ask ``reopening(offer)``.

- ``reopening(offer)`` / ``forget(offer)``: the open reopening (cached on the instance) / drop the cache;
- ``is_due(opened)`` / ``section_open(offer, slug)``: may the change still be filed today (Europe/Warsaw, the
  server's clock, ``due`` inclusive) / may this section of the editor change now;
- ``outside_changes(old, new, sections)``: what differs between two filed contents outside ``sections``, by
  section, as ``grants.content.Change`` rows; ``outside_message(...)`` says it;
- ``file_reopened(actor=, offer=, signatories=, declarations=, request=)``: file the change (the usual checks of
  filing, ``Reopening.check``, only the named sections changed; a new version; the status ``target_status``;
  ``after_file``; audit; the receipt). With ``transition`` set, the Workflow's transition does it (its guard and
  effect are ``grants.services.filing.reopened_guard`` / ``reopened_effect``); else the status is set directly
  and audited as ``grants.offer.<kind>_filed``.

What is a "section" of the filed content (:data:`PROJECTIONS`): the seven editor sections, the attachments
("zalaczniki") and the partnership ("partnerzy": who the oferents are, not their registry data). Not compared: the
statements and the signatories of section VII (given again, by the people who represent the oferents now, at every
filing), the registry data of the oferents (they change in the organizations' records, not in the offer) and the
call's own data.
"""

import dataclasses
import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CORRECTION = "correction"
UPDATE = "update"
# Section VII (the statements and signatories): given again at every filing; the office may name it in a call for
# corrections (a signature missing), but it opens nothing in the editor.
STATEMENTS = "oswiadczenia"


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
    # A Workflow transition that files the change, as (workflow, name): its source is the reopened offer's status,
    # its target ``target_status``, its guard/effect ``grants.services.filing.reopened_guard``/``reopened_effect``.
    # None: ``file_reopened`` sets the status itself and audits ``grants.offer.<kind>_filed``.
    transition: tuple[Any, str] | None = None


_providers: list[Callable[[Any], Reopening | None]] = []


def provider(fn: Callable[[Any], Reopening | None]) -> Callable[[Any], Reopening | None]:
    if fn not in _providers:
        _providers.append(fn)
    return fn


CACHE = "_razem_reopening"


def reopening(offer: Any) -> Reopening | None:
    """The open reopening of ``offer``, or None (cached on the instance for the request)."""
    if offer is None or offer.pk is None:
        return None
    if CACHE not in offer.__dict__:
        found = None
        for fn in _providers:
            found = fn(offer)
            if found is not None:
                break
        offer.__dict__[CACHE] = found
    return offer.__dict__[CACHE]


def forget(offer: Any) -> None:
    """Drop the cached answer of :func:`reopening` (after the offer's state changed)."""
    if offer is not None:
        offer.__dict__.pop(CACHE, None)


def today() -> datetime.date:
    """The day in Warsaw by the server's clock (the day ``due`` is compared with)."""
    return timezone.localdate()


def is_due(opened: Reopening | None) -> bool:
    """May the change still be filed today (``due`` inclusive)?"""
    return opened is not None and today() <= opened.due


def section_open(offer: Any, section: str) -> bool:
    """Whether ``section`` may change now under the offer's reopening (False when there is none, or it lapsed)."""
    opened = reopening(offer)
    return is_due(opened) and section in opened.sections  # type: ignore[union-attr]


def section_titles(sections: Iterable[str]) -> list[str]:
    """The sections' titles in the order of the form (``STATEMENTS`` last)."""
    from razem.grants import validation

    order = {slug: n for n, slug in enumerate((*validation.SECTION_SLUGS, validation.ATTACHMENTS, validation.PARTNERS))}
    titles = []
    for slug in sorted(set(sections), key=lambda s: order.get(s, len(order))):
        titles.append(statements_title() if slug == STATEMENTS else validation.section_title(slug))
    return titles


def statements_title() -> str:
    return str(_("VII. Statements and signatories"))


def due_text(opened: Reopening) -> str:
    return date_format(opened.due, "j E Y")


# What changed, by section ------------------------------------------------------------------------------------------


def _pick(mapping: Any, *keys: str) -> dict[str, Any]:
    mapping = mapping if isinstance(mapping, Mapping) else {}
    return {key: mapping.get(key) for key in keys}


def _costs(content: Mapping[str, Any]) -> list[dict[str, Any]]:
    # The activity's name is the activities' (III.4): a renamed activity does not change the cost table.
    return [{k: v for k, v in row.items() if k != "activity_name"} for row in content.get("costs") or []]


def _partnership(content: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{"name": row.get("name"), "role": row.get("role")} for row in content.get("oferents") or []]


# Each section's part of the filed content, in the shape ``grants.content.diff`` reads.
PROJECTIONS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "podstawowe": lambda c: {
        "task_form": c.get("task_form"),
        "task_form_label": c.get("task_form_label"),
        "contact": c.get("contact"),
    },
    "zadanie": lambda c: {"task": _pick(c.get("task"), "title", "start_date", "end_date", "synthetic_description")},
    "dzialania": lambda c: {"activities": c.get("activities") or {}},
    "rezultaty": lambda c: {"task": _pick(c.get("task"), "results_description"), "results": c.get("results") or []},
    "charakterystyka": lambda c: {"characteristics": c.get("characteristics")},
    "koszty": lambda c: {"costs": _costs(c), "funding": c.get("funding") or {}, "budget": c.get("budget") or {}},
    "inne": lambda c: {"other": c.get("other")},
    "zalaczniki": lambda c: {"attachments": c.get("attachments") or []},
    "partnerzy": lambda c: {"oferents": _partnership(c)},
}


def changed_sections(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> dict[str, list[Any]]:
    """What differs between two filed contents, section by section (only the sections that differ), each as the
    ``grants.content.Change`` rows of its part."""
    from razem.grants import content

    old, new = old or {}, new or {}
    changed: dict[str, list[Any]] = {}
    for section, project in PROJECTIONS.items():
        a, b = project(old), project(new)
        if a == b:
            continue
        rows = content.diff(a, b)
        if section == "partnerzy" and len(_partnership(old)) != len(_partnership(new)):
            rows = rows or [
                content.Change(str(_("Oferents")), str(len(_partnership(old))), str(len(_partnership(new))))
            ]
        changed[section] = rows or [content.Change(section_titles([section])[0], "", "")]
    return changed


def outside_changes(
    old: Mapping[str, Any] | None, new: Mapping[str, Any] | None, sections: Iterable[str]
) -> dict[str, list[Any]]:
    """What differs between ``old`` and ``new`` in the sections not in ``sections``."""
    allowed = set(sections)
    return {section: rows for section, rows in changed_sections(old, new).items() if section not in allowed}


def outside_message(outside: Mapping[str, list[Any]], sections: Iterable[str], number: int) -> str:
    """The refusal of a reopened filing that changed more than it may."""
    parts = []
    for section, rows in outside.items():
        labels = list(dict.fromkeys(str(row.label) for row in rows))
        shown = "; ".join(labels[:3]) + ("; …" if len(labels) > 3 else "")
        parts.append(f"{section_titles([section])[0]} ({shown})")
    return _(
        "Only these parts may change now: %(allowed)s. These differ from the filed version %(number)s too: "
        "%(changed)s. Undo those changes, then file again."
    ) % {
        "allowed": ", ".join(section_titles(sections)) or "—",
        "number": number,
        "changed": "; ".join(parts),
    }


NOT_REOPENED = gettext_lazy("This offer is not open for changes now.")


def lapsed_message(opened: Reopening) -> str:
    return _("The change could be filed until %(due)s; that deadline has passed.") % {"due": due_text(opened)}


# Filing the change -------------------------------------------------------------------------------------------------


def file_reopened(
    *,
    actor: Any,
    offer: Any,
    signatories: Iterable[Any],
    declarations: Mapping[str, Any],
    request: Any = None,
) -> Any:
    """File the change of a reopened ``offer``: returns the new ``OfferVersion``.

    Refused, and nothing changed, when the offer is not reopened, the person may not file for the leading oferent,
    ``due`` has passed (by the server's clock, in Warsaw), the offer is incomplete or its statements or signatories
    are wrong (the usual checks of filing), ``Reopening.check`` finds a problem, something outside the named
    sections differs from the last filed version, or nothing changed at all."""
    from django.core.exceptions import ValidationError

    from razem.grants.models import Offer
    from razem.grants.services import filing

    fresh = Offer.objects.select_related("call", "organization").get(pk=offer.pk)
    opened = reopening(fresh)
    if opened is None:
        raise ValidationError(str(NOT_REOPENED), code="not_reopened")
    data: dict[str, Any] = {"signatories": list(signatories), "declarations": dict(declarations)}
    if opened.transition is not None:
        workflow, name = opened.transition
        saved = workflow.take(fresh, name, actor=actor, request=request, **data)
    else:
        saved = filing.take_reopened(fresh, opened, actor=actor, request=request, **data)
    version = saved.current_version
    offer.status, offer.number, offer.filed_at, offer.filed_by = saved.status, saved.number, saved.filed_at, actor
    offer.current_version = version
    forget(offer)
    return version
