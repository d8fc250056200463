"""The scan of a signed contract or annex: a PDF, JPEG or PNG file, checked like every uploaded document
(``core.files.validate_document``: size, and content matching the extension), kept in the private storage with its
SHA-256, served only to the office and the people acting for the oferents."""

import hashlib
import os
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.core import audit
from razem.core.files import private_storage, validate_document
from razem.core.permissions import ensure
from razem.core.workflow import Workflow

SCAN_TYPES = (".pdf", ".jpg", ".jpeg", ".png")


def check_scan(upload: Any, *, field: str = "scan") -> None:
    """Refuse (on ``field``) anything but a genuine PDF, JPEG or PNG file within the size limit."""
    ext = os.path.splitext((getattr(upload, "name", "") or "").lower())[1]
    if ext not in SCAN_TYPES:
        raise ValidationError(
            {field: _("The scan must be a PDF, JPEG or PNG file; this one is %(ext)s.") % {"ext": ext or "?"}},
            code="file_type",
        )
    try:
        validate_document(upload)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


def digest(upload: Any) -> tuple[str, int]:
    sha = hashlib.sha256()
    size = 0
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        sha.update(chunk)
        size += len(chunk)
    upload.seek(0)
    return sha.hexdigest(), size


def clean_name(name: str) -> str:
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    return base[:255] or "skan"


def store(upload: Any, folder: str) -> dict[str, Any]:
    """Save the checked ``upload`` in the private storage; what the row keeps of it (the caller assigns it under
    its lock, and deletes the file with :func:`discard` if the write fails)."""
    sha256, size = digest(upload)
    name = clean_name(upload.name)
    stored = private_storage().save(f"{folder}/{name}", upload)
    return {"path": stored, "sha256": sha256, "size": size, "name": name}


def assign(obj: Any, scan: dict[str, Any]) -> None:
    obj.signed_scan.name = scan["path"]
    obj.signed_scan_sha256 = scan["sha256"]
    obj.signed_scan_size = scan["size"]
    obj.signed_scan_name = scan["name"]


def discard(scan: dict[str, Any] | None) -> None:
    if scan:
        private_storage().delete(scan["path"])


def _audit_scan(
    actor: Any, action: str, obj: Any, stored: dict[str, Any], request: HttpRequest | None, **more: Any
) -> None:
    data = {"name": stored["name"], "sha256": stored["sha256"], "size": stored["size"], **more}
    audit.record(actor=actor, action=action, obj=obj, data=data, request=request)


def sign(
    workflow: Workflow,
    obj: Any,
    *,
    actor: Any,
    signed_on: Any,
    scan: Any,
    folder: str,
    action: str,
    request: HttpRequest | None,
) -> Any:
    """Take ``workflow``'s "sign" transition of a contract or an annex with the scan, if given: checked and stored
    first (under ``folder``/<year>), deleted again when the transition refuses; the stored scan is audited as
    ``action``."""
    if scan is not None:
        check_scan(scan)
    stored = store(scan, f"{folder}/{timezone.localdate().year}") if scan is not None else None
    try:
        signed = workflow.take(obj, "sign", actor=actor, request=request, signed_on=signed_on, scan=stored)
    except Exception:
        discard(stored)
        raise
    if stored:
        _audit_scan(actor, action, signed, stored, request)
    return signed


def attach(
    lock: Callable[[], Any],
    obj: Any,
    *,
    actor: Any,
    permission: str,
    upload: Any,
    folder: str,
    action: str,
    request: HttpRequest | None,
) -> Any:
    """Keep a (later) scan of the signed ``obj``: it replaces the earlier one on the page, the audit log keeps the
    checksums of both. ``lock()`` reads ``obj`` again FOR UPDATE; the permission is asked before and under it."""
    ensure(actor, permission, obj, field="scan")
    if upload is None:
        raise ValidationError({"scan": _("Choose the file of the scan.")})
    check_scan(upload)
    stored = store(upload, f"{folder}/{timezone.localdate().year}")
    try:
        with transaction.atomic():
            locked = lock()
            ensure(actor, permission, locked, field="scan")
            previous = {"name": locked.signed_scan_name, "sha256": locked.signed_scan_sha256}
            assign(locked, stored)
            locked.save()
            _audit_scan(actor, action, locked, stored, request, replaced=previous)
    except Exception:
        discard(stored)
        raise
    return locked
