"""The state machines of a contract (prepared → signed → terminated) and of an annex (prepared → signed).

Signing (``sign``) is checked under the row lock: the contract must have its number, the bank account and the
payment day of every tranche, and the day of signing may not be in the future nor before the decision; its effect
(``razem.contracts.services.contracts._freeze``) freezes what the contract says, so that its PDF never changes
afterwards. Termination needs a reason, read by the oferent. Signing an annex applies it to the contract (its dates,
the grant per year) and freezes its content."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from razem.core.notifications import notify_many
from razem.core.workflow import ACTOR, NOW, REQUIRED, Step, Transition, Workflow


def oferent_people(contract: Any) -> Any:
    """The people acting for the lead oferent and the partners of the contract's offer."""
    from razem.grants.selectors.offers import oferent_people as of_offer

    return of_offer(contract.offer)


def _sign_guard(contract: Any, step: Step) -> None:
    from razem.contracts.services import contracts

    contracts.signing_problems(contract, signed_on=step.data.get("signed_on"))


def _sign_effect(contract: Any, step: Step) -> None:
    from razem.contracts.services import contracts

    contracts.freeze(contract, signed_on=step.data["signed_on"], scan=step.data.get("scan"))


def _tell_signed(contract: Any, step: Step) -> None:
    notify_many(
        kind="contracts/signed",
        audience=oferent_people(contract),
        context={
            "contract": contract,
            "number": contract.number,
            "title": contract.title,
            "signed_on": contract.signed_on,
        },
        url=contract.get_absolute_url(),
    )


def _tell_terminated(contract: Any, step: Step) -> None:
    notify_many(
        kind="contracts/terminated",
        audience=oferent_people(contract),
        context={"contract": contract, "number": contract.number, "title": contract.title, "reason": step.reason},
        url=contract.get_absolute_url(),
    )


CONTRACT = Workflow(
    prefix="contracts.contract",
    reason_field="status_reason",
    transitions=[
        Transition(
            "sign",
            sources=("draft",),
            target="signed",
            label=_("Record the signing"),
            history_label=_("Signed"),
            permission="contracts.sign_contract",
            wrong_state=_("This contract is %(status)s; it cannot be signed again."),
            guard=_sign_guard,
            effect=_sign_effect,
            stamps={"signed_recorded_at": NOW, "signed_recorded_by": ACTOR},
            notify=_tell_signed,
            public=True,
        ),
        Transition(
            "terminate",
            sources=("draft", "signed"),
            target="terminated",
            label=_("Terminate the contract"),
            history_label=_("Terminated"),
            permission="contracts.terminate_contract",
            reason=REQUIRED,
            reason_missing=_("Say why the contract is terminated; the oferent reads it."),
            wrong_state=_("This contract is %(status)s already."),
            stamps={"terminated_at": NOW},
            notify=_tell_terminated,
            public=True,
        ),
    ],
)


def _annex_guard(annex: Any, step: Step) -> None:
    from razem.contracts.services import annexes

    annexes.signing_problems(annex, signed_on=step.data.get("signed_on"))


def _annex_effect(annex: Any, step: Step) -> None:
    from razem.contracts.services import annexes

    annexes.apply(annex, actor=step.actor, signed_on=step.data["signed_on"], scan=step.data.get("scan"))


def _tell_annex_signed(annex: Any, step: Step) -> None:
    contract = annex.contract
    notify_many(
        kind="contracts/annex_signed",
        audience=oferent_people(contract),
        context={
            "contract": contract,
            "number": contract.number,
            "annex_number": annex.number,
            "reason": annex.reason,
            "signed_on": annex.signed_on,
        },
        url=contract.get_absolute_url(),
    )


ANNEX = Workflow(
    prefix="contracts.annex",
    transitions=[
        Transition(
            "sign",
            sources=("prepared",),
            target="signed",
            label=_("Record the signing of the annex"),
            history_label=_("Annex signed"),
            permission="contracts.sign_annex",
            wrong_state=_("This annex is %(status)s; it cannot be signed again."),
            guard=_annex_guard,
            effect=_annex_effect,
            stamps={"signed_recorded_at": NOW, "signed_recorded_by": ACTOR},
            notify=_tell_annex_signed,
            public=True,
        ),
    ],
)
