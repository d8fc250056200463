"""Seats in a body: the rules a seat keeps, adding a member and ending a membership."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.bodies.models import Body, BodyMembership
from razem.bodies.services._common import day_text
from razem.bodies.services.bodies_terms import current_term
from razem.core import audit
from razem.core.notifications import notify_many

MEMBERSHIP_FIELDS = (
    "term", "person", "organization", "institution", "position", "appointment", "deputy_of", "start_date", "end_date",
)  # fmt: skip


def _overlaps(
    qs: QuerySet[BodyMembership], start: datetime.date, end: datetime.date | None
) -> QuerySet[BodyMembership]:
    qs = qs.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    return qs.filter(start_date__lte=end) if end else qs


def validate_membership(membership: BodyMembership) -> None:
    """The rules a seat must keep: dates inside the term, no second seat of the person in the same period, and in
    a body joined by application one representative and one deputy per organization."""
    errors: dict[str, str] = {}
    start, end = membership.start_date, membership.end_date
    if start and end and end < start:
        errors["end_date"] = _("The membership cannot end before it starts.")
    term = membership.term
    if term is not None and start:
        if term.body_id != membership.body_id:
            errors["term"] = _("This term belongs to another body.")
        elif start < term.starts_on or (term.ends_on and (end is None or end > term.ends_on)):
            errors["start_date"] = _("The dates must lie within the term %(term)s: %(start)s – %(end)s.") % {
                "term": term.name,
                "start": day_text(term.starts_on),
                "end": day_text(term.ends_on),
            }
    if not membership.organization_id and not membership.institution.strip():
        errors["organization"] = _("Choose the organization the person represents, or name the institution.")
    others = BodyMembership.objects.filter(body_id=membership.body_id).exclude(pk=membership.pk)
    if start and not errors:
        clash = _overlaps(others.filter(person_id=membership.person_id), start, end).first()
        if clash:
            errors["person"] = _(
                "%(name)s already sits in this body from %(start)s to %(end)s; the periods must not overlap."
            ) % {
                "name": membership.person.full_name,
                "start": day_text(clash.start_date),
                "end": day_text(clash.end_date),
            }
    deputy_of = membership.deputy_of
    if deputy_of is not None:
        if deputy_of.body_id != membership.body_id:
            errors["deputy_of"] = _("A deputy stands in for a member of the same body.")
        elif membership.position != BodyMembership.Position.DEPUTY:
            errors["position"] = _("A person who stands in for a member has the position of deputy.")
    body = membership.body
    if body.joining == Body.Joining.APPLICATION and membership.organization_id and start and not errors:
        same_org = _overlaps(others.filter(organization_id=membership.organization_id), start, end)
        is_deputy = membership.position == BodyMembership.Position.DEPUTY
        taken = (
            same_org.filter(position=BodyMembership.Position.DEPUTY)
            if is_deputy
            else same_org.exclude(position=BodyMembership.Position.DEPUTY)
        )
        if taken.exists():
            errors["organization"] = (
                _("%(org)s already has a deputy in %(body)s; one organization has one representative and one deputy.")
                if is_deputy
                else _(
                    "%(org)s already has a representative in %(body)s; one organization has one representative "
                    "and one deputy."
                )
            ) % {"org": membership.organization.name, "body": body}  # type: ignore[union-attr]
    if errors:
        raise ValidationError(errors)
    membership.full_clean()


@transaction.atomic
def membership_add(
    *,
    actor: User,
    body: Body,
    data: dict[str, Any],
    request: HttpRequest | None = None,
    notify_person: bool = True,
) -> BodyMembership:
    """Seat a person in the body; they are told (after the commit) unless ``notify_person`` is false."""
    Body.objects.select_for_update().get(pk=body.pk)  # one seat decision at a time per body
    membership = BodyMembership(body=body)
    for field in MEMBERSHIP_FIELDS:
        if field in data:
            setattr(membership, field, data[field])
    if membership.term is None and membership.start_date:
        membership.term = current_term(body, membership.start_date)
    if membership.end_date is None and membership.term is not None and membership.term.ends_on:
        membership.end_date = membership.term.ends_on  # a seat ends with its term unless it ends earlier
    validate_membership(membership)
    membership.save()
    audit.record(
        actor=actor,
        action="bodies.membership.added",
        obj=membership,
        data={"body": body.pk, "position": membership.position, "appointment": membership.appointment},
        request=request,
    )
    if notify_person:
        notify_many(
            kind="bodies/membership_added",
            audience=[membership.person_id],
            context={"membership": membership, "body": body},
            url=body.get_absolute_url(),
        )
    return membership


@transaction.atomic
def membership_end(
    *,
    actor: User,
    membership: BodyMembership,
    end_date: datetime.date,
    reason: str,
    request: HttpRequest | None = None,
) -> BodyMembership:
    if end_date < membership.start_date:
        raise ValidationError({"end_date": _("The membership cannot end before it starts.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the membership ends; it stays in the body's history.")})
    membership.end_date = end_date
    membership.end_reason = reason.strip()[:300]
    membership.save(update_fields=["end_date", "end_reason"])
    audit.record(
        actor=actor,
        action="bodies.membership.ended",
        obj=membership,
        data={"body": membership.body_id, "end_date": end_date.isoformat(), "reason": membership.end_reason},
        request=request,
    )
    return membership
