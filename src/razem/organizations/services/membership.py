"""The people in an organization: asking to join and the administrators' answer, roles, leaving, invitations by
e-mail, and what an account deletion does to memberships."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.deadlines import days_of
from razem.core.notifications import notify_many, queue_email
from razem.organizations.models import Invitation, Membership, Organization, hash_token
from razem.organizations.selectors import administrators_of


def _lock_admins(organization: Organization) -> list[Membership]:
    return list(
        Membership.objects.select_for_update()
        .filter(organization=organization, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE)
        .order_by("pk")
    )


def _ensure_admin_remains(membership: Membership) -> None:
    admins = _lock_admins(membership.organization)
    if [m.pk for m in admins] == [membership.pk]:
        raise ValidationError(
            _("An organization must keep at least one administrator. Make someone else an administrator first.")
        )


@transaction.atomic
def membership_request(
    *, actor: User, organization: Organization, message: str = "", request: HttpRequest | None = None
) -> Membership:
    """A person asks to join an organization; its administrators accept or decline."""
    Organization.objects.select_for_update().get(pk=organization.pk)
    existing = Membership.objects.filter(organization=organization, user=actor).first()
    if existing and existing.status == Membership.Status.ACTIVE:
        raise ValidationError(_("You are already a member of this organization."))
    if existing and existing.status == Membership.Status.REQUESTED:
        raise ValidationError(_("You have already asked to join; the administrators have not answered yet."))
    if existing:
        existing.status = Membership.Status.REQUESTED
        existing.role = Membership.Role.MEMBER
        existing.message = message
        existing.created_at = timezone.now()
        existing.decided_at = None
        existing.save()
        membership = existing
    else:
        membership = Membership.objects.create(
            organization=organization, user=actor, role=Membership.Role.MEMBER, status=Membership.Status.REQUESTED,
            message=message,
        )  # fmt: skip
    audit.record(actor=actor, action="organizations.membership.requested", obj=membership, request=request)
    notify_many(
        kind="organizations/membership_requested",
        audience=administrators_of(organization),
        context={"organization": organization, "person": actor, "message": message},
        url=reverse("organizations:members", kwargs={"pk": organization.pk}),
    )
    return membership


@transaction.atomic
def membership_decide(
    *, actor: User, membership: Membership, accept: bool, role: str = Membership.Role.MEMBER,
    request: HttpRequest | None = None,
) -> Membership:  # fmt: skip
    locked = Membership.objects.select_for_update().select_related("organization", "user").get(pk=membership.pk)
    if locked.status != Membership.Status.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role."))
    locked.status = Membership.Status.ACTIVE if accept else Membership.Status.DECLINED
    locked.role = role if accept else Membership.Role.MEMBER
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "role", "decided_at"])
    audit.record(
        actor=actor, action="organizations.membership." + ("accepted" if accept else "declined"), obj=locked,
        data={"role": locked.role}, request=request,
    )  # fmt: skip
    # The role is named in the template, in the language of the person who asked (``membership`` in the context).
    notify_many(
        kind="organizations/membership_decided",
        audience=[locked.user],
        context={"organization": locked.organization, "membership": locked, "accepted": accept},
        url=locked.organization.get_absolute_url(),
    )
    return locked


@transaction.atomic
def membership_change_role(
    *, actor: User, membership: Membership, role: str, request: HttpRequest | None = None
) -> Membership:
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role."))
    locked = Membership.objects.select_for_update().select_related("organization").get(pk=membership.pk)
    if locked.status != Membership.Status.ACTIVE:
        raise ValidationError(_("Only active members can have their role changed."))
    if locked.role == role:
        return locked
    if locked.role == Membership.Role.ADMIN:
        _ensure_admin_remains(locked)
    before = locked.role
    locked.role = role
    locked.save(update_fields=["role"])
    audit.record(
        actor=actor, action="organizations.membership.role_changed", obj=locked, request=request,
        data={"from": before, "to": role},
    )  # fmt: skip
    return locked


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership, request: HttpRequest | None = None) -> None:
    """Remove a member (or leave); the last administrator cannot go."""
    locked = Membership.objects.select_for_update().select_related("organization", "user").get(pk=membership.pk)
    if locked.status == Membership.Status.ACTIVE and locked.role == Membership.Role.ADMIN:
        _ensure_admin_remains(locked)
    audit.record(
        actor=actor, action="organizations.membership.removed", obj=locked.organization, request=request,
        data={"person": locked.user.email, "role": locked.role},
    )  # fmt: skip
    locked.delete()


# Invitations


def invitation_valid_days() -> int:
    """How many days an invitation link works (the office's practice, ``invitation_valid_days``)."""
    return days_of("invitation_valid_days")


@transaction.atomic
def invitation_create(
    *, actor: User, organization: Organization, email: str, role: str = Membership.Role.MEMBER,
    request: HttpRequest | None = None,
) -> tuple[Invitation, str]:  # fmt: skip
    """Invite a person by e-mail; returns the invitation and the one-time token sent in the link."""
    email = email.strip().lower()
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    already = Membership.objects.active().filter(organization=organization, user__email__iexact=email)
    if already.exists():
        raise ValidationError({"email": _("This person is already a member of the organization.")})
    Invitation.objects.filter(organization=organization, email__iexact=email, accepted_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        organization=organization, email=email, role=role, token_hash=hash_token(token), invited_by=actor,
        expires_at=timezone.now() + datetime.timedelta(days=invitation_valid_days()),
    )  # fmt: skip
    audit.record(
        actor=actor, action="organizations.invitation.sent", obj=organization, request=request,
        data={"email": email, "role": role},
    )  # fmt: skip
    recipient = User.objects.filter(email__iexact=email, is_active=True).first()
    language = recipient.preferred_language if recipient else settings.LANGUAGE_CODE
    link = settings.RAZEM_BASE_URL + reverse("organizations:invitation", kwargs={"token": token})
    context = {
        "organization": organization, "inviter": actor, "link": link, "role": invitation.get_role_display(),
        "expires_at": invitation.expires_at, "site_name": settings.RAZEM_SITE_NAME,
    }  # fmt: skip
    # One e-mail to an address that may have no account yet (so not a notification): it carries the token.
    with translation.override(language):
        context["role"] = invitation.get_role_display()
        queue_email(
            to=email,
            subject=render_to_string("organizations/email/invitation_subject.txt", context).strip(),
            body_text=render_to_string("organizations/email/invitation.txt", context),
            recipient=recipient,
            kind="organizations/invitation",
            language=language,
        )
    return invitation, token


def invitation_by_token(token: str) -> Invitation | None:
    return Invitation.objects.select_related("organization").filter(token_hash=hash_token(token)).first()


@transaction.atomic
def invitation_accept(*, actor: User, token: str, request: HttpRequest | None = None) -> Membership:
    invitation = Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."))
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used. Each invitation link works once."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was withdrawn or replaced by a newer one."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _("This invitation expired on %(date)s. Ask the organization to invite you again.")
            % {"date": timezone.localtime(invitation.expires_at).strftime("%d.%m.%Y")}
        )
    membership, _created = Membership.objects.get_or_create(
        organization=invitation.organization, user=actor,
        defaults={"role": invitation.role, "status": Membership.Status.ACTIVE, "decided_at": timezone.now()},
    )  # fmt: skip
    if membership.status != Membership.Status.ACTIVE:
        membership.status = Membership.Status.ACTIVE
        membership.role = invitation.role
        membership.decided_at = timezone.now()
        membership.save(update_fields=["status", "role", "decided_at"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = actor
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(
        actor=actor, action="organizations.invitation.accepted", obj=membership, request=request,
        data={"role": membership.role, "invited_email": invitation.email},
    )  # fmt: skip
    return membership


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation, request: HttpRequest | None = None) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is None and locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        audit.record(
            actor=actor, action="organizations.invitation.revoked", obj=locked.organization, request=request,
            data={"email": locked.email},
        )  # fmt: skip
    return locked


# Account deletion (see razem.accounts.services.user_delete_account)


def deletion_problems(user: User) -> list[str]:
    """An organization must keep an administrator: its last one cannot delete their account."""
    problems = []
    sole = (
        Membership.objects.active()
        .filter(user=user, role=Membership.Role.ADMIN)
        .exclude(organization__status=Organization.Status.DISSOLVED)
        .select_related("organization")
    )
    for membership in sole:
        others = Membership.objects.active().filter(organization=membership.organization, role=Membership.Role.ADMIN)
        if not others.exclude(user=user).exists():
            problems.append(
                _("You are the only administrator of %(name)s. Make someone else its administrator first.")
                % {"name": membership.organization.name}
            )
    return problems


def deletion_cleanup(user: User) -> None:
    """Memberships are personal data; what the person did for an organization stays in its records."""
    for membership in Membership.objects.filter(user=user).select_related("organization"):
        audit.record(
            actor=user, action="organizations.membership.removed", obj=membership.organization,
            data={"reason": "account deleted", "role": membership.role},
        )  # fmt: skip
    Membership.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
