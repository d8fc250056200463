"""Every write to the NGO registry. This module holds registration and the profile (and the import of a file);
``status`` the verification workflow, ``membership`` the people in an organization and their invitations. Every
service is importable from here (``from razem.organizations.services import organization_register``)."""

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.models import PublicBenefitArea
from razem.core.notifications import notify_many
from razem.organizations.models import Membership, Organization, TargetGroup
from razem.organizations.services.membership import (
    deletion_cleanup,
    deletion_problems,
    invitation_accept,
    invitation_by_token,
    invitation_create,
    invitation_revoke,
    invitation_valid_days,
    membership_change_role,
    membership_decide,
    membership_remove,
    membership_request,
)
from razem.organizations.services.status import VERIFICATION, organization_set_status

if TYPE_CHECKING:
    from razem.organizations.krs import KrsExtract
    from razem.organizations.models import ImportJob

__all__ = [
    "PROFILE_FIELDS",
    "VERIFICATION",
    "deletion_cleanup",
    "deletion_problems",
    "import_start",
    "invitation_accept",
    "invitation_by_token",
    "invitation_create",
    "invitation_revoke",
    "invitation_valid_days",
    "membership_change_role",
    "membership_decide",
    "membership_remove",
    "membership_request",
    "organization_register",
    "organization_set_status",
    "organization_store_krs_extract",
    "organization_update",
]

PROFILE_FIELDS = (
    "name", "short_name", "legal_form", "register_type", "krs", "register_number", "nip", "regon", "is_opp",
    "street", "postal_code", "city", "district", "description", "website", "email", "phone",
    "facebook", "instagram", "linkedin",
)  # fmt: skip


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
    try:
        organization.full_clean(exclude=["logo", "slug", "search_text"])
    except ValidationError as exc:  # a concurrent registration of the same KRS committed since the check
        raise _duplicate_krs_error(organization.krs, exclude_pk) or exc from None
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as exc:  # a concurrent registration of the same KRS
        raise _duplicate_krs_error(organization.krs, exclude_pk) or ValidationError(str(exc)) from exc


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
    notify_many(
        kind="organizations/registered",
        audience=User.objects.city_staff(),
        context={"organization": organization},
        url=reverse("organizations_staff:verify", kwargs={"pk": organization.pk}),
    )
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
    if extract.board and not locked.representatives.filter(source="manual").exists():
        # The board of the extract is who may sign for the organization, unless its people entered them by hand.
        from razem.organizations.services.representatives import representatives_from_krs

        representatives_from_krs(actor=actor, organization=locked, request=request)
    organization.krs_extract, organization.krs_checked_at = locked.krs_extract, locked.krs_checked_at
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
