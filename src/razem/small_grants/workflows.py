"""The path of a small-grant offer (a ``grants.Offer`` of kind ``small_grant``):

    draft → filed → published (for comments) → awarded | not_awarded
    filed, published → withdrawn

``file`` checks the offer under its row lock (complete, the statements made, the signatories entitled, the limits of
art. 19a) and freezes it into a version (``services.filing``); ``publish`` records the statutory channels and opens
the comment period; ``award`` and ``reject`` are the organ's decision, after the comment period, with the limits
checked again (``services.office``); ``withdraw`` is the oferent's, before the decision. Audited as
``small_grants.offer.<verb>``; the oferent's people are told of each step after the commit.
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from razem.core.notifications import notify_many
from razem.core.workflow import ACTOR, NOW, OPTIONAL, REQUIRED, Step, Transition, Workflow


def oferent_people(offer: Any) -> Any:
    from razem.grants.selectors.offers import oferent_people as of_offer

    return of_offer(offer)


def _check(offer: Any, step: Step) -> None:
    from razem.small_grants.services import filing

    filing.check(offer, signatories=step.data.get("signatories", ()), declarations=step.data.get("declarations", {}))


def _freeze(offer: Any, step: Step) -> None:
    from razem.small_grants.services import filing

    filing.freeze(
        offer,
        actor=step.actor,
        signatories=step.data.get("signatories", ()),
        declarations=step.data.get("declarations", {}),
    )


def _publish(offer: Any, step: Step) -> None:
    from razem.small_grants.services import office

    office.record_publication(offer, step)


def _check_decision(offer: Any, step: Step) -> None:
    from razem.small_grants.services import office

    office.check_decision(offer, step)


def _record_decision(offer: Any, step: Step) -> None:
    from razem.small_grants.services import office

    office.record_decision(offer, step)


def _tell_filed(offer: Any, step: Step) -> None:
    version = offer.current_version
    small_grant = offer.small_grant
    notify_many(
        kind="small_grants/filed",
        audience=oferent_people(offer),
        context={
            "offer": offer,
            "number": offer.number,
            "version_number": version.number,
            "checksum": version.checksum,
            "filed_at": version.filed_at,
            "publication_due": small_grant.publication_due,
            "pdf_url": reverse("small_grants:pdf", args=[offer.pk]),
        },
        url=reverse("small_grants:receipt", args=[offer.pk]),
    )


def _tell_published(offer: Any, step: Step) -> None:
    small_grant = offer.small_grant
    notify_many(
        kind="small_grants/published",
        audience=oferent_people(offer),
        context={
            "offer": offer,
            "published_on": small_grant.published_on,
            "comments_until": small_grant.comments_until,
            "public_url": small_grant.get_absolute_url(),
        },
        url=reverse("small_grants:offer", args=[offer.pk]),
    )


def _tell_decided(offer: Any, step: Step) -> None:
    small_grant = offer.small_grant
    award = getattr(offer, "award", None) if step.target == "awarded" else None
    notify_many(
        kind="small_grants/decided",
        audience=oferent_people(offer),
        context={
            "offer": offer,
            "awarded": step.target == "awarded",
            "award": award,
            "version": offer.current_version,
            "decision": small_grant.decision,
            "reason": step.reason,
        },
        url=reverse("small_grants:offer", args=[offer.pk]),
    )


def _tell_withdrawn(offer: Any, step: Step) -> None:
    notify_many(
        kind="small_grants/withdrawn",
        audience=oferent_people(offer),
        context={"offer": offer, "reason": step.reason, "withdrawn_at": offer.withdrawn_at},
        url=reverse("small_grants:offer", args=[offer.pk]),
        exclude=step.actor,
    )


SMALL_GRANT = Workflow(
    prefix="small_grants.offer",
    reason_field="status_reason",
    transitions=[
        Transition(
            "file",
            sources=("draft",),
            target="filed",
            label=_("File the offer"),
            history_label=_("Filed"),
            permission="small_grants.file_offer",
            wrong_state=_("This offer is %(status)s; it cannot be filed again."),
            guard=_check,
            effect=_freeze,
            stamps={"filed_at": NOW, "filed_by": ACTOR},
            notify=_tell_filed,
            public=True,
        ),
        Transition(
            "publish",
            sources=("filed",),
            target="published",
            label=_("Publish for comments"),
            history_label=_("Published for comments"),
            permission="small_grants.publish_offer",
            wrong_state=_("This offer is %(status)s; only a filed offer can be published."),
            effect=_publish,
            notify=_tell_published,
            public=True,
        ),
        Transition(
            "award",
            sources=("published",),
            target="awarded",
            label=_("Award the grant"),
            history_label=_("Grant awarded"),
            permission="small_grants.decide_offer",
            wrong_state=_("This offer is %(status)s; only an offer published for comments can be decided."),
            guard=_check_decision,
            effect=_record_decision,
            notify=_tell_decided,
            public=True,
        ),
        Transition(
            "reject",
            sources=("published",),
            target="not_awarded",
            label=_("Refuse the grant"),
            history_label=_("Grant refused"),
            permission="small_grants.decide_offer",
            reason=REQUIRED,
            reason_missing=_("Say why the grant is refused; the organization reads it."),
            wrong_state=_("This offer is %(status)s; only an offer published for comments can be decided."),
            guard=_check_decision,
            effect=_record_decision,
            notify=_tell_decided,
            public=True,
        ),
        Transition(
            "withdraw",
            sources=("filed", "published"),
            target="withdrawn",
            label=_("Withdraw the offer"),
            history_label=_("Withdrawn by the oferent"),
            permission="small_grants.withdraw_offer",
            reason=OPTIONAL,
            wrong_state=_("Only an offer filed and not yet decided can be withdrawn (this one: %(status)s)."),
            stamps={"withdrawn_at": NOW},
            notify=_tell_withdrawn,
            public=True,
        ),
    ],
)
