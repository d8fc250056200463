"""The partners of a joint offer (art. 14 ust. 2): the leading oferent invites an organization or takes it out,
and the people of the invited organization accept (confirm the offer as it is now) or decline.

    partner_invite(*, actor, offer, organization, request=None) -> OfferPartner
    partner_decide(*, actor, partner, accept, request=None) -> OfferPartner
    partner_remove(*, actor, partner, request=None) -> None

Each change of the partnership is a save of the offer's "partners" section (a new revision, audited); the other
side is told.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.notifications import notify_many
from razem.core.permissions import ensure
from razem.grants import validation
from razem.grants.models import (
    Offer,
    OfferPartner,
)
from razem.grants.services.offers.common import _bump, _locked, _refresh
from razem.organizations.models import Organization
from razem.organizations.selectors import people_acting_for


@transaction.atomic
def partner_invite(
    *, actor: User, offer: Offer, organization: Organization, request: HttpRequest | None = None
) -> OfferPartner:
    """Invite another organization into a joint offer (art. 14 ust. 2); its people accept or decline in Razem."""
    locked = _locked(offer)
    ensure(actor, "grants.invite_partner", locked, field="organization")
    if organization.pk == locked.organization_id:
        raise ValidationError({"organization": _("The leading oferent cannot be its own partner.")})
    if organization.status != Organization.Status.VERIFIED:
        raise ValidationError(
            {"organization": _("%(org)s is not a verified organization yet.") % {"org": organization.name}}
        )
    if not people_acting_for(organization).exists():
        raise ValidationError(
            {
                "organization": _(
                    "Nobody can act for %(org)s in Razem yet, so nobody could accept; ask them to join Razem first."
                )
                % {"org": organization.name}
            }
        )
    partner = OfferPartner.objects.select_for_update().filter(offer=locked, organization=organization).first()
    if partner is not None and partner.status != OfferPartner.Status.DECLINED:
        raise ValidationError(
            {"organization": _("%(org)s is already a partner of this offer.") % {"org": organization.name}}
        )
    now = timezone.now()
    if partner is None:
        partner = OfferPartner(offer=locked, organization=organization)
    partner.status = OfferPartner.Status.INVITED
    partner.invited_by, partner.invited_at = actor, now
    partner.decided_by, partner.decided_at, partner.confirmed_revision = None, None, None
    partner.save()
    _bump(
        locked,
        actor=actor,
        sections=[validation.PARTNERS],
        data={"invited": organization.pk},
        request=request,
    )
    audit.record(
        actor=actor,
        action="grants.offer.partner_invited",
        obj=locked,
        data={"organization": organization.pk},
        request=request,
    )
    notify_many(
        kind="grants/partner_invited",
        audience=people_acting_for(organization),
        context={"offer": locked, "partner": partner, "lead": locked.organization, "call": locked.call},
        url=locked.get_absolute_url(),
        exclude=actor,
    )
    _refresh(offer, locked)
    return partner


@transaction.atomic
def partner_decide(
    *, actor: User, partner: OfferPartner, accept: bool, request: HttpRequest | None = None
) -> OfferPartner:
    """The invited organization accepts (confirms the offer as it is now) or declines the joint offer. A partner
    who confirmed may confirm again after a change, or withdraw by declining."""
    offer = _locked(partner.offer)
    locked = OfferPartner.objects.select_for_update().select_related("organization").get(pk=partner.pk)
    locked.offer = offer
    ensure(actor, "grants.decide_partnership", locked)
    if locked.status == OfferPartner.Status.DECLINED:
        raise ValidationError(
            _("Your organization declined this joint offer; the leading oferent may invite it again.")
        )
    now = timezone.now()
    locked.decided_by, locked.decided_at = actor, now
    if accept:
        locked.status = OfferPartner.Status.CONFIRMED
        locked.confirmed_revision = offer.revision
        locked.save(update_fields=["status", "decided_by", "decided_at", "confirmed_revision"])
        audit.record(
            actor=actor,
            action="grants.offer.partner_confirmed",
            obj=offer,
            data={"organization": locked.organization_id, "revision": offer.revision},
            request=request,
        )
    else:
        locked.status = OfferPartner.Status.DECLINED
        locked.confirmed_revision = None
        locked.save(update_fields=["status", "decided_by", "decided_at", "confirmed_revision"])
        _bump(
            offer,
            actor=actor,
            sections=[validation.PARTNERS],
            data={"declined": locked.organization_id},
            request=request,
        )
        audit.record(
            actor=actor,
            action="grants.offer.partner_declined",
            obj=offer,
            data={"organization": locked.organization_id},
            request=request,
        )
    notify_many(
        kind="grants/partner_accepted" if accept else "grants/partner_declined",
        audience=people_acting_for(offer.organization),
        context={"offer": offer, "partner": locked, "organization": locked.organization},
        url=offer.get_absolute_url(),
        exclude=actor,
    )
    partner.status, partner.confirmed_revision = locked.status, locked.confirmed_revision
    partner.decided_by, partner.decided_at = locked.decided_by, locked.decided_at
    return locked


@transaction.atomic
def partner_remove(*, actor: User, partner: OfferPartner, request: HttpRequest | None = None) -> None:
    """The leading oferent takes a partner out of the joint offer (one who does not answer, say); the costs it
    bore stay in the budget and are reported until they are given to an oferent."""
    offer = _locked(partner.offer)
    ensure(actor, "grants.invite_partner", offer)
    locked = OfferPartner.objects.select_for_update().select_related("organization").filter(pk=partner.pk).first()
    if locked is None or locked.offer_id != offer.pk:
        raise ValidationError(_("This organization is not a partner of the offer."))
    organization = locked.organization
    locked.delete()
    _bump(offer, actor=actor, sections=[validation.PARTNERS], data={"removed": organization.pk}, request=request)
    audit.record(
        actor=actor,
        action="grants.offer.partner_removed",
        obj=offer,
        data={"organization": organization.pk},
        request=request,
    )
    notify_many(
        kind="grants/partner_removed",
        audience=people_acting_for(organization),
        context={"offer": offer, "organization": organization, "lead": offer.organization},
        url="",
        exclude=actor,
    )
