"""One way to issue a PDF: render a template (WeasyPrint, one HTML for screen and print), keep the issued file as an
immutable snapshot, and print the checksum of its content in the footer.

``issue_pdf(template=..., context=..., kind=..., obj=..., title=...)`` returns the :class:`DocumentSnapshot`: the one
already issued when the content has not changed since (the same checksum), else a new one. The template extends
``documents/base.html``, which prints the checksum; ``document_response`` serves the stored file.
"""

import hashlib
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.http import FileResponse
from django.template.loader import render_to_string
from django.utils import timezone

from razem.core import audit
from razem.core.models import DocumentSnapshot
from razem.core.text import slugify_pl

CHECKSUM_PLACEHOLDER = "{{razem-checksum}}"


def render_html(template: str, context: dict[str, Any]) -> str:
    base = {"office": settings.RAZEM_OFFICE, "site_name": settings.RAZEM_SITE_NAME, "base_url": settings.RAZEM_BASE_URL}
    return render_to_string(template, {**base, **context, "checksum": CHECKSUM_PLACEHOLDER})


def content_checksum(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def pdf_bytes(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=settings.RAZEM_BASE_URL).write_pdf()


def latest(*, kind: str, obj: models.Model) -> DocumentSnapshot | None:
    return DocumentSnapshot.objects.filter(kind=kind, object_type=obj._meta.label_lower, object_id=str(obj.pk)).first()


def issue_pdf(
    *, template: str, context: dict[str, Any], kind: str, obj: models.Model, title: str, actor: Any = None
) -> DocumentSnapshot:
    """The document as issued: reused while its content is unchanged, issued anew (and audited) when it changes.

    ``issued_on`` in the context is the day of issue; it is left out of the checksum's content, so that the same
    protocol downloaded on two days is the same document."""
    html = render_html(template, {**context, "issued_on": None})
    checksum = content_checksum(html)
    existing = latest(kind=kind, obj=obj)
    if existing is not None and existing.content_sha256 == checksum:
        return existing
    snapshot = DocumentSnapshot(
        kind=kind,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        title=title[:300],
        content_sha256=checksum,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    printed = render_html(template, {**context, "issued_on": timezone.localdate()}).replace(
        CHECKSUM_PLACEHOLDER, snapshot.short_checksum
    )
    pdf = pdf_bytes(printed)
    snapshot.file_sha256 = hashlib.sha256(pdf).hexdigest()
    snapshot.size = len(pdf)
    with transaction.atomic():
        snapshot.file.save(f"{slugify_pl(kind)}-{obj.pk}.pdf", ContentFile(pdf), save=False)
        snapshot.save()
        audit.record(
            actor=actor,
            action="core.document.issued",
            obj=snapshot,
            data={"kind": kind, "object": f"{obj._meta.label_lower}:{obj.pk}", "checksum": checksum},
        )
    return snapshot


def document_response(snapshot: DocumentSnapshot, *, filename: str, inline: bool = True) -> FileResponse:
    response = FileResponse(snapshot.file.open("rb"), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
