"""The state machine of an offer: filed (a version frozen), filed again (a corrected version), withdrawn.

``file`` (draft → filed) and ``correct`` (filed → filed, the next version) share their guard and effect, which live
in ``grants.services.filing``; ``withdraw`` (filed → withdrawn) takes an optional reason. A refusal of permission
says why in the words of ``grants.rules`` (not acting for the lead, an unverified organization, the deadline passed
with the deadline shown), checked under the row lock by the server clock."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from razem.core.notifications import notify_many
from razem.core.workflow import ACTOR, NOW, OPTIONAL, Step, Transition, Workflow


def _oferent_people(offer: Any) -> Any:
    from razem.grants.selectors.offers import oferent_people

    return oferent_people(offer)


def _check(offer: Any, step: Step) -> None:
    from razem.grants.services import filing

    filing.check(offer, signatories=step.data.get("signatories", ()), declarations=step.data.get("declarations", {}))


def _freeze(offer: Any, step: Step) -> None:
    from razem.grants.services import filing

    filing.freeze(
        offer,
        actor=step.actor,
        signatories=step.data.get("signatories", ()),
        declarations=step.data.get("declarations", {}),
    )


def _tell_filed(offer: Any, step: Step) -> None:
    version = offer.current_version
    notify_many(
        kind="grants/offer_filed",
        audience=_oferent_people(offer),
        context={
            "offer": offer,
            "version": version,
            "call": offer.call,
            "number": offer.number,
            "version_number": version.number,
            "checksum": version.checksum,
            "filed_at": version.filed_at,
            "corrected": step.source == "filed",
            "pdf_url": reverse("grants:version_pdf", args=[offer.pk, version.number]),
        },
        url=reverse("grants:receipt", args=[offer.pk, version.number]),
    )


def _tell_withdrawn(offer: Any, step: Step) -> None:
    notify_many(
        kind="grants/offer_withdrawn",
        audience=_oferent_people(offer),
        context={"offer": offer, "call": offer.call, "reason": step.reason, "withdrawn_at": offer.withdrawn_at},
        url=offer.get_absolute_url(),
    )


FILE = {
    "permission": "grants.file_offer",
    "guard": _check,
    "effect": _freeze,
    "stamps": {"filed_at": NOW, "filed_by": ACTOR},
    "notify": _tell_filed,
}

OFFER = Workflow(
    prefix="grants.offer",
    reason_field="status_reason",
    transitions=[
        Transition(
            "file",
            sources=("draft",),
            target="filed",
            label=_("File the offer"),
            history_label=_("Filed"),
            wrong_state=_("This offer was %(status)s; it cannot be filed again."),
            **FILE,  # type: ignore[arg-type]
        ),
        Transition(
            "correct",
            sources=("filed",),
            target="filed",
            label=_("File a corrected version"),
            history_label=_("Corrected by a new version"),
            wrong_state=_("This offer was %(status)s; it cannot be filed again."),
            **FILE,  # type: ignore[arg-type]
        ),
        Transition(
            "withdraw",
            sources=("filed",),
            target="withdrawn",
            label=_("Withdraw the offer"),
            history_label=_("Withdrawn"),
            permission="grants.withdraw_offer",
            reason=OPTIONAL,
            wrong_state=_("Only a filed offer can be withdrawn (this one: %(status)s)."),
            stamps={"withdrawn_at": NOW},
            notify=_tell_withdrawn,
        ),
    ],
)
