"""The state machine of a call for offers (``core.workflow``): a draft is published (announced) by the office; an
announced call may be cancelled under art. 18a u.d.p.p.w. once the deadline has passed, on one of its two grounds
and with a published reason. Corrections of an announced call are not transitions (the state stays): see
``services.calls.call_correct``.

The services (``services/calls.py``) take these transitions; the guards here check what only the locked row can
tell (the ground of a cancellation against the offers filed, the deadline against the clock)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from razem.core import history
from razem.core.notifications import notify_many
from razem.core.schedule import when
from razem.core.workflow import NOW, REQUIRED, Step, Transition, Workflow

MANAGE = "grants.manage_call"


def _publish_guard(call: Any, step: Step) -> None:
    """The deadline checked against the publications (``step.data["last_publication"]``), by the service's rule."""
    from razem.grants.schedule import deadline_problem

    last = step.data.get("last_publication")
    if last is not None and (problem := deadline_problem(call.submission_deadline, last)) is not None:
        raise problem


def _cancel_guard(call: Any, step: Step) -> None:
    from razem.grants.models import Call, Offer

    ground = step.data.get("ground", "")
    if ground not in Call.CancelGround.values:
        raise ValidationError(
            {"ground": _("Choose the ground of the cancellation: one of the two of art. 18a ust. 1.")}
        )
    if timezone.now() <= call.submission_deadline:
        raise ValidationError(
            _(
                "Offers are accepted until %(deadline)s. A call is cancelled under art. 18a only when no offer was "
                "filed or none meets its requirements, which is known after the deadline; until then, correct it."
            )
            % {"deadline": when(call.submission_deadline)}
        )
    filed = Offer.objects.filter(call=call, status=Offer.Status.FILED).count()
    if ground == Call.CancelGround.NO_OFFERS and filed:
        raise ValidationError(
            {
                "ground": ngettext(
                    "%(count)s offer was filed in this call, so it cannot be cancelled for the lack of offers.",
                    "%(count)s offers were filed in this call, so it cannot be cancelled for the lack of offers.",
                    filed,
                )
                % {"count": filed}
            }
        )
    if ground == Call.CancelGround.NONE_MEETS and not filed:
        raise ValidationError(
            {"ground": _("No offer was filed in this call: the ground is that no offer was filed (pkt 1).")}
        )


def _cancel_effect(call: Any, step: Step) -> None:
    call.cancel_ground = step.data["ground"]
    call.sequence += 1


def _tell_on_publish(call: Any, step: Step) -> None:
    from razem.grants.selectors.calls import representatives_in_areas

    notify_many(
        kind="grants/call_opened",
        audience=representatives_in_areas(call),
        context={"call": call},
        url=call.get_absolute_url(),
    )


def _tell_on_cancel(call: Any, step: Step) -> None:
    from razem.grants.selectors.calls import people_with_offers

    notify_many(
        kind="grants/call_cancelled",
        audience=people_with_offers(call),
        context={"call": call, "reason": step.reason, "ground": str(call.get_cancel_ground_display())},
        url=call.get_absolute_url(),
    )


CALL = Workflow(
    prefix="grants.call",
    reason_field="status_reason",
    transitions=[
        Transition(
            "publish",
            sources=("draft",),
            target="announced",
            label=gettext_lazy("Publish the call"),
            history_label=gettext_lazy("Published"),
            permission=MANAGE,
            denied=gettext_lazy("Only the city office publishes calls for offers."),
            wrong_state=gettext_lazy("This call is %(status)s; it has already been published."),
            guard=_publish_guard,
            stamps={"published_at": NOW},
            notify=_tell_on_publish,
            audit="published",
            public=True,
        ),
        Transition(
            "cancel",
            sources=("announced",),
            target="cancelled",
            label=gettext_lazy("Cancel the call"),
            history_label=gettext_lazy("Cancelled (art. 18a)"),
            permission=MANAGE,
            denied=gettext_lazy("Only the city office cancels calls for offers."),
            reason=REQUIRED,
            reason_missing=gettext_lazy("Give the reason of the cancellation; it is published on the call's page."),
            wrong_state=gettext_lazy("This call is %(status)s; only an announced call can be cancelled."),
            guard=_cancel_guard,
            effect=_cancel_effect,
            stamps={"cancelled_at": NOW},
            notify=_tell_on_cancel,
            audit="cancelled",
            public=True,
        ),
        # The Mayor's decision on the call (grants.services.results.decision_record takes it, in the transaction
        # that records the decision and the awards; the checks are the service's).
        Transition(
            "decide",
            sources=("announced",),
            target="decided",
            label=gettext_lazy("Record the decision"),
            history_label=gettext_lazy("Decided (order of the Mayor)"),
            permission=MANAGE,
            denied=gettext_lazy("Only the city office records the decision on a call."),
            wrong_state=gettext_lazy("This call is %(status)s; only an announced call can be decided."),
            audit="decided",
            public=True,
        ),
    ],
)

history.describe("grants.call.created", gettext_lazy("Draft created"))
history.describe("grants.call.updated", gettext_lazy("Draft changed"))
history.describe("grants.call.corrected", gettext_lazy("Corrected (correction notice published)"), public=True)
history.describe("grants.call.publications_recorded", gettext_lazy("Publications recorded"))
history.describe("grants.call.results_published", gettext_lazy("Results published"), public=True)
