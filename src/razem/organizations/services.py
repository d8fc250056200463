"""Every write to the NGO registry: registration, profile, verification, membership, invitations."""

import dataclasses
import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.models import PublicBenefitArea
from razem.core.notifications import notify, queue_email
from razem.organizations.models import (
    Invitation,
    Membership,
    Organization,
    TargetGroup,
    hash_token,
)

if TYPE_CHECKING:
    from razem.organizations.krs import KrsExtract
    from razem.organizations.models import ImportJob

PROFILE_FIELDS = (
    "name", "short_name", "legal_form", "register_type", "krs", "register_number", "nip", "regon", "is_opp",
    "street", "postal_code", "city", "district", "description", "website", "email", "phone",
    "facebook", "instagram", "linkedin",
)  # fmt: skip
INVITATION_DAYS = 14


def _duplicate_krs_error(krs: str, exclude_pk: int | None = None) -> ValidationError | None:
    if not krs:
        return None
    others = Organization.objects.filter(krs=krs)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    other = others.only("name").first()
    if other is None:
        return None
    return ValidationError(
        {"krs": _("This KRS number is already registered in Razem by: %(name)s.") % {"name": other.name}},
        code="duplicate_krs",
    )


def _save_profile(organization: Organization, *, exclude_pk: int | None) -> None:
    error = _duplicate_krs_error(organization.krs, exclude_pk)
    if error:
        raise error
    organization.refresh_derived()
    organization.full_clean(exclude=["logo", "slug", "search_text"])
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as exc:  # a concurrent registration of the same KRS
        raise _duplicate_krs_error(organization.krs, exclude_pk) or ValidationError(str(exc)) from exc


def _staff() -> Iterable[User]:
    return User.objects.filter(role__in=[User.Role.OFFICER, User.Role.ADMINISTRATOR], is_active=True)


def _admins(organization: Organization) -> Iterable[User]:
    return User.objects.filter(
        memberships__organization=organization,
        memberships__role=Membership.Role.ADMIN,
        memberships__status=Membership.Status.ACTIVE,
        is_active=True,
    )


@transaction.atomic
def organization_register(
    *,
    actor: User,
    data: dict[str, Any],
    areas: Iterable[PublicBenefitArea] = (),
    target_groups: Iterable[TargetGroup] = (),
    logo: UploadedFile | None = None,
    request: HttpRequest | None = None,
) -> Organization:
    """A signed-up person registers an organization: it waits for verification, they become its administrator."""
    organization = Organization(**{k: v for k, v in data.items() if k in PROFILE_FIELDS})
    organization.status = Organization.Status.PENDING
    if logo:
        organization.logo = logo
    _save_profile(organization, exclude_pk=None)
    organization.areas.set(areas)
    organization.target_groups.set(target_groups)
    Membership.objects.create(
        organization=organization, user=actor, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE,
        decided_at=timezone.now(),
    )  # fmt: skip
    audit.record(
        actor=actor, action="organizations.organization.registered", obj=organization, request=request,
        data={"krs": organization.krs, "legal_form": organization.legal_form},
    )  # fmt: skip
    url = reverse("organizations_staff:verify", kwargs={"pk": organization.pk})
    for officer in _staff():
        notify(recipient=officer, kind="organizations/registered", context={"organization": organization}, url=url)
    return organization


@transaction.atomic
def organization_update(
    *,
    actor: User,
    organization: Organization,
    data: dict[str, Any],
    areas: Iterable[PublicBenefitArea] | None = None,
    target_groups: Iterable[TargetGroup] | None = None,
    logo: UploadedFile | None | bool = None,
    request: HttpRequest | None = None,
) -> Organization:
    """Change an organization's profile. ``logo=False`` removes the logo, ``None`` keeps it."""
    locked = Organization.objects.select_for_update().get(pk=organization.pk)
    changes: dict[str, Any] = {}
    for name, value in data.items():
        if name not in PROFILE_FIELDS:
            continue
        before = getattr(locked, name)
        if before != value:
            changes[name] = {"from": str(before or ""), "to": str(value or "")}
            setattr(locked, name, value)
    if logo is False and locked.logo:
        locked.logo = ""
        changes["logo"] = "removed"
    elif logo:
        locked.logo = logo  # type: ignore[assignment]
        changes["logo"] = "replaced"
    _save_profile(locked, exclude_pk=locked.pk)
    if areas is not None:
        new = {a.pk for a in areas}
        if new != set(locked.areas.values_list("pk", flat=True)):
            locked.areas.set(new)
            changes["areas"] = sorted(new)
    if target_groups is not None:
        new = {g.pk for g in target_groups}
        if new != set(locked.target_groups.values_list("pk", flat=True)):
            locked.target_groups.set(new)
            changes["target_groups"] = sorted(new)
    if changes:
        audit.record(
            actor=actor, action="organizations.organization.updated", obj=locked, data=changes, request=request
        )
    return locked


@transaction.atomic
def organization_store_krs_extract(
    *, organization: Organization, extract: "KrsExtract", actor: User | None = None, request: HttpRequest | None = None
) -> Organization:
    """Keep the KRS extract fetched for an organization (the officer compares it when verifying)."""
    data = dataclasses.asdict(extract)
    locked = Organization.objects.select_for_update().get(pk=organization.pk)
    locked.krs_extract = data
    locked.krs_checked_at = timezone.now()
    locked.save(update_fields=["krs_extract", "krs_checked_at", "updated_at"])
    audit.record(
        actor=actor, action="organizations.organization.krs_extract_stored", obj=locked, request=request,
        data={"krs": extract.krs, "register": extract.register, "board": len(extract.board)},
    )  # fmt: skip
    organization.krs_extract, organization.krs_checked_at = locked.krs_extract, locked.krs_checked_at
    return locked


STATUS_ACTIONS = {
    Organization.Status.VERIFIED: "verified",
    Organization.Status.REJECTED: "rejected",
    Organization.Status.SUSPENDED: "suspended",
    Organization.Status.DISSOLVED: "dissolved",
    Organization.Status.PENDING: "reopened",
}
REASON_REQUIRED = {Organization.Status.REJECTED, Organization.Status.SUSPENDED}


@transaction.atomic
def organization_set_status(
    *, actor: User, organization: Organization, status: str, reason: str = "", request: HttpRequest | None = None
) -> Organization:
    """A city officer verifies, rejects, suspends or marks an organization dissolved; its administrators hear of it."""
    if status not in STATUS_ACTIONS:
        raise ValidationError(_("Unknown status."))
    reason = reason.strip()
    if status in REASON_REQUIRED and not reason:
        raise ValidationError({"reason": _("Give the reason: the organization will see it.")})
    locked = Organization.objects.select_for_update().get(pk=organization.pk)
    if locked.status == status:
        raise ValidationError(_("The organization already has this status."))
    before = locked.status
    locked.status = status
    locked.status_reason = reason
    locked.status_changed_at = timezone.now()
    locked.save(update_fields=["status", "status_reason", "status_changed_at", "updated_at"])
    audit.record(
        actor=actor, action=f"organizations.organization.{STATUS_ACTIONS[Organization.Status(status)]}",
        obj=locked, request=request,
        data={"from": before, "to": status, "reason": reason},
    )  # fmt: skip
    for admin in _admins(locked):
        notify(
            recipient=admin, kind="organizations/status_changed", url=locked.get_absolute_url(),
            context={"organization": locked, "status": Organization.Status(locked.status).label, "reason": reason},
        )  # fmt: skip
    return locked


# Membership


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
    url = reverse("organizations:members", kwargs={"pk": organization.pk})
    for admin in _admins(organization):
        notify(
            recipient=admin, kind="organizations/membership_requested", url=url,
            context={"organization": organization, "person": actor, "message": message},
        )  # fmt: skip
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
    notify(
        recipient=locked.user, kind="organizations/membership_decided", url=locked.organization.get_absolute_url(),
        context={"organization": locked.organization, "accepted": accept, "role": Membership.Role(locked.role).label},
    )  # fmt: skip
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


@transaction.atomic
def invitation_create(
    *, actor: User, organization: Organization, email: str, role: str = Membership.Role.MEMBER,
    request: HttpRequest | None = None,
) -> tuple[Invitation, str]:  # fmt: skip
    """Invite a person by e-mail; returns the invitation and the one-time token sent in the link."""
    email = email.strip().lower()
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if Membership.objects.filter(organization=organization, user__email__iexact=email, status="active").exists():
        raise ValidationError({"email": _("This person is already a member of the organization.")})
    Invitation.objects.filter(organization=organization, email__iexact=email, accepted_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        organization=organization, email=email, role=role, token_hash=hash_token(token), invited_by=actor,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
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


@transaction.atomic
def import_start(*, actor: User, upload: UploadedFile, request: HttpRequest | None = None) -> "ImportJob":
    """Store the uploaded file and queue the import; the worker reports progress on the job."""
    from razem.organizations.models import ImportJob
    from razem.organizations.tasks import import_organizations

    name = upload.name or "import"
    job = ImportJob(original_name=name[:255], created_by=actor)
    job.file.save(name, upload, save=False)
    job.save()
    audit.record(
        actor=actor, action="organizations.import.started", obj=job, request=request,
        data={"file": job.original_name, "size": upload.size},
    )  # fmt: skip
    transaction.on_commit(lambda: import_organizations.enqueue(job.pk))
    return job


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
