"""The publication of the results: ``results_publish`` (see ``grants.services.results``) and what each oferent
is told (``results_personal``)."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.deadlines import deadline
from razem.core.money import pln
from razem.core.notifications import notify_many
from razem.core.permissions import ensure
from razem.core.schedule import when
from razem.grants.models import Award, Call, Decision, Offer, OfferPartner, Publication
from razem.grants.selectors import results as selectors
from razem.grants.services.calls.publication import _clean_publications
from razem.grants.services.results.common import _add, oferent_audience
from razem.organizations.selectors import organizations_acted_for


def results_url(call: Call) -> str:
    return reverse("grants:results", args=[call.slug])


def results_personal(recipient: Any, context: dict[str, Any]) -> dict[str, Any]:
    """What one person is told of the results: the offers of the call that the organizations they act for filed
    (as the lead or a partner), each with the grant and the points, or not funded (``notify_many``'s ``personal``)."""
    call = context["call"]
    acting = organizations_acted_for(user=recipient, verified=False).values("pk")
    partnered = OfferPartner.objects.filter(organization__in=acting).exclude(status=OfferPartner.Status.DECLINED)
    offers = (
        Offer.objects.filter(call=call, status__in=selectors.CONSIDERED)
        .filter(Q(organization__in=acting) | Q(pk__in=partnered.values("offer_id")))
        .select_related("award")
        .prefetch_related("award__years")
        .order_by("number", "id")
    )
    rows = []
    for offer in offers:
        award = selectors.award_of(offer)
        rows.append(
            {
                "number": offer.number,
                "title": offer.title,
                "points": offer.points,
                "amount": pln(award.amount) if award else "",
                "requested": pln(award.requested) if award else "",
                "years": [(y.year, pln(y.amount)) for y in award.years.all()] if award else [],
                "partial": bool(award and award.update == Award.Update.AWAITED),
                "due": award.update_due if award else None,
                "url": settings.RAZEM_BASE_URL + offer.get_absolute_url(),
                "update_url": settings.RAZEM_BASE_URL + reverse("grants:offer_update", args=[offer.pk]),
            }
        )
    return {"rows": rows}


def results_publish(
    *, actor: User, call: Call, publications: list[dict[str, Any]], request: HttpRequest | None = None
) -> Decision:
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        ensure(actor, "grants.publish_results", locked)
        decision = Decision.objects.select_for_update().get(call=locked)
        today = timezone.localdate()
        rows = _clean_publications(publications, required=(), today=today)
        channels = {row["channel"] for row in rows}
        errors: dict[str, list[str]] = {}
        if Publication.Channel.BIP not in channels:
            _add(
                errors,
                "bip_published_on",
                _("Give the date the results appeared in the BIP (art. 15 ust. 2h), and their address there."),
            )
        if Publication.Channel.NOTICE_BOARD not in channels:
            _add(
                errors,
                "notice_board_published_on",
                _("Give the date the results were put on the notice board at the office's seat (art. 15 ust. 2h)."),
            )
        for row in rows:
            if row["published_on"] < decision.made_on:
                _add(
                    errors,
                    f"{row['channel']}_published_on",
                    _("%(date)s is before the order of %(decision)s: the results are published after the decision.")
                    % {"date": when(row["published_on"]), "decision": when(decision.made_on)},
                )
        if errors:
            raise ValidationError(errors)
        address = settings.RAZEM_BASE_URL + results_url(locked)
        Publication.objects.create(
            call=locked,
            subject=Publication.Subject.RESULTS,
            channel=Publication.Channel.RAZEM,
            published_on=today,
            url=address,
            recorded_by=actor,
        )
        for row in rows:
            Publication.objects.create(call=locked, subject=Publication.Subject.RESULTS, recorded_by=actor, **row)
        decision.results_published_at = timezone.now()
        decision.save(update_fields=["results_published_at"])
        # The oferent learns of a partial award now: its update is due no sooner than the practice window from today.
        due = deadline("award_update_days", today).date
        Award.objects.filter(decision=decision, update=Award.Update.AWAITED, update_due__lt=due).update(update_due=due)
        audit.record(
            actor=actor,
            action="grants.call.results_published",
            obj=locked,
            data={"decision": decision.number, "channels": sorted(channels | {Publication.Channel.RAZEM})},
            request=request,
        )
        considered = list(Offer.objects.filter(call=locked, status__in=selectors.CONSIDERED))
        notify_many(
            kind="grants/results_published",
            audience=oferent_audience(considered),
            context={"call": locked, "decision": decision, "results_url": address},
            url=results_url(locked),
            personal=results_personal,
        )
    return decision
