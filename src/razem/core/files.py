"""Uploaded files: where private files live, which files are accepted, how they are served.

- ``validate_document`` accepts an allow-list of kinds, checked by content: the first bytes, and for office formats
  that the zip really is that format (``[Content_Types].xml`` of OOXML naming the document's main part, the
  ``mimetype`` entry of ODF), images decoded; a PDF or image that is also a zip (a polyglot) is refused.
- ``validate_image`` checks a picture (a logo, a candidate's photo) by decoding it; ``core.images.fit_picture`` is
  what a form calls: it checks with ``validate_image`` and stores the picture again, clean, in the size it is shown.
- ``file_response`` serves every stored user file: as an attachment, with its type from the allow-list (never
  HTML or SVG), ``X-Content-Type-Options: nosniff`` and a sandboxing Content-Security-Policy.
"""

import os
import re
import zipfile
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.http import FileResponse, Http404
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
    # Served, not accepted as documents: pictures uploaded before re-encoding existed.
    ".webp": "image/webp",
    ".gif": "image/gif",
}
# OOXML: the content type of the document's main part, named in ``[Content_Types].xml`` (a macro-enabled document
# or a template names another one and is refused).
OOXML_MAIN_TYPES = {
    ".docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ".xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ".pptx": b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
ODF_TYPES = {ext: CONTENT_TYPES[ext].encode() for ext in (".odt", ".ods", ".odp")}
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
# A document image is decoded to check it: at most this many pixels (a 600 dpi A4 scan has about 35 million).
DOCUMENT_IMAGE_MAX_PIXELS = 60_000_000
_ZIP_PART_MAX_BYTES = 1024 * 1024
_MARKUP = re.compile(rb"^\s*(<!doctype|<html|<svg|<\?xml|<script|<head|<body)", re.IGNORECASE)
SAFE_DISPOSITION_CSP = "default-src 'none'; sandbox"


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
    try:
        genuine = any(head.startswith(signature) for signature in DOCUMENT_SIGNATURES[ext]) and _content_is(upload, ext)
    finally:
        upload.seek(0)
    if not genuine:
        raise ValidationError(
            _("The file's content does not match its extension %(ext)s; it may be damaged or renamed.") % {"ext": ext},
            code="file_content",
        )
    if ext == ".txt":
        start = upload.read(4096)
        upload.seek(0)
        if b"\x00" in start or _MARKUP.match(start):
            raise ValidationError(_("This is not a text file."), code="file_content")


def _is_zip(upload: Any) -> bool:
    """The file is (also) a zip archive with at least one readable entry: how a polyglot hides a second file."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return bool(archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _zip_part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _ZIP_PART_MAX_BYTES:
        return None
    return archive.read(info)


def _content_is(upload: Any, ext: str) -> bool:
    """Beyond the first bytes: the file really is of the kind its extension says."""
    if ext in OOXML_MAIN_TYPES or ext in ODF_TYPES:
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                if ext in ODF_TYPES:
                    # ODF: the first entry is "mimetype", stored, holding the document's type.
                    first = archive.infolist()[0] if archive.infolist() else None
                    return (
                        first is not None
                        and first.filename == "mimetype"
                        and _zip_part(archive, "mimetype") == ODF_TYPES[ext]
                        and "content.xml" in archive.namelist()
                    )
                types = _zip_part(archive, "[Content_Types].xml") or b""
                return OOXML_MAIN_TYPES[ext] in types
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
            return False
    if ext == ".pdf":
        upload.seek(0)
        return re.match(rb"%PDF-\d\.\d", upload.read(16)) is not None and not _is_zip(upload)
    if ext in IMAGE_FORMATS:
        return _decodes_as(upload, IMAGE_FORMATS[ext], DOCUMENT_IMAGE_MAX_PIXELS) and not _is_zip(upload)
    return True


def _decodes_as(upload: Any, kind: str, max_pixels: int) -> bool:
    from PIL import Image

    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format != kind or image.width * image.height > max_pixels:
                return False
            image.load()
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return False
    return True


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
    except Image.DecompressionBombError as exc:  # far more pixels than any photo has: never decoded
        raise ValidationError(too_large) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(not_an_image) from exc
    finally:
        upload.seek(0)
    if kind not in IMAGE_TYPES:
        raise ValidationError(not_an_image)
    if width > IMAGE_MAX_SIDE or height > IMAGE_MAX_SIDE:
        raise ValidationError(too_large)


def file_response(file: Any, *, filename: str = "", cache: str = "private, no-store") -> FileResponse:
    """Serve a stored user file (a ``FieldFile``): always as an attachment named ``filename`` (or the file's own
    name), typed by its extension from the allow-list (anything else, HTML and SVG included, is
    ``application/octet-stream``), never sniffed, sandboxed. 404 when there is no file or it is gone."""
    if not file or not file.name:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = filename or os.path.basename(file.name)
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=document_content_type(name))
    protect(response)
    if cache:
        response["Cache-Control"] = cache
    return response


def protect(response: Any) -> Any:
    """The headers of every response that carries a user's file: not sniffed, a sandbox if opened anyway, and a
    download unless it is an attachment already (the dev server's ``/media/`` responses)."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SAFE_DISPOSITION_CSP
    if not response.get("Content-Disposition", "").startswith("attachment"):
        response["Content-Disposition"] = "attachment"
    return response


def serve_media(request: Any, path: str) -> Any:
    """``django.views.static.serve`` of ``MEDIA_ROOT`` (read at each request) for ``MEDIA_URL`` in the demo and in
    development (production: the proxy, docs/deploy.md), with the headers of :func:`protect`."""
    from django.views.static import serve

    return protect(serve(request, path, document_root=str(settings.MEDIA_ROOT)))
