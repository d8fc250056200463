"""Uploads: an allow-list of kinds checked by content (office zips really are that format, PDFs and images are what
they say, polyglots refused), pictures re-encoded without their metadata, and every user file served as a download
that is never sniffed."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from razem.core.files import CONTENT_TYPES, validate_document
from razem.core.images import LOGO, Shown, fit_picture
from razem.organizations.models import Organization
from tests.core.helpers import in_polish, text_of

REFUSALS = {"too_big": "too big %(size)s", "not_an_image": "not an image", "too_large": "too large"}
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def picture(kind: str = "PNG", size: tuple[int, int] = (40, 30), *, exif: bool = False, mode: str = "RGB") -> bytes:
    image = Image.new(mode, size, (200, 30, 30) if mode == "RGB" else (200, 30, 30, 128))
    buffer = io.BytesIO()
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "Aparat Testowy"  # Make
        tags[0x0131] = "Edytor 1.0"  # Software
        tags[0x0112] = 6  # Orientation: rotate 90° clockwise to show
        image.save(buffer, format=kind, exif=tags.tobytes())
    else:
        image.save(buffer, format=kind)
    return buffer.getvalue()


def a_zip(entries: dict[str, bytes], *, first_stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if first_stored else None)
            first_stored = False
    return buffer.getvalue()


def docx() -> bytes:
    types = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'wordprocessingml.document.main+xml"/></Types>'
    )
    return a_zip({"[Content_Types].xml": types, "word/document.xml": b"<w:document/>"})


def odt() -> bytes:
    return a_zip(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document-content/>"},
        first_stored=True,
    )


def refused(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile(name, content))
    return error.value.code or ""


def content_mismatch(ext: str) -> str:
    return in_polish("The file's content does not match its extension %(ext)s; it may be damaged or renamed.") % {
        "ext": ext
    }


# Documents: accepted by content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("statut.pdf", PDF),
        ("statut.docx", docx()),
        ("statut.odt", odt()),
        ("skan.png", picture("PNG")),
        ("skan.jpg", picture("JPEG")),
        ("notatka.txt", "Zwykły tekst, zażółć gęślą jaźń.".encode()),
    ],
)
def test_genuine_documents_are_accepted(name, content):
    validate_document(SimpleUploadedFile(name, content))


def test_an_html_file_renamed_pdf_is_refused():
    assert refused("statut.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>") == "file_content"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("strona.html", b"<html></html>"),
        ("strona.htm", b"<html></html>"),
    ],
)
def test_svg_and_html_are_not_on_the_list(name, content):
    assert refused(name, content) == "file_type"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rysunek.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("notatka.txt", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("notatka.txt", b"  <!doctype html><p>hello"),
    ],
)
def test_svg_or_html_under_another_name_is_refused(name, content):
    assert refused(name, content) == "file_content"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("statut.docx", a_zip({"word/document.xml": b"<x/>"})),  # no [Content_Types].xml: just a renamed zip
        ("statut.docx", a_zip({"[Content_Types].xml": b"<Types/>", "a.html": b"<html/>"})),
        ("tabela.xlsx", docx()),  # a Word document named as a spreadsheet
        ("statut.odt", a_zip({"content.xml": b"<x/>", "mimetype": b"application/vnd.oasis.opendocument.text"})),
        ("statut.odt", a_zip({"mimetype": b"application/zip", "content.xml": b"<x/>"}, first_stored=True)),
        ("statut.pptx", b"PK\x03\x04 not really a zip at all"),
    ],
)
def test_a_renamed_zip_is_refused(name, content):
    assert refused(name, content) == "file_content"


def test_a_macro_enabled_document_named_docx_is_refused():
    types = b'<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
    content = a_zip({"[Content_Types].xml": types, "word/document.xml": b"<x/>", "word/vbaProject.bin": b"\0"})

    assert refused("statut.docx", content) == "file_content"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("statut.pdf", PDF + a_zip({"evil.html": b"<html><script>alert(1)</script></html>"})),
        ("skan.png", picture("PNG") + a_zip({"evil.html": b"<html/>"})),
    ],
)
def test_a_polyglot_that_is_also_a_zip_is_refused(name, content):
    assert refused(name, content) == "file_content"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("skan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64),  # the right first bytes, then nothing an image is made of
        ("skan.jpg", picture("PNG")),  # a PNG named .jpg
        ("skan.jpg", b"\xff\xd8\xff<html>"),
        ("statut.pdf", b"%PDF-<html><script>alert(1)</script>"),
    ],
)
def test_images_and_pdfs_must_be_what_they_say(name, content):
    assert refused(name, content) == "file_content"


# Pictures: re-encoded


def test_a_jpeg_comes_back_without_exif_and_upright():
    upload = SimpleUploadedFile("zdjecie.jpeg", picture("JPEG", (40, 30), exif=True), content_type="image/jpeg")
    assert Image.open(io.BytesIO(upload.read())).getexif()  # it had EXIF
    upload.seek(0)

    cleaned = fit_picture(upload, Shown(15, 20, keep_lossless=False), **REFUSALS)  # stored at 30 × 40

    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.format == "JPEG"
        assert not image.getexif() and "exif" not in image.info
        assert image.size == (30, 40)
        # The orientation was applied before the tag went: the picture fills the upright box, no padding at the top.
        assert image.convert("RGB").getpixel((15, 1)) != (255, 255, 255)
    assert cleaned.name == "zdjecie.jpg"


def test_a_transparent_picture_stays_a_png_and_a_big_one_is_scaled_down():
    cleaned = fit_picture(SimpleUploadedFile("logo.webp", picture("WEBP", (3000, 1500), mode="RGBA")), LOGO, **REFUSALS)

    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.format == "PNG" and image.mode == "RGBA" and image.size == LOGO.stored
    assert cleaned.name == "logo.png"


@pytest.mark.parametrize(
    "content",
    [b'<svg xmlns="http://www.w3.org/2000/svg"/>', b"<html></html>", PDF, picture("PNG")[:40]],
)
def test_a_file_that_is_not_a_picture_is_refused_as_one(content):
    with pytest.raises(ValidationError) as error:
        fit_picture(SimpleUploadedFile("logo.png", content), LOGO, **REFUSALS)

    assert error.value.messages == ["not an image"]


def test_an_uploaded_logo_is_stored_re_encoded_without_exif(client, verified_org, org_admin, media_root):
    client.force_login(org_admin)
    url = reverse("organizations:edit", args=[verified_org.pk])
    from tests.core.test_id_fields import _form_data

    data = _form_data(client.get(url).context["form"])
    data["logo"] = SimpleUploadedFile("logo.jpg", picture("JPEG", exif=True), content_type="image/jpeg")

    response = client.post(url, data)

    assert response.status_code == 302
    logo = Organization.objects.get(pk=verified_org.pk).logo
    with logo.open("rb"), Image.open(logo) as image:
        assert image.format == "JPEG" and not image.getexif()
    served = client.get(logo.url)
    assert served.status_code == 200
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"].startswith("attachment")


# Serving


def test_a_served_document_is_a_download_that_is_not_sniffed(client, krdpp, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    krdpp.regulations.save("regulamin.pdf", ContentFile(PDF), save=True)

    response = client.get(reverse("bodies:regulations", args=[krdpp.slug]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_stored_file_of_a_kind_not_on_the_list_is_served_as_bytes(client, krdpp, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    krdpp.regulations.save("regulamin.html", ContentFile(b"<html><script>alert(1)</script></html>"), save=True)

    response = client.get(reverse("bodies:regulations", args=[krdpp.slug]))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert "html" not in CONTENT_TYPES and "svg" not in " ".join(CONTENT_TYPES.values())


def test_an_html_file_renamed_pdf_is_refused_on_a_page(officer_client, krdpp):
    upload = SimpleUploadedFile("regulamin.pdf", b"<html><script>alert(1)</script></html>")
    data = {"name": krdpp.name, "short_name": "KRDPP", "slug": krdpp.slug, "kind": "council", "visibility": "public",
            "joining": "appointed", "is_active": "on", "department": "x", "regulations": upload}  # fmt: skip

    response = officer_client.post(f"/panel/ciala-dialogu/{krdpp.slug}/", data)

    assert response.status_code == 200
    assert content_mismatch(".pdf") in text_of(response)
    krdpp.refresh_from_db()
    assert not krdpp.regulations
