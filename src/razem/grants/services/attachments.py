"""Documents attached to an offer (the call's required attachments, and any other the oferent adds).

    attachment_add(*, actor, offer, upload, requirement=None, request=None) -> OfferAttachment
    attachment_delete(*, actor, attachment, request=None) -> None

A file is checked by ``core.files.validate_document`` (kind, size, content), kept in the private storage and
recorded with its size and SHA-256, which the filed version carries. Adding or deleting a file is a save of the
offer (the revision moves on). A file that was part of a filed version stays with it: it cannot be deleted, only
followed by a newer one.
"""

import hashlib
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core.files import private_storage, validate_document
from razem.core.permissions import ensure
from razem.grants import validation
from razem.grants.models import OfferAttachment, RequiredAttachment
from razem.grants.models.offers import Offer
from razem.grants.services.offers.common import _bump, _locked, _refresh


def _checksum(upload: Any) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
        size += len(chunk)
    upload.seek(0)
    return digest.hexdigest(), size


def _clean_name(name: str) -> str:
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    return base[:255] or "plik"


@transaction.atomic
def attachment_add(
    *,
    actor: User,
    offer: Offer,
    upload: Any,
    requirement: RequiredAttachment | None = None,
    request: HttpRequest | None = None,
) -> OfferAttachment:
    locked = _locked(offer)
    ensure(actor, "grants.edit_attachments", locked)
    if upload is None:
        raise ValidationError({"file": _("Choose a file to attach.")})
    if requirement is not None and requirement.call_id != locked.call_id:
        raise ValidationError({"requirement": _("Choose one of the documents this call requires.")})
    try:
        validate_document(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    sha256, size = _checksum(upload)
    name = _clean_name(upload.name)
    attachment = OfferAttachment(
        offer=locked,
        requirement=requirement,
        name=name,
        size=size,
        sha256=sha256,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    attachment.file.save(name, upload, save=False)
    stored = attachment.file.name or ""
    try:
        attachment.save()
        _bump(
            locked,
            actor=actor,
            sections=[validation.ATTACHMENTS],
            data={"attachment": name, "sha256": sha256},
            request=request,
        )
    except Exception:
        private_storage().delete(stored)
        raise
    _refresh(offer, locked)
    return attachment


@transaction.atomic
def attachment_delete(*, actor: User, attachment: OfferAttachment, request: HttpRequest | None = None) -> None:
    locked = _locked(attachment.offer)
    ensure(actor, "grants.edit_attachments", locked)
    row = OfferAttachment.objects.filter(pk=attachment.pk, offer=locked).first()
    if row is None:
        raise ValidationError(_("This file is no longer attached to the offer."))
    filed_at = locked.current_version.filed_at if locked.current_version is not None else None
    if filed_at is not None and row.uploaded_at <= filed_at:
        raise ValidationError(
            _(
                "This file is part of the filed version of the offer and stays with it. To replace it, attach the "
                "new file."
            )
        )
    name, stored = row.name, row.file.name or ""
    row.delete()
    _bump(locked, actor=actor, sections=[validation.ATTACHMENTS], data={"deleted": name}, request=request)
    transaction.on_commit(lambda: private_storage().delete(stored))
    _refresh(attachment.offer, locked)
