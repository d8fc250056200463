"""Verification: the office verifies, rejects, suspends, reinstates or marks dissolved an organization, or returns
it to the queue; its administrators hear of it. One workflow (``razem.core.workflow``) holds the arrows.

Audit codes (``organizations.organization.<verb>``, with ``from``, ``to`` and the reason when one is given):
``verified`` (verify and reinstate), ``rejected``, ``suspended``, ``dissolved``, ``reopened``.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.accounts.models import User
from razem.core import history
from razem.core.notifications import notify_many
from razem.core.workflow import NOW, OPTIONAL, REQUIRED, Step, Transition, Workflow
from razem.organizations.models import Organization
from razem.organizations.selectors import administrators_of

S = Organization.Status
VERIFY = "organizations.verify_organization"
REASON_MISSING = gettext_lazy("Give the reason: the organization will see it.")
WRONG_STATE = gettext_lazy(
    "The organization is %(status)s now, so it cannot become %(new)s. Next possible: %(allowed)s."
)


def _tell_administrators(organization: Organization, step: Step) -> None:
    """The organization's administrators read the new status (named in their language) and the reason."""
    notify_many(
        kind="organizations/status_changed",
        audience=administrators_of(organization),
        context={"organization": organization, "reason": step.reason},
        url=organization.get_absolute_url(),
    )


def _arrow(name: str, sources: tuple[str, ...], target: str, label: Any, **options: Any) -> Transition:
    """Every arrow is taken by the office, stamps the time, may carry a reason and tells the administrators."""
    return Transition(
        name,
        sources=sources,
        target=target,
        label=label,
        permission=VERIFY,
        reason=options.pop("reason", OPTIONAL),
        reason_missing=REASON_MISSING,
        wrong_state=WRONG_STATE,
        stamps={"status_changed_at": NOW},
        notify=_tell_administrators,
        **options,
    )


VERIFICATION = Workflow(
    prefix="organizations.organization",
    transitions=[
        _arrow("verify", (S.PENDING,), S.VERIFIED, gettext_lazy("Verify: the organization is what it says it is"),
               audit="verified", history_label=gettext_lazy("Verified")),
        _arrow("reinstate", (S.SUSPENDED,), S.VERIFIED,
               gettext_lazy("Reinstate: the suspension ends and the organization is verified again"), audit="verified",
               history_label=gettext_lazy("Verified")),
        _arrow("reject", (S.PENDING,), S.REJECTED, gettext_lazy("Reject (give the reason)"), reason=REQUIRED,
               audit="rejected", history_label=gettext_lazy("Rejected")),
        _arrow("suspend", (S.PENDING, S.VERIFIED), S.SUSPENDED, gettext_lazy("Suspend (give the reason)"),
               reason=REQUIRED, audit="suspended", history_label=gettext_lazy("Suspended")),
        _arrow("dissolve", (S.PENDING, S.VERIFIED, S.SUSPENDED, S.REJECTED), S.DISSOLVED,
               gettext_lazy("Mark as dissolved (liquidated or struck off the register)"), audit="dissolved",
               history_label=gettext_lazy("Marked as dissolved")),
        _arrow("reopen", (S.VERIFIED, S.REJECTED, S.SUSPENDED, S.DISSOLVED), S.PENDING,
               gettext_lazy("Return to awaiting verification"), audit="reopened",
               history_label=gettext_lazy("Returned to awaiting verification")),
    ],
    reason_field="status_reason",
)  # fmt: skip

# The other entries worth seeing in the history on the verification page (office only).
history.describe("organizations.organization.registered", gettext_lazy("Registered in Razem"))
history.describe("organizations.organization.krs_extract_stored", gettext_lazy("KRS extract fetched"))


@transaction.atomic
def organization_set_status(
    *, actor: User, organization: Organization, status: str, reason: str = "", request: HttpRequest | None = None
) -> Organization:
    """A city officer gives an organization a new status along ``VERIFICATION``; its administrators hear of it."""
    if status not in S.values:
        raise ValidationError(_("Unknown status."))
    current = Organization.objects.select_for_update().values_list("status", flat=True).get(pk=organization.pk)
    if current == status:
        raise ValidationError(_("The organization already has this status."), code="wrong_state")
    transition = VERIFICATION.to(current, status) or next(
        t for t in VERIFICATION.transitions.values() if t.target == status
    )  # from a state with no arrow to ``status``, the workflow refuses with WRONG_STATE
    return VERIFICATION.take(organization, transition.name, actor=actor, reason=reason, request=request)
