"""The formal check of a filed offer, as a second state machine on ``Offer.status`` (audited as ``grants.offer.*``):

- ``admit`` (filed → admitted): every point of the call's checklist met or not applying, found on the current
  version;
- ``request_correction`` (filed → correcting): the office names the sections to correct and says what, a deadline
  (``offer_correction_days``) is set, a ``CorrectionRequest`` opens, and the offer is reopened for those sections
  (``grants.services.checks.correction_reopening``); only defects that can be corrected, none that fails;
- ``file_correction`` (correcting → filed): the oferent files the corrected version (``grants.reopening``: until
  the deadline, only the named sections changed), which answers the request; the office checks it again;
- ``reject_formally`` (filed | correcting → rejected): with the reasons, when a point is not met, or when the
  correction did not come by its deadline.

The office's transitions need ``grants.check_offer`` (city staff, after the call's deadline); filing the correction
needs ``grants.file_offer`` (the leading oferent, while the correction is due). The oferents' people are told of
every outcome; the office of a correction filed."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.notifications import notify_many
from razem.core.workflow import ACTOR, NOW, REQUIRED, Step, Transition, Workflow
from razem.grants.workflows.offers import _oferent_people

CHECKER = "grants.check_offer"


def _items_and_results(offer: Any) -> tuple[list[Any], dict[int, Any]]:
    from razem.grants.models import CheckItem, CheckResult

    items = list(CheckItem.objects.filter(call_id=offer.call_id).order_by("position", "id"))
    results = {r.item_id: r for r in CheckResult.objects.filter(offer=offer)}
    return items, results


def _outcome_label(result: Any) -> str:
    return str(result.get_outcome_display()).lower() if result is not None else str(_("no finding"))


def _listed(pairs: Iterable[tuple[Any, Any]]) -> str:
    return "; ".join(f"{item.name} ({_outcome_label(result)})" for item, result in pairs)


# Admitting ----------------------------------------------------------------------------------------------------------


def _all_met(offer: Any, step: Step) -> None:
    items, results = _items_and_results(offer)
    if not items:
        raise ValidationError(_("The call has no formal checklist yet; record the findings first."), code="no_items")
    version_id = offer.current_version_id
    missing = [
        (item, results.get(item.pk))
        for item in items
        if results.get(item.pk) is None
        or results[item.pk].outcome not in {"met", "na"}
        or results[item.pk].version_id != version_id
    ]
    if missing:
        number = offer.current_version.number if offer.current_version_id else "?"
        raise ValidationError(
            _(
                "An offer is admitted when every requirement is met or does not apply, as found on its current "
                "version (%(number)s). Not yet: %(items)s."
            )
            % {"number": number, "items": _listed(missing)},
            code="not_met",
        )


def _clear_reason(offer: Any, step: Step) -> None:
    offer.status_reason = ""


def _tell_admitted(offer: Any, step: Step) -> None:
    notify_many(
        kind="grants/offer_admitted",
        audience=_oferent_people(offer),
        context={"offer": offer, "call": offer.call, "checked_at": offer.checked_at},
        url=offer.get_absolute_url(),
    )


# Calling for corrections -------------------------------------------------------------------------------------------


def _may_request(offer: Any, step: Step) -> None:
    from razem.grants.services.checks import correction_sections_problem

    sections = list(step.data.get("sections") or ())
    problem = correction_sections_problem(sections)
    if problem:
        raise ValidationError({"sections": ValidationError(problem, code="sections")})
    items, results = _items_and_results(offer)
    failed = [(i, results[i.pk]) for i in items if i.pk in results and results[i.pk].outcome == "failed"]
    if failed:
        raise ValidationError(
            _("These requirements are not met and cannot be corrected: %(items)s. Reject the offer formally instead.")
            % {"items": _listed(failed)},
            code="failed",
        )
    defects = [i for i in items if i.pk in results and results[i.pk].outcome == "defect"]
    if not defects:
        raise ValidationError(
            _("Record first which requirement has a defect that can be corrected; then call for its correction."),
            code="no_defect",
        )
    _unfiled_elsewhere(offer, sections)


def _unfiled_elsewhere(offer: Any, sections: list[str]) -> None:
    """Refuse a call for corrections that the oferent could not answer: the offer holds changes saved after its
    last filing (never filed) in parts the call does not name, and they would make the correction's filing
    refused."""
    from razem.grants import content
    from razem.grants.reopening import outside_changes, section_titles

    version = offer.current_version
    if version is None:
        return
    outside = outside_changes(version.content, content.offer_content(offer), sections)
    if outside:
        raise ValidationError(
            {
                "sections": ValidationError(
                    _(
                        "Since filing version %(number)s the oferent changed these parts without filing them: "
                        "%(parts)s. A correction may change only the parts you name, so name these too, or the "
                        "correction could not be filed."
                    )
                    % {"number": version.number, "parts": ", ".join(section_titles(outside))},
                    code="unfiled",
                )
            }
        )


def _open_request(offer: Any, step: Step) -> None:
    from razem.grants.services.checks import open_correction_request

    open_correction_request(offer, sections=step.data.get("sections") or (), message=step.reason, actor=step.actor)


def _tell_correction(offer: Any, step: Step) -> None:
    from razem.grants.reopening import section_titles
    from razem.grants.services.checks import open_request_of

    request = open_request_of(offer)
    if request is None:  # pragma: no cover - the effect opened it
        return
    notify_many(
        kind="grants/offer_correction_requested",
        audience=_oferent_people(offer),
        context={
            "offer": offer,
            "call": offer.call,
            "message": request.message,
            "due_date": request.due_date,
            "legal_ref": request.legal_ref,
            "sections": section_titles(request.fields),
            "request_number": request.number,
        },
        url=offer.get_absolute_url(),
    )


# Filing the correction (the oferent) -------------------------------------------------------------------------------


def _reopened_guard(offer: Any, step: Step) -> None:
    from razem.grants.services.filing import reopened_guard

    reopened_guard(offer, step)


def _reopened_effect(offer: Any, step: Step) -> None:
    from razem.grants.services.filing import reopened_effect

    reopened_effect(offer, step)
    offer.status_reason = ""


def _tell_corrected(offer: Any, step: Step) -> None:
    from razem.grants.services.filing import tell_reopened_filed

    tell_reopened_filed(offer, step)


# Rejecting ------------------------------------------------------------------------------------------------------------


def _may_reject(offer: Any, step: Step) -> None:
    from razem.grants.services.checks import open_request_of

    if step.source == "correcting":
        request = open_request_of(offer)
        if request is not None and timezone.localdate() <= request.due_date:
            raise ValidationError(
                _(
                    "The oferent may correct the offer until %(due)s; reject it only if the correction does not come "
                    "by then."
                )
                % {"due": date_format(request.due_date, "j E Y")},
                code="correction_due",
            )
        return
    items, results = _items_and_results(offer)
    if not any(i.pk in results and results[i.pk].outcome == "failed" for i in items):
        raise ValidationError(
            _(
                "Record first which requirement the offer does not meet (a finding “Not met”); a defect that can be "
                "corrected is called for correction before an offer is rejected."
            ),
            code="nothing_failed",
        )


def _close_requests(offer: Any, step: Step) -> None:
    from razem.grants.services.checks import lapse_request, open_request_of

    request = open_request_of(offer)
    if request is not None:
        lapse_request(request, actor=step.actor)


def _tell_rejected(offer: Any, step: Step) -> None:
    notify_many(
        kind="grants/offer_rejected",
        audience=_oferent_people(offer),
        context={"offer": offer, "call": offer.call, "reason": step.reason, "checked_at": offer.checked_at},
        url=offer.get_absolute_url(),
    )


CHECKS = Workflow(
    prefix="grants.offer",
    reason_field="status_reason",
    transitions=[
        Transition(
            "admit",
            sources=("filed",),
            target="admitted",
            label=gettext_lazy("Admit: formally correct"),
            history_label=gettext_lazy("Found formally correct"),
            permission=CHECKER,
            wrong_state=gettext_lazy(
                "This offer is %(status)s; only a filed offer waiting for its formal check can be admitted."
            ),
            guard=_all_met,
            effect=_clear_reason,
            stamps={"checked_at": NOW, "checked_by": ACTOR},
            notify=_tell_admitted,
        ),
        Transition(
            "request_correction",
            sources=("filed",),
            target="correcting",
            label=gettext_lazy("Call for corrections"),
            history_label=gettext_lazy("Called to correct formal defects"),
            permission=CHECKER,
            reason=REQUIRED,
            reason_missing=gettext_lazy("Say what the oferent must correct; the organization reads it."),
            wrong_state=gettext_lazy(
                "This offer is %(status)s; corrections can be called for only while it waits for its formal check."
            ),
            guard=_may_request,
            effect=_open_request,
            notify=_tell_correction,
        ),
        Transition(
            "file_correction",
            sources=("correcting",),
            target="filed",
            label=gettext_lazy("File the correction"),
            history_label=gettext_lazy("Corrected in answer to the call for corrections"),
            permission="grants.file_offer",
            wrong_state=gettext_lazy("This offer is %(status)s; there is no correction to file."),
            guard=_reopened_guard,
            effect=_reopened_effect,
            stamps={"filed_at": NOW, "filed_by": ACTOR},
            notify=_tell_corrected,
        ),
        Transition(
            "reject_formally",
            sources=("filed", "correcting"),
            target="rejected",
            label=gettext_lazy("Reject formally"),
            history_label=gettext_lazy("Rejected formally"),
            permission=CHECKER,
            reason=REQUIRED,
            reason_missing=gettext_lazy("Give the reasons of the formal rejection; the organization reads them."),
            wrong_state=gettext_lazy("This offer is %(status)s; it can no longer be rejected formally."),
            guard=_may_reject,
            effect=_close_requests,
            stamps={"checked_at": NOW, "checked_by": ACTOR},
            notify=_tell_rejected,
        ),
    ],
)

__all__ = ["CHECKS"]
