"""The steps every save of the offer editor shares: the offer's row locked and read again, the refusal of a stale
revision, the record of a save (``_bump``: the next revision, the audit entry, the kept input dropped, partners whose
confirmation lapsed told) and the parsing of texts and amounts. Used by the other modules of
``grants.services.offers`` and by ``grants.services.attachments``; the limits are shared with the editor's forms.
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.money import money
from razem.core.notifications import notify_many
from razem.grants import validation
from razem.grants.models import (
    Call,
    DraftInput,
    Offer,
    OfferPartner,
)
from razem.organizations.selectors import people_acting_for

EDITABLE_FIELDS = tuple(validation.FIELD_SECTIONS)
ACTIVITY_TEXTS = ("name", "description", "target_group", "planned_period", "subcontracted_scope")
RESULT_TEXTS = ("name", "target_value", "monitoring")
MAX_AMOUNT = Decimal("999999999999.99")
MAX_QUANTITY = Decimal("9999999999.99")


def _call(offer: Offer) -> Call:
    if offer.call is None:
        raise ValidationError(_("This offer does not belong to a call."))
    return offer.call


def _locked(offer: Offer) -> Offer:
    """The offer's row, locked for the rest of the transaction, read again (with its call and oferent)."""
    return Offer.objects.select_for_update(of=("self",)).select_related("call", "organization").get(pk=offer.pk)


def _refresh(target: Offer, source: Offer) -> Offer:
    """Copy what a save changed onto the caller's object, so that it shows the saved state."""
    for field in (*EDITABLE_FIELDS, "revision", "updated_at", "updated_by_id", "section_revisions"):
        setattr(target, field, getattr(source, field))
    for cache in ("_prefetched_objects_cache", "_razem_partner_ids"):
        target.__dict__.pop(cache, None)
    return target


def _check_stale(offer: Offer, sections: Iterable[str], revision: int | None, actor: User) -> None:
    """Refuse when someone else saved one of ``sections`` after the revision the person's form was opened at."""
    if revision is None:
        return
    for section in sections:
        entry = (offer.section_revisions or {}).get(section) or {}
        if int(entry.get("revision") or 0) > revision and entry.get("by") != actor.pk:
            by = entry.get("by")
            person = User.objects.filter(pk=by).values_list("full_name", flat=True).first() if by else None
            at = entry.get("at")
            moment = timezone.localtime(datetime.datetime.fromisoformat(at)).strftime("%H:%M:%S") if at else ""
            raise ValidationError(
                _(
                    "%(person)s saved %(section)s at %(time)s, after you opened it, so your changes were not saved. "
                    "What you typed is kept: look at the section again, then save to replace their version."
                )
                % {
                    "person": person or _("Someone else"),
                    "section": validation.section_title(section),
                    "time": moment,
                },
                code="stale",
            )


def _bump(
    offer: Offer,
    *,
    actor: User,
    sections: list[str],
    fields: Iterable[str] = (),
    data: Mapping[str, Any] | None = None,
    request: HttpRequest | None,
) -> None:
    """Record a save: the next revision, who and when, the sections it touched, the audit entry; the kept input of
    those sections goes, and partners whose confirmation this save lapses are told."""
    before = _held_confirmations(offer) if set(sections) & set(validation.CONFIRMATION_SECTIONS) else None
    now = timezone.now()
    offer.revision += 1
    offer.updated_at = now
    offer.updated_by = actor
    revisions = dict(offer.section_revisions or {})
    for section in sections:
        revisions[section] = {"revision": offer.revision, "by": actor.pk, "at": now.isoformat()}
    offer.section_revisions = revisions
    offer.save(update_fields=[*fields, "revision", "updated_at", "updated_by", "section_revisions"])
    DraftInput.objects.filter(offer=offer, section__in=sections).delete()
    audit.record(
        actor=actor,
        action="grants.offer.saved",
        obj=offer,
        data={"section": ",".join(sections), "revision": offer.revision, **(data or {})},
        request=request,
    )
    if before:
        lapsed = [p for p in before if not validation.confirmation_holds(offer, p)]
        if lapsed:
            notify_many(
                kind="grants/partner_reconfirm",
                audience=people_acting_for([p.organization_id for p in lapsed]),
                context={"offer": offer, "lead": offer.organization},
                url=offer.get_absolute_url(),
                exclude=actor,
            )


def _held_confirmations(offer: Offer) -> list[OfferPartner]:
    partners = OfferPartner.objects.filter(offer=offer, status=OfferPartner.Status.CONFIRMED)
    return [p for p in partners if validation.confirmation_holds(offer, p)]


def _text(value: Any) -> str:
    return str(value or "").strip()


def _check_length(model: type[models.Model], field: str, value: str, key: str) -> None:
    limit = getattr(model._meta.get_field(field), "max_length", None)
    if limit and len(value) > limit:
        raise ValidationError(
            {key: _("At most %(max)s characters; this has %(length)s.") % {"max": limit, "length": len(value)}}
        )


def _amount(value: Any, key: str, *, limit: Decimal = MAX_AMOUNT, what: str = "") -> Decimal:
    """A non-negative figure with at most two decimal places (None and "" are zero)."""
    if value in (None, ""):
        return Decimal("0.00")
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError({key: _("Enter an amount, e.g. 1 234,50.")}) from exc
    if not number.is_finite():
        raise ValidationError({key: _("Enter an amount, e.g. 1 234,50.")})
    if number < 0:
        raise ValidationError(
            {key: _("%(what)s cannot be negative (%(value)s).") % {"what": what or _("The amount"), "value": number}}
        )
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError({key: _("Give at most two digits after the decimal comma.")})
    if number > limit:
        raise ValidationError({key: _("This figure is too large.")})
    return money(number)
