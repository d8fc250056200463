"""The formal check of filed offers (point 1 of the issue): the call's checklist, the officer's findings, admitting,
calling for corrections, rejecting formally, and the corrections' deadlines.

- The checklist (``CheckItem``): the defaults of ``grants.checks.DEFAULTS`` are created the first time the call's
  checklist is used (:func:`call_ensure_checklist`, idempotent under the call's row lock); the office adds its own
  points, marks them remediable or not, removes them, until the check of the call's first offer has ended
  (``grants.manage_check_items``).
- The findings (``CheckResult``, one per point and offer, the latest; the audit log keeps the rest):
  :func:`offer_record_findings`, on the offer's current version, while it is filed and the call's deadline has
  passed (``grants.check_offer``). A defect needs a note; a point that cannot be corrected cannot have a "defect
  that can be corrected".
- The outcomes go through ``grants.workflows.checks.CHECKS``: :func:`offer_admit`, :func:`offer_request_correction`
  (the sections to correct, the message, the deadline ``offer_correction_days`` from today with its legal basis),
  :func:`offer_reject_formally` (the reasons required).
- A call for corrections reopens the offer (:func:`correction_reopening`, a ``grants.reopening`` provider): the
  editor opens only the named sections until the deadline; filing the correction (``grants.reopening.
  file_reopened`` through the transition ``file_correction``) answers the request (:func:`answer_request`) and the
  offer waits for its check again. The daily job :func:`corrections_lapse` marks a request whose deadline passed
  unanswered as lapsed and tells the officer, who then rejects the offer.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.accounts.models import User
from razem.core import audit, history
from razem.core.deadlines import Deadline, deadline
from razem.core.notifications import notify_many
from razem.core.permissions import ensure
from razem.grants import checks as defaults_module
from razem.grants import validation
from razem.grants.models import Call, CheckItem, CheckResult, CorrectionRequest, Offer, OfferVersion
from razem.grants.reopening import CORRECTION, STATEMENTS, Reopening, forget, provider
from razem.grants.rules_checks import ONLY_OFFICE
from razem.grants.workflows.checks import CHECKS

__all__ = [
    "CORRECTABLE",
    "answer_request",
    "call_ensure_checklist",
    "check_item_add",
    "check_item_remove",
    "check_item_update",
    "correction_deadline",
    "correction_reopening",
    "correction_sections_problem",
    "corrections_lapse",
    "offer_admit",
    "offer_record_findings",
    "offer_reject_formally",
    "offer_request_correction",
    "open_request_of",
]

CHECKER = "grants.check_offer"
MANAGER = "grants.manage_check_items"
DEADLINE_CODE = "offer_correction_days"
# What a call for corrections may name: the editor's sections, the attachments, and section VII (the statements and
# signatures, given again when the correction is filed). The partnership does not change after the deadline.
CORRECTABLE: tuple[str, ...] = (*validation.SECTION_SLUGS, validation.ATTACHMENTS, STATEMENTS)
Outcome = CheckResult.Outcome

history.describe("grants.offer.findings_recorded", gettext_lazy("Findings of the formal check recorded"))


# The checklist -------------------------------------------------------------------------------------------------------


def _office(actor: Any) -> None:
    if not (actor is not None and actor.has_perm("grants.view_checks")):
        raise ValidationError(str(ONLY_OFFICE), code="denied")


def call_ensure_checklist(*, actor: User, call: Call, request: HttpRequest | None = None) -> list[CheckItem]:
    """The call's checklist, its default points created the first time (idempotent: under the call's row lock,
    once; a call that has points keeps them as the office left them)."""
    _office(actor)
    existing = list(CheckItem.objects.filter(call=call))
    if existing:
        return sorted(existing, key=lambda i: (i.position, i.pk))
    with transaction.atomic():
        Call.objects.select_for_update().filter(pk=call.pk).values_list("pk", flat=True).get()
        if not CheckItem.objects.filter(call=call).exists():
            with translation.override("pl"):  # the checklist is the office's document, in Polish
                rows = [
                    CheckItem(
                        call=call,
                        position=position,
                        code=default.code,
                        name=str(default.name),
                        description=str(default.description),
                        remediable=default.remediable,
                    )
                    for position, default in enumerate(defaults_module.DEFAULTS, start=1)
                ]
            CheckItem.objects.bulk_create(rows)
            audit.record(
                actor=actor,
                action="grants.check_item.defaults",
                obj=call,
                data={"codes": [d.code for d in defaults_module.DEFAULTS]},
                request=request,
            )
    return list(CheckItem.objects.filter(call=call).order_by("position", "id"))


def _clean_item(name: str, description: str) -> tuple[str, str]:
    name, description = (name or "").strip(), (description or "").strip()
    if not name:
        raise ValidationError({"name": ValidationError(_("Name the requirement."), code="required")})
    return name, description


def check_item_add(
    *,
    actor: User,
    call: Call,
    name: str,
    description: str = "",
    remediable: bool = True,
    request: HttpRequest | None = None,
) -> CheckItem:
    """Add the office's own point at the end of the call's checklist."""
    name, description = _clean_item(name, description)
    call_ensure_checklist(actor=actor, call=call, request=request)
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        ensure(actor, MANAGER, locked)
        if CheckItem.objects.filter(call=locked, name__iexact=name).exists():
            raise ValidationError(
                {"name": ValidationError(_("The checklist already has this requirement."), code="duplicate")}
            )
        last = CheckItem.objects.filter(call=locked).aggregate(last=Max("position"))["last"] or 0
        item = CheckItem.objects.create(
            call=locked, position=last + 1, name=name, description=description, remediable=remediable
        )
        audit.record(
            actor=actor,
            action="grants.check_item.added",
            obj=item,
            data={"call": locked.pk, "name": name, "remediable": remediable},
            request=request,
        )
    return item


def check_item_update(
    *,
    actor: User,
    item: CheckItem,
    name: str,
    description: str,
    remediable: bool,
    request: HttpRequest | None = None,
) -> CheckItem:
    """Change a point's wording or whether a defect in it can be corrected."""
    name, description = _clean_item(name, description)
    with transaction.atomic():
        Call.objects.select_for_update().filter(pk=item.call_id).values_list("pk", flat=True).get()
        locked = CheckItem.objects.select_related("call").get(pk=item.pk)
        ensure(actor, MANAGER, locked.call)
        if CheckItem.objects.filter(call_id=locked.call_id, name__iexact=name).exclude(pk=locked.pk).exists():
            raise ValidationError(
                {"name": ValidationError(_("The checklist already has this requirement."), code="duplicate")}
            )
        if not remediable and locked.remediable:
            defects = CheckResult.objects.filter(item=locked, outcome=Outcome.DEFECT).count()
            if defects:
                raise ValidationError(
                    {
                        "remediable": ValidationError(
                            _(
                                "%(n)s offer(s) have a defect in this requirement that can be corrected; record "
                                "those findings again before saying it cannot be corrected."
                            )
                            % {"n": defects},
                            code="defects",
                        )
                    }
                )
        before = {"name": locked.name, "description": locked.description, "remediable": locked.remediable}
        locked.name, locked.description, locked.remediable = name, description, remediable
        locked.save(update_fields=["name", "description", "remediable"])
        audit.record(
            actor=actor,
            action="grants.check_item.changed",
            obj=locked,
            data={"before": before, "after": {"name": name, "description": description, "remediable": remediable}},
            request=request,
        )
    item.name, item.description, item.remediable = name, description, remediable
    return locked


def check_item_remove(*, actor: User, item: CheckItem, request: HttpRequest | None = None) -> None:
    """Remove a point nobody has a finding on; the checklist keeps at least one."""
    with transaction.atomic():
        Call.objects.select_for_update().filter(pk=item.call_id).values_list("pk", flat=True).get()
        locked = CheckItem.objects.select_related("call").get(pk=item.pk)
        ensure(actor, MANAGER, locked.call)
        found = CheckResult.objects.filter(item=locked).count()
        if found:
            raise ValidationError(
                _("Findings on “%(name)s” are recorded for %(n)s offer(s); it cannot be removed.")
                % {"name": locked.name, "n": found},
                code="has_findings",
            )
        if CheckItem.objects.filter(call_id=locked.call_id).count() <= 1:
            raise ValidationError(_("The checklist needs at least one requirement."), code="last")
        audit.record(
            actor=actor,
            action="grants.check_item.removed",
            obj=locked,
            data={"call": locked.call_id, "name": locked.name, "code": locked.code},
            request=request,
        )
        locked.delete()


# The findings ----------------------------------------------------------------------------------------------------


def offer_record_findings(
    *,
    actor: User,
    offer: Offer,
    findings: Mapping[int, tuple[str, str]],
    request: HttpRequest | None = None,
) -> list[CheckResult]:
    """Record the officer's finding (outcome, note) on points of the checklist (by item id), on the offer's current
    version; returns the findings written (those that changed). All or nothing: a wrong finding refuses them all,
    on its own field (``outcome_<id>``, ``note_<id>``)."""
    with transaction.atomic():
        locked = (
            Offer.objects.select_for_update(of=("self",)).select_related("call", "current_version").get(pk=offer.pk)
        )
        ensure(actor, CHECKER, locked)
        if locked.status != Offer.Status.FILED or locked.current_version is None:
            raise ValidationError(
                _("Findings are recorded while the offer waits for its formal check; this one is %(status)s.")
                % {"status": locked.get_status_display().lower()},
                code="wrong_state",
            )
        items = {i.pk: i for i in CheckItem.objects.filter(call=locked.call)}
        errors: dict[str, list[ValidationError]] = {}
        cleaned: dict[int, tuple[str, str]] = {}
        for pk, (outcome, note) in findings.items():
            item = items.get(int(pk))
            note = (note or "").strip()
            if item is None:
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    ValidationError(_("A requirement is not on this call's checklist."), code="unknown")
                )
                continue
            if not outcome:
                continue
            if outcome not in Outcome.values:
                errors.setdefault(f"outcome_{item.pk}", []).append(
                    ValidationError(_("Choose the finding."), code="invalid")
                )
            elif outcome == Outcome.DEFECT and not item.remediable:
                errors.setdefault(f"outcome_{item.pk}", []).append(
                    ValidationError(
                        _("“%(name)s” cannot be corrected: a defect in it means it is not met.") % {"name": item.name},
                        code="not_remediable",
                    )
                )
            elif outcome in {Outcome.DEFECT, Outcome.FAILED} and not note:
                errors.setdefault(f"note_{item.pk}", []).append(
                    ValidationError(
                        _("Say what is wrong with “%(name)s”; the oferent reads it.") % {"name": item.name},
                        code="note",
                    )
                )
            else:
                cleaned[item.pk] = (outcome, note)
        if errors:
            raise ValidationError(errors)
        existing = {r.item_id: r for r in CheckResult.objects.filter(offer=locked)}
        version = locked.current_version
        now = timezone.now()
        written = []
        for pk, (outcome, note) in cleaned.items():
            result = existing.get(pk)
            if result is not None and (result.outcome, result.note, result.version_id) == (outcome, note, version.pk):
                continue
            if result is None:
                result = CheckResult(offer=locked, item=items[pk])
            result.version, result.outcome, result.note = version, outcome, note
            result.checked_by, result.checked_at = actor, now
            result.save()
            written.append(result)
        if written:
            audit.record(
                actor=actor,
                action="grants.offer.findings_recorded",
                obj=locked,
                data={
                    "version": version.number,
                    "findings": {items[r.item_id].code or str(r.item_id): r.outcome for r in written},
                },
                request=request,
            )
    return written


# The outcomes ---------------------------------------------------------------------------------------------------------


def offer_admit(*, actor: User, offer: Offer, request: HttpRequest | None = None) -> Offer:
    """The offer is formally correct: every point met or not applying, on its current version."""
    admitted: Offer = CHECKS.take(offer, "admit", actor=actor, request=request)
    forget(offer)
    return admitted


def correction_sections_problem(sections: Iterable[str]) -> str:
    """Why these sections cannot be named in a call for corrections ("" when they can)."""
    sections = list(sections)
    if not sections:
        return _("Choose at least one part of the offer the oferent may correct.")
    unknown = [s for s in sections if s not in CORRECTABLE]
    if unknown:
        return _("These are not parts of the offer that can be corrected: %(names)s.") % {"names": ", ".join(unknown)}
    return ""


def correction_deadline(start: datetime.date | None = None) -> Deadline:
    """The deadline of a call for corrections made on ``start`` (today): ``offer_correction_days`` with its basis."""
    return deadline(DEADLINE_CODE, start or timezone.localdate())


def offer_request_correction(
    *,
    actor: User,
    offer: Offer,
    sections: Iterable[str],
    message: str,
    request: HttpRequest | None = None,
) -> CorrectionRequest:
    """Call the oferent to correct the offer's remediable defects: only ``sections`` reopen, until the deadline."""
    CHECKS.take(offer, "request_correction", actor=actor, reason=message, request=request, sections=list(sections))
    forget(offer)
    opened = open_request_of(offer, fresh=True)
    if opened is None:  # pragma: no cover - the effect opened it
        raise ValidationError(_("The call for corrections could not be recorded; try again."))
    return opened


def offer_reject_formally(*, actor: User, offer: Offer, reason: str, request: HttpRequest | None = None) -> Offer:
    """Reject the offer formally, with the reasons the oferent reads: a point not met, or a correction that did not
    come by its deadline."""
    rejected: Offer = CHECKS.take(offer, "reject_formally", actor=actor, reason=reason, request=request)
    forget(offer)
    return rejected


# Calls for corrections ----------------------------------------------------------------------------------------------


def open_request_of(offer: Offer, *, fresh: bool = False) -> CorrectionRequest | None:
    """The offer's open call for corrections (the prefetched ``correction_requests`` when there are some)."""
    cache = getattr(offer, "_prefetched_objects_cache", {})
    if not fresh and "correction_requests" in cache:
        rows = [r for r in cache["correction_requests"] if r.status == CorrectionRequest.Status.OPEN]
        return max(rows, key=lambda r: r.number) if rows else None
    return (
        CorrectionRequest.objects.filter(offer_id=offer.pk, status=CorrectionRequest.Status.OPEN)
        .order_by("-number")
        .first()
    )


def open_correction_request(offer: Offer, *, sections: Iterable[str], message: str, actor: Any) -> CorrectionRequest:
    """The ``request_correction`` transition's effect (under the offer's lock): the request with its deadline."""
    due = correction_deadline()
    last = CorrectionRequest.objects.filter(offer=offer).aggregate(last=Max("number"))["last"] or 0
    order = {slug: n for n, slug in enumerate(CORRECTABLE)}
    opened = CorrectionRequest.objects.create(
        offer=offer,
        number=last + 1,
        fields=sorted(set(sections), key=lambda s: order.get(s, len(order))),
        message=message,
        due_date=due.date,
        legal_ref=due.legal_ref,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        actor=actor,
        action="grants.correction_request.opened",
        obj=opened,
        data={"offer": offer.pk, "number": opened.number, "sections": opened.fields, "due": due.date.isoformat()},
    )
    return opened


def _office_audience(request: CorrectionRequest) -> Any:
    if request.requested_by_id and request.requested_by is not None and request.requested_by.is_active:
        return [request.requested_by_id]
    return User.objects.city_staff()


def answer_request(offer: Offer, version: OfferVersion, actor: Any) -> None:
    """The correction's ``after_file`` (under the offer's lock): the open request is answered by ``version``, and
    the officer who asked is told to check the offer again."""
    opened = (
        CorrectionRequest.objects.select_for_update()
        .filter(offer=offer, status=CorrectionRequest.Status.OPEN)
        .order_by("-number")
        .first()
    )
    if opened is None:
        return
    opened.status = CorrectionRequest.Status.ANSWERED
    opened.answered_version = version
    opened.answered_at = timezone.now()
    opened.save(update_fields=["status", "answered_version", "answered_at"])
    audit.record(
        actor=actor,
        action="grants.correction_request.answered",
        obj=opened,
        data={"offer": offer.pk, "number": opened.number, "version": version.number},
    )
    call = offer.call
    notify_many(
        kind="grants/offer_correction_filed",
        audience=_office_audience(opened),
        context={
            "offer": offer,
            "call": call,
            "version_number": version.number,
            "due_date": opened.due_date,
            "filed_at": version.filed_at,
        },
        url=reverse("grants_staff:offer_check", args=[call.slug, offer.pk]) if call else "",
    )


def lapse_request(request: CorrectionRequest, *, actor: Any = None, tell: bool = False) -> None:
    """Mark an open request whose deadline passed as lapsed (under the offer's lock, or the job's)."""
    request.status = CorrectionRequest.Status.LAPSED
    request.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="grants.correction_request.lapsed",
        obj=request,
        data={"offer": request.offer_id, "number": request.number, "due": request.due_date.isoformat()},
    )
    if tell:
        offer = request.offer
        call = offer.call
        notify_many(
            kind="grants/offer_correction_lapsed",
            audience=_office_audience(request),
            context={"offer": offer, "call": call, "due_date": request.due_date, "message": request.message},
            url=reverse("grants_staff:offer_check", args=[call.slug, offer.pk]) if call else "",
        )


def corrections_lapse(*, today: datetime.date | None = None) -> list[CorrectionRequest]:
    """The daily job: every open call for corrections whose deadline has passed (before ``today``, in Warsaw) is
    marked lapsed, and the officer who made it is told to reject the offer. Each under its offer's row lock; a
    request answered meanwhile is left alone."""
    today = today or timezone.localdate()
    due = CorrectionRequest.objects.filter(status=CorrectionRequest.Status.OPEN, due_date__lt=today).values_list(
        "pk", "offer_id"
    )
    lapsed = []
    for pk, offer_id in list(due):
        with transaction.atomic():
            Offer.objects.select_for_update().filter(pk=offer_id).values_list("pk", flat=True).first()
            request = (
                CorrectionRequest.objects.select_related("offer__call", "requested_by")
                .filter(pk=pk, status=CorrectionRequest.Status.OPEN, due_date__lt=today)
                .first()
            )
            if request is None:
                continue
            lapse_request(request, tell=True)
            lapsed.append(request)
    return lapsed


# The reopening -----------------------------------------------------------------------------------------------------


CORRECTION_LABEL = gettext_lazy("Correct the offer as the office asked")


@provider
def correction_reopening(offer: Any) -> Reopening | None:
    """An offer called to correct, with its request open: reopened for the named sections until the deadline."""
    if offer.status != Offer.Status.CORRECTING:
        return None
    opened = open_request_of(offer)
    if opened is None:
        return None
    return Reopening(
        kind=CORRECTION,
        label=CORRECTION_LABEL,
        sections=frozenset(opened.fields),
        due=opened.due_date,
        legal_ref=opened.legal_ref,
        after_file=answer_request,
        target_status=Offer.Status.FILED,
        transition=(CHECKS, "file_correction"),
    )
