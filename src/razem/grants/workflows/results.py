"""The offer's path after the decision (``core.workflow``, on ``Offer.status``, audited as ``grants.offer.<verb>``):

- ``award`` (admitted → awarded) and ``not_award`` (admitted → not awarded): taken by ``decision_record`` for every
  admitted offer, in the decision's transaction (the service checks the office's permission on the call);
- ``resign`` (awarded → resigned): the leading oferent gives the grant up (``grants.resign_award``), with an optional
  reason; the award's update becomes "resigned" and the office is told.

The call's own transition to "decided" is ``grants.workflows.calls.CALL["decide"]``.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from razem.core import history
from razem.core.notifications import notify_many
from razem.core.workflow import OPTIONAL, Step, Transition, Workflow


def _resign_effect(offer: Any, step: Step) -> None:
    from razem.grants.models import Award

    Award.objects.filter(offer=offer).update(update=Award.Update.RESIGNED)


def _tell_office_resigned(offer: Any, step: Step) -> None:
    from django.urls import reverse

    from razem.accounts.models import User
    from razem.grants.models import Award

    award = Award.objects.filter(offer=offer).first()
    notify_many(
        kind="grants/award_resigned",
        audience=User.objects.city_staff(),
        context={"offer": offer, "call": offer.call, "award": award, "reason": step.reason},
        url=reverse("grants_staff:decision", args=[offer.call.slug]) if offer.call is not None else "",
    )


AWARD = Workflow(
    prefix="grants.offer",
    reason_field="status_reason",
    transitions=[
        Transition(
            "award",
            sources=("admitted",),
            target="awarded",
            label=_("Grant awarded"),
            history_label=_("Grant awarded by the decision"),
            wrong_state=_("Offer in the status %(status)s cannot be awarded a grant; only admitted offers can."),
            audit="awarded",
        ),
        Transition(
            "not_award",
            sources=("admitted",),
            target="not_awarded",
            label=_("Not funded"),
            history_label=_("Not funded by the decision"),
            wrong_state=_("Offer in the status %(status)s is not part of the decision; only admitted offers are."),
            audit="not_awarded",
        ),
        Transition(
            "resign",
            sources=("awarded",),
            target="resigned",
            label=_("Resign from the grant"),
            history_label=_("The oferent resigned from the grant"),
            permission="grants.resign_award",
            reason=OPTIONAL,
            wrong_state=_("Only a grant awarded can be resigned; this offer is %(status)s."),
            effect=_resign_effect,
            notify=_tell_office_resigned,
            audit="resigned",
        ),
    ],
)

# Filing the update goes through grants.reopening (audited there as grants.offer.update_filed).
history.describe("grants.offer.update_filed", _("The updated schedule and budget filed after the grant awarded"))
