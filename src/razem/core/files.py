"""Uploaded documents: where private files live and which files are accepted."""

import os
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.utils.translation import gettext as _

# Extension -> the first bytes a genuine file of that type starts with.
DOCUMENT_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".odp": (b"PK\x03\x04",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".txt": (b"",),
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain",
}


def private_storage() -> Storage:
    """Files only some people may read: never under MEDIA_ROOT, served by views that check permissions."""
    return storages["private"]


def document_content_type(name: str) -> str:
    return CONTENT_TYPES.get(os.path.splitext(name.lower())[1], "application/octet-stream")


def validate_document(upload: Any) -> None:
    """Accept PDF, office documents, images and plain text up to the size limit, by extension and content."""
    ext = os.path.splitext((upload.name or "").lower())[1]
    if ext not in DOCUMENT_SIGNATURES:
        raise ValidationError(
            _("This kind of file is not accepted. Send a PDF, DOCX, ODT, XLSX, ODS, PPTX, ODP, PNG, JPG or TXT file."),
            code="file_type",
        )
    limit = settings.RAZEM_DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file may be at most %(limit)s MB; this one has %(size)s MB.")
            % {"limit": limit // 1048576, "size": f"{upload.size / 1048576:.1f}"},
            code="file_size",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in DOCUMENT_SIGNATURES[ext]):
        raise ValidationError(
            _("The file's content does not match its extension %(ext)s; it may be damaged or renamed.") % {"ext": ext},
            code="file_content",
        )
    if ext == ".txt" and b"\x00" in upload.read(4096):
        upload.seek(0)
        raise ValidationError(_("This is not a text file."), code="file_content")
    upload.seek(0)


IMAGE_MAX_BYTES = 2 * 1024 * 1024
IMAGE_MAX_SIDE = 4000
IMAGE_TYPES = {"PNG", "JPEG", "WEBP", "GIF"}


def validate_image(upload: Any, *, too_big: Any, not_an_image: Any, too_large: Any) -> None:
    """An uploaded picture (a logo, a candidate's photo) is a real image, checked by decoding it, of at most 2 MB and
    4000 px a side. The caller gives the three refusals in its own words (``too_big`` with ``%(size)s`` MB)."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > IMAGE_MAX_BYTES:
        raise ValidationError(str(too_big) % {"size": f"{upload.size / 1048576:.1f}"})
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(not_an_image) from exc
    finally:
        upload.seek(0)
    if kind not in IMAGE_TYPES:
        raise ValidationError(not_an_image)
    if width > IMAGE_MAX_SIDE or height > IMAGE_MAX_SIDE:
        raise ValidationError(too_large)
