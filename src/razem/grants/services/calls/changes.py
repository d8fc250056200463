"""Changes of an announced call: a correction before its deadline, with its notice and the list of changes as the
call's page shows them, and the cancellation after it (art. 18a).

``call_correct(*, actor, call, data, funds, criteria, attachments, notice, request=None) -> Correction`` and
``call_cancel(*, actor, call, ground, reason, publications=(), request=None) -> Call``: see ``grants.services.calls``.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.money import percent, pln
from razem.core.notifications import notify_many
from razem.core.schedule import when
from razem.grants import schedule
from razem.grants.models import Call, CallFunds, Correction, Criterion, Publication, RequiredAttachment
from razem.grants.selectors.calls import people_with_offers
from razem.grants.services.calls.drafts import _apply, _areas, _ensure_manager, _save
from razem.grants.services.calls.publication import _clean_publications, _record_publications, last_publication
from razem.grants.services.calls.rules import CORRECTABLE_FIELDS, MONEY_FIELDS, SHARE_FIELDS, _add, validate_call
from razem.grants.workflows.calls import CALL

# Corrections --------------------------------------------------------------------------------------------------------


def _shown(call: Call, field: str, value: Any) -> str:
    """A value as the call's page shows it."""
    if value is None or value == "":
        return "—"
    choices = getattr(Call._meta.get_field(field), "choices", None)
    if choices:
        return str(dict(choices).get(value, value))
    if field in SHARE_FIELDS:
        return percent(value)
    if field in MONEY_FIELDS:
        return pln(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime | datetime.date):
        return when(value)
    return str(value)


def _label(field: str) -> str:
    return str(getattr(Call._meta.get_field(field), "verbose_name", field)).capitalize()


def points_text(value: Any) -> str:
    """Points as people write them: "5", "2,5"."""
    text = f"{Decimal(value).quantize(Decimal('0.1')):f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _criteria_text(rows: Iterable[Mapping[str, Any]]) -> str:
    return "; ".join(f"{row['name']} ({points_text(row['max_points'])} pkt)" for row in rows) or "—"


def _attachments_text(rows: Iterable[Mapping[str, Any]]) -> str:
    return "; ".join(f"{row['name']}{'' if row['mandatory'] else ' (' + _('optional') + ')'}" for row in rows) or "—"


def _changes(
    before: dict[str, Any], after: dict[str, Any], call: Call, old: dict[str, Any], new: dict[str, Any]
) -> list[dict[str, str]]:
    """The changes of a correction as the page shows them, in the office's language (the notice is official)."""
    changes: list[dict[str, str]] = []
    with translation.override(settings.LANGUAGE_CODE):
        for field in CORRECTABLE_FIELDS:
            if before[field] != after[field]:
                changes.append(
                    {
                        "field": field,
                        "label": _label(field),
                        "old": _shown(call, field, before[field]),
                        "new": _shown(call, field, after[field]),
                    }
                )
        if old["areas"] != new["areas"]:
            changes.append(
                {
                    "field": "areas",
                    "label": _("Public-benefit areas"),
                    "old": "; ".join(old["areas"]),
                    "new": "; ".join(new["areas"]),
                }
            )
        for year in sorted(set(old["funds"]) | set(new["funds"])):
            a, b = old["funds"].get(year), new["funds"].get(year)
            if a != b:
                changes.append(
                    {
                        "field": f"funds.{year}",
                        "label": _("Public funds for %(year)s") % {"year": year},
                        "old": pln(a) if a is not None else "—",
                        "new": pln(b) if b is not None else "—",
                    }
                )
        if _criteria_text(old["criteria"]) != _criteria_text(new["criteria"]):
            changes.append(
                {
                    "field": "criteria",
                    "label": _("Criteria of choosing offers"),
                    "old": _criteria_text(old["criteria"]),
                    "new": _criteria_text(new["criteria"]),
                }
            )
        old_attachments, new_attachments = _attachments_text(old["attachments"]), _attachments_text(new["attachments"])
        if [(a["name"], a["description"], a["mandatory"]) for a in old["attachments"]] != [
            (a["name"], a["description"], a["mandatory"]) for a in new["attachments"]
        ]:
            changes.append(
                {
                    "field": "attachments",
                    "label": _("Required attachments"),
                    "old": old_attachments,
                    "new": new_attachments,
                }
            )
    return changes


def _rows_of(call: Call) -> dict[str, Any]:
    return {
        "areas": sorted(str(a) for a in call.areas.all()),
        "funds": {f.year: f.amount for f in CallFunds.objects.filter(call=call)},
        "criteria": [
            {"name": c.name, "max_points": c.max_points, "statutory": c.statutory}
            for c in Criterion.objects.filter(call=call).order_by("position", "id")
        ],
        "attachments": [
            {"name": a.name, "description": a.description, "mandatory": a.mandatory}
            for a in RequiredAttachment.objects.filter(call=call).order_by("position", "id")
        ],
    }


@transaction.atomic
def call_correct(
    *,
    actor: User,
    call: Call,
    data: dict[str, Any],
    funds: dict[int, Decimal],
    criteria: list[dict[str, Any]],
    attachments: list[dict[str, Any]],
    notice: str,
    request: HttpRequest | None = None,
) -> Correction:
    _ensure_manager(actor, call)
    locked = Call.objects.select_for_update().get(pk=call.pk)
    if locked.status != Call.Status.ANNOUNCED:
        raise ValidationError(
            _("This call is %(status)s; only an announced call can be corrected.")
            % {"status": locked.get_status_display().lower()}
        )
    now = timezone.now()
    if now > locked.submission_deadline:
        raise ValidationError(
            _("Offers were accepted until %(deadline)s; after the deadline the call can no longer be corrected.")
            % {"deadline": when(locked.submission_deadline)}
        )
    notice = (notice or "").strip()
    before = {field: getattr(locked, field) for field in CORRECTABLE_FIELDS}
    old_rows = _rows_of(locked)
    old_deadline = locked.submission_deadline
    _apply(locked, data, CORRECTABLE_FIELDS)
    areas = _areas(data["areas"]) if "areas" in data else list(locked.areas.all())
    errors: dict[str, list[str]] = {}
    try:
        clean_funds, clean_criteria, clean_attachments = validate_call(
            locked, areas=areas, funds=funds, criteria=criteria, attachments=attachments
        )
    except ValidationError as error:
        errors.update(error.message_dict)
        clean_funds, clean_criteria, clean_attachments = {}, [], []
    if not notice:
        _add(
            errors,
            "notice",
            _("Write the correction notice: what changes and why. It is published on the call's page."),
        )
    if locked.submission_deadline != old_deadline and locked.submission_deadline <= now:
        _add(errors, "submission_deadline", _("The new deadline has already passed: give a later one."))
    if (
        locked.recruits_commission
        and locked.nominations_close
        and locked.nominations_close != before["nominations_close"]
        and locked.nominations_close <= now
        and "nominations_close" not in errors
    ):
        _add(errors, "nominations_close", _("Nominations cannot close in the past: give a later date."))
    if locked.submission_deadline != old_deadline and "submission_deadline" not in errors:
        last = last_publication(locked) or timezone.localdate(locked.published_at or now)
        problem = schedule.deadline_problem(locked.submission_deadline, last)
        if problem is not None:
            for message in problem.message_dict["submission_deadline"]:
                _add(errors, "submission_deadline", message)
    if errors:
        raise ValidationError(errors)
    after = {field: getattr(locked, field) for field in CORRECTABLE_FIELDS}
    new_rows = {
        "areas": sorted(str(a) for a in areas),
        "funds": dict(clean_funds),
        "criteria": clean_criteria,
        "attachments": clean_attachments,
    }
    changes = _changes(before, after, locked, old_rows, new_rows)
    if not changes:
        raise ValidationError(_("Nothing has changed: change something in the call, then publish the correction."))
    locked.sequence += 1
    _save(locked, areas, clean_funds, clean_criteria, clean_attachments)
    number = (Correction.objects.filter(call=locked).aggregate(n=Max("number"))["n"] or 0) + 1
    correction = Correction.objects.create(
        call=locked, number=number, published_at=now, notice=notice, changes=changes, published_by=actor
    )
    audit.record(
        actor=actor,
        action="grants.call.corrected",
        obj=locked,
        data={"number": number, "fields": [c["field"] for c in changes], "reason": notice},
        request=request,
    )
    notify_many(
        kind="grants/call_corrected",
        audience=people_with_offers(locked),
        context={"call": locked, "correction": correction},
        url=locked.get_absolute_url() + f"#korekta-{number}",
        exclude=actor,
    )
    return correction


# Cancellation -------------------------------------------------------------------------------------------------------


@transaction.atomic
def call_cancel(
    *,
    actor: User,
    call: Call,
    ground: str,
    reason: str,
    publications: Sequence[dict[str, Any]] = (),
    request: HttpRequest | None = None,
) -> Call:
    refusal = CALL.refusal(call, CALL["cancel"], actor, (reason or "").strip())
    if refusal is not None:
        raise refusal
    today = timezone.localdate()
    rows = _clean_publications(publications, required=(), today=today)
    cancelled = CALL.take(call, "cancel", actor=actor, reason=reason, request=request, ground=ground)
    _record_publications(cancelled, Publication.Subject.CANCELLATION, rows, actor, today)
    return cancelled  # type: ignore[no-any-return]
