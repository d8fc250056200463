"""The proposed amounts, the record of the sitting and the adoption of the commission's opinion.

``proposals_save(*, actor, call, amounts, request=None) -> int``
    The office sets the amount the commission proposes for each offer it evaluates (``amounts``: offer id → the
    amount as typed, empty to clear it): at most the grant requested in the filed version, not negative. Every
    wrong amount is refused on its field and nothing is saved. Returns how many proposals changed.

``opinion_save(*, actor, call, sat_on, place, present, text, request=None) -> Opinion``
    The record of the sitting: its date and place, the members present (not excluded) and the opinion's text.

``opinion_adopt(*, actor, call, request=None) -> Opinion``
    Refused while the sitting is not recorded, while an admitted offer has not been scored by any voting member,
    or has no proposed amount (0 zł when the commission does not propose funding it). Adopting freezes the
    scores, writes ``Offer.points`` (the average of the voting members' totals) and ``Offer.proposed_grant`` (the
    proposal) on every admitted offer, issues the protocol and the opinion as PDFs, and tells the members.
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.commissions import pdf, predicates
from razem.commissions.models import Member, Opinion, Proposal
from razem.commissions.selectors import ranked_offers, ranking, requested_of
from razem.commissions.services.members import _reevaluate, member_url
from razem.core import audit
from razem.core.money import money, parse_money, pln
from razem.core.notifications import notify_many
from razem.core.permissions import ensure
from razem.grants.models import Call, Offer

MAX_TEXT = 20000


def _lock(call: Call) -> Call:
    return Call.objects.select_for_update().get(pk=call.pk)


@transaction.atomic
def proposals_save(*, actor: User, call: Call, amounts: Mapping[int, Any], request: HttpRequest | None = None) -> int:
    predicates.changed()
    ensure(actor, "commissions.prepare_opinion", call)
    locked = _lock(call)
    offers = {o.pk: o for o in ranked_offers(locked).filter(status=Offer.Status.ADMITTED)}
    existing = {p.offer_id: p for p in Proposal.objects.filter(offer_id__in=offers)}
    errors: dict[str, list[str]] = {}
    wanted: dict[int, Decimal | None] = {}
    for offer_id, typed in amounts.items():
        offer = offers.get(offer_id)
        if offer is None:
            continue
        field = f"amount_{offer_id}"
        if typed is None or str(typed).strip() == "":
            wanted[offer_id] = None
            continue
        value = parse_money(typed)
        requested = requested_of(offer)
        if value is None:
            errors[field] = [_("Write the amount in złoty, e.g. 12 500,00.")]
        elif value < 0:
            errors[field] = [_("The amount cannot be negative.")]
        elif money(value) != value:
            errors[field] = [_("Give the amount to the grosz at most, e.g. 12 500,50.")]
        elif value > requested:
            errors[field] = [
                _("Offer %(number)s requests %(requested)s: the commission cannot propose more.")
                % {"number": offer.number, "requested": pln(requested)}
            ]
        else:
            wanted[offer_id] = money(value)
    if errors:
        raise ValidationError(errors)
    changes: dict[str, Any] = {}
    for offer_id, value in wanted.items():
        current = existing.get(offer_id)
        if value is None:
            if current is not None:
                current.delete()
                changes[offers[offer_id].number] = None
        elif current is None:
            Proposal.objects.create(offer_id=offer_id, amount=value)
            changes[offers[offer_id].number] = str(value)
        elif current.amount != value:
            current.amount = value
            current.save(update_fields=["amount"])
            changes[offers[offer_id].number] = str(value)
    if changes:
        audit.record(
            actor=actor,
            action="commissions.proposals.saved",
            obj=locked,
            data={"call": locked.number, "amounts": changes},
            request=request,
        )
    predicates.changed()
    return len(changes)


@transaction.atomic
def opinion_save(
    *,
    actor: User,
    call: Call,
    sat_on: datetime.date | None,
    place: str,
    present: Iterable[Member],
    text: str,
    request: HttpRequest | None = None,
) -> Opinion:
    predicates.changed()
    ensure(actor, "commissions.prepare_opinion", call)
    locked = _lock(call)
    errors: dict[str, list[str]] = {}
    chosen = list(present)
    if sat_on is None:
        errors["sat_on"] = [_("Give the date of the sitting.")]
    elif sat_on > timezone.localdate():
        errors["sat_on"] = [_("The sitting cannot be in the future: record it once it has taken place.")]
    if any(m.call_id != locked.pk or m.excluded for m in chosen):
        errors["present"] = [_("Only members of this commission who are not excluded can be present.")]
    if len(text or "") > MAX_TEXT:
        errors["text"] = [_("The opinion is longer than %(count)s characters.") % {"count": MAX_TEXT}]
    if errors or sat_on is None:
        raise ValidationError(errors)
    opinion, created = Opinion.objects.get_or_create(call=locked, defaults={"sat_on": sat_on})
    opinion.sat_on = sat_on
    opinion.place = (place or "").strip()
    opinion.text = (text or "").strip()
    opinion.save()
    opinion.present.set(chosen)
    audit.record(
        actor=actor,
        action="commissions.opinion.saved",
        obj=opinion,
        data={
            "call": locked.number,
            "sat_on": str(sat_on),
            "place": opinion.place,
            "present": [m.pk for m in chosen],
            "created": created,
        },
        request=request,
    )
    predicates.changed()
    return opinion


@transaction.atomic
def opinion_adopt(*, actor: User, call: Call, request: HttpRequest | None = None) -> Opinion:
    predicates.changed()
    ensure(actor, "commissions.adopt_opinion", call)
    locked = _lock(call)
    _reevaluate(locked, list(Member.objects.filter(call=locked)), actor=actor, request=request)
    predicates.changed()
    ensure(actor, "commissions.adopt_opinion", locked)
    opinion = Opinion.objects.select_for_update().filter(call=locked).first()
    if opinion is None or opinion.sat_on is None or not opinion.present.exists():
        raise ValidationError(_("Record the sitting first: its date and the members present."))
    result = ranking(locked)
    problems = [
        _("Offer %(number)s (%(title)s) has not been scored by any voting member.")
        % {"number": row.offer.number, "title": row.title}
        for row in result.unscored
    ]
    problems += [
        _("Offer %(number)s has no proposed amount: enter one (0 zł when the commission does not propose to fund it).")
        % {"number": row.offer.number}
        for row in result.unproposed
    ]
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    opinion.adopted_at = now
    opinion.adopted_by = actor
    opinion.save(update_fields=["adopted_at", "adopted_by"])
    admitted = [row for row in result.rows if row.offer.status == Offer.Status.ADMITTED]
    for row in admitted:
        row.offer.points = row.average
        row.offer.proposed_grant = row.proposal
    Offer.objects.bulk_update([row.offer for row in admitted], ["points", "proposed_grant"])
    predicates.changed()
    protocol, text = pdf.issue(opinion, actor=actor)
    audit.record(
        actor=actor,
        action="commissions.opinion.adopted",
        obj=opinion,
        data={
            "call": locked.number,
            "offers": {row.offer.number: [str(row.average), str(row.proposal)] for row in admitted},
            "protocol": protocol.content_sha256,
            "opinion": text.content_sha256,
        },
        request=request,
    )
    notify_many(
        kind="commissions/opinion_adopted",
        audience=Member.objects.filter(call=locked, excluded=False).values_list("user_id", flat=True),
        context={"call": locked, "opinion": opinion},
        url=member_url(locked),
    )
    return opinion
