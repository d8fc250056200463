"""Appointing the commission of a call (art. 15 ust. 2a–2da u.d.p.p.w.).

``member_appoint(*, actor, call, role, user=None, nomination=None, email="", request=None) -> Member``
    The office appoints a representative of the Mayor (``user``: one of the city's staff), a person nominated by
    an organization in the call's recruitment (``nomination``: consented; the nominee needs an account in Razem,
    the one linked to the nomination or the one with its e-mail), or an expert with an advisory voice (``email``
    of any account). A nominee whose organization takes part in the competition (an offer, as the lead or a
    partner, that is neither a draft nor withdrawn) is appointed EXCLUDED, with the reason (art. 15 ust. 2d).
    The member is told by e-mail, with the link to their page.

``member_remove(*, actor, member, request=None)``
    The office removes a member (their declaration, conflicts and scores go with them; the audit log keeps the
    counts). Only before the opinion is adopted.

``member_make_chair(*, actor, member, request=None) -> Member``
    One chair per commission: a representative of the Mayor or a nominee who is not excluded.

``exclusions_reevaluate(*, call, actor=None, request=None) -> list[Member]``
    Looks again at every nominee: excluded when their organization takes part now, reinstated when it no longer
    does (e.g. its offer was withdrawn). Runs on every appointment, before a declaration is signed, before the
    opinion is adopted, on the office's request and daily (``reevaluate_open_calls``). Returns the members whose
    state changed; each is told.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.commissions import predicates
from razem.commissions.models import Member
from razem.commissions.selectors import account_of, takes_part
from razem.core import audit
from razem.core.notifications import notify_many
from razem.core.permissions import ensure
from razem.grants.models import Call, CommissionNomination, Offer


def member_url(call: Call) -> str:
    return reverse("commissions:home", args=[call.slug])


def _lock(call: Call) -> Call:
    return Call.objects.select_for_update().get(pk=call.pk)


def exclusion_reason(organization_name: str, offer: Offer, leads: bool) -> str:
    number = offer.number or str(offer.pk)
    if leads:
        return _(
            "%(organization)s, which nominated this person, takes part in the competition with offer %(offer)s "
            "(art. 15 ust. 2d)."
        ) % {"organization": organization_name, "offer": number}
    return _(
        "%(organization)s, which nominated this person, takes part in the competition as a partner in offer "
        "%(offer)s (art. 15 ust. 2d)."
    ) % {"organization": organization_name, "offer": number}


@transaction.atomic
def member_appoint(
    *,
    actor: User,
    call: Call,
    role: str,
    user: User | None = None,
    nomination: CommissionNomination | None = None,
    email: str = "",
    chair: bool = False,
    request: HttpRequest | None = None,
) -> Member:
    predicates.changed()
    ensure(actor, "commissions.appoint", call)
    locked = _lock(call)
    full_name = ""
    if role == Member.Role.MAYOR:
        if user is None or not User.objects.city_staff().filter(pk=user.pk).exists():
            raise ValidationError(
                {"user": _("Choose an officer of the city: the Mayor is represented by the office's staff.")}
            )
        full_name = user.full_name or user.email
    elif role == Member.Role.NGO:
        if nomination is None or nomination.call_id != locked.pk:
            raise ValidationError({"nomination": _("Choose a person nominated in this call.")})
        if nomination.status != CommissionNomination.Status.CONSENTED:
            raise ValidationError(
                {
                    "nomination": _("%(name)s has not consented to the nomination (%(status)s).")
                    % {"name": nomination.full_name, "status": nomination.get_status_display().lower()}
                }
            )
        user = account_of(nomination)
        if user is None:
            raise ValidationError(
                {
                    "nomination": _(
                        "%(name)s has no account in Razem with the address %(email)s: ask them to create one with "
                        "this address, then appoint them."
                    )
                    % {"name": nomination.full_name, "email": nomination.email}
                }
            )
        if Member.objects.filter(nomination=nomination).exists():
            raise ValidationError({"nomination": _("This nominee is already on the commission.")})
        full_name = nomination.full_name
    elif role == Member.Role.EXPERT:
        address = (email or "").strip()
        user = User.objects.filter(email__iexact=address, is_active=True).first() if address else None
        if user is None:
            raise ValidationError(
                {
                    "email": _("No account in Razem has the address %(email)s: ask the expert to create one first.")
                    % {"email": address or "—"}
                }
            )
        full_name = user.full_name or user.email
    else:
        raise ValidationError({"role": _("Choose the role of the member.")})
    if Member.objects.filter(call=locked, user=user).exists():
        raise ValidationError({_field(role): _("%(name)s already sits on this commission.") % {"name": full_name}})
    try:
        with transaction.atomic():
            member = Member.objects.create(
                call=locked,
                role=role,
                user=user,
                full_name=full_name,
                nomination=nomination if role == Member.Role.NGO else None,
                appointed_by=actor,
            )
    except IntegrityError as error:  # pragma: no cover - the checks above under the call's lock
        raise ValidationError(_("This person already sits on this commission.")) from error
    _reevaluate(locked, [member], actor=actor, request=request, tell=False)
    if chair:
        _make_chair(member, actor=actor, request=request)
    audit.record(
        actor=actor,
        action="commissions.member.appointed",
        obj=member,
        data={
            "call": locked.number,
            "role": role,
            "user": user.pk,  # type: ignore[union-attr]
            "nomination": nomination.pk if nomination is not None and role == Member.Role.NGO else None,
            "excluded": member.excluded,
        },
        request=request,
    )
    notify_many(
        kind="commissions/appointed",
        audience=[user],
        context={"call": locked, "member": member},
        url=member_url(locked),
    )
    predicates.changed()
    return member


FIELDS: dict[str, str] = {Member.Role.MAYOR: "user", Member.Role.NGO: "nomination", Member.Role.EXPERT: "email"}


def _field(role: str) -> str:
    return FIELDS.get(role, "role")


@transaction.atomic
def member_remove(*, actor: User, member: Member, request: HttpRequest | None = None) -> None:
    predicates.changed()
    ensure(actor, "commissions.appoint", member.call)
    call = _lock(member.call)
    locked = Member.objects.select_for_update().get(pk=member.pk)
    data = {
        "call": call.number,
        "full_name": locked.full_name,
        "role": locked.role,
        "user": locked.user_id,
        "declaration": hasattr(locked, "declaration"),
        "conflicts": locked.conflicts.count(),
        "scores": locked.scores.count(),
    }
    user_id = locked.user_id
    audit.record(actor=actor, action="commissions.member.removed", obj=locked, data=data, request=request)
    locked.delete()
    notify_many(kind="commissions/removed", audience=[user_id], context={"call": call, "full_name": data["full_name"]})
    predicates.changed()


def _make_chair(member: Member, *, actor: User, request: HttpRequest | None) -> None:
    if member.excluded or member.role == Member.Role.EXPERT:
        raise ValidationError(
            _("The chair is a representative of the Mayor or a nominee who is not excluded; an expert only advises.")
        )
    Member.objects.filter(call_id=member.call_id, chair=True).exclude(pk=member.pk).update(chair=False)
    Member.objects.filter(pk=member.pk).update(chair=True)
    member.chair = True
    audit.record(
        actor=actor, action="commissions.member.chair", obj=member, data={"call": member.call_id}, request=request
    )


@transaction.atomic
def member_make_chair(*, actor: User, member: Member, request: HttpRequest | None = None) -> Member:
    predicates.changed()
    ensure(actor, "commissions.appoint", member.call)
    _lock(member.call)
    locked = Member.objects.select_for_update().get(pk=member.pk)
    _make_chair(locked, actor=actor, request=request)
    predicates.changed()
    return locked


def _reevaluate(
    call: Call, members: list[Member], *, actor: Any, request: HttpRequest | None, tell: bool = True
) -> list[Member]:
    nominees = [m for m in members if m.role == Member.Role.NGO and m.nomination_id is not None]
    if not nominees:
        return []
    nominations = {
        n.pk: n
        for n in CommissionNomination.objects.filter(pk__in=[m.nomination_id for m in nominees]).select_related(
            "organization"
        )
    }
    part = takes_part(call, {n.organization_id for n in nominations.values()})
    changed: list[Member] = []
    for member in nominees:
        nomination = nominations[member.nomination_id]  # type: ignore[index]
        found = part.get(nomination.organization_id)
        excluded = found is not None
        reason = exclusion_reason(nomination.organization.name, found[0], found[1]) if found is not None else ""
        if member.excluded == excluded and member.exclusion_reason == reason:
            continue
        was = member.excluded
        member.excluded = excluded
        member.exclusion_reason = reason
        member.exclusion_ground = Member.Ground.TAKES_PART if excluded else ""
        if excluded:
            member.chair = False
        member.save(update_fields=["excluded", "exclusion_reason", "exclusion_ground", "chair"])
        if was != excluded:
            changed.append(member)
            audit.record(
                actor=actor,
                action="commissions.member.excluded" if excluded else "commissions.member.reinstated",
                obj=member,
                data={"call": call.number, "reason": reason},
                request=request,
            )
            if tell:
                notify_many(
                    kind="commissions/exclusion_changed",
                    audience=[member.user_id],
                    context={"call": call, "member": member, "excluded": excluded, "reason": reason},
                    url=member_url(call),
                )
    return changed


@transaction.atomic
def exclusions_reevaluate(*, call: Call, actor: Any = None, request: HttpRequest | None = None) -> list[Member]:
    predicates.changed()
    if predicates.is_adopted(call):
        return []  # the composition of an adopted opinion is final
    locked = _lock(call)
    changed = _reevaluate(locked, list(Member.objects.filter(call=locked)), actor=actor, request=request)
    predicates.changed()
    return changed


def reevaluate_open_calls() -> str:
    """The daily job: the exclusions of every commission whose opinion is not adopted yet."""
    from razem.commissions.selectors import calls_with_commissions

    changed = 0
    for call in calls_with_commissions():
        changed += len(exclusions_reevaluate(call=call))
    return f"Commission nominees excluded or reinstated: {changed}."
