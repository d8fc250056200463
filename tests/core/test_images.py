"""Uploaded pictures are stored in the size they are shown, without metadata (``core.images.fit_picture``): a
phone's 4000 × 3000 photo with its GPS position becomes a small picture without EXIF, and what is not a picture,
or would decode into far more pixels than any photo has, is refused in Polish."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from razem.core.images import CANDIDATE_PHOTO, LOGO
from razem.elections.forms.public import validate_photo
from razem.organizations.models import Organization
from tests.core.helpers import in_polish

GPS_KRAKOW = {1: "N", 2: (50.0, 3.0, 41.0), 3: "E", 4: (19.0, 56.0, 14.0)}


def phone_photo(size=(4000, 3000), *, orientation=1) -> bytes:
    """A smooth JPEG as a phone saves it (under the 2 MB limit): EXIF with the camera, orientation and GPS."""
    ramp = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", (ramp, ramp.transpose(Image.Transpose.FLIP_LEFT_RIGHT), ramp.rotate(90)))
    exif = Image.Exif()
    exif[0x010F] = "Aparat Testowy"  # Make
    exif[0x0112] = orientation
    exif[0x8825] = GPS_KRAKOW  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, exif=exif.tobytes())
    return buffer.getvalue()


def png_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG that says it has 900 million pixels in a few dozen bytes: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def opened(upload) -> Image.Image:
    upload.seek(0)
    image = Image.open(io.BytesIO(upload.read()))
    upload.seek(0)
    return image


def test_a_phone_photo_is_stored_in_the_size_the_candidacy_page_shows_without_exif_or_gps():
    original = phone_photo()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # it carried a GPS position
    assert len(original) < 2 * 1024 * 1024

    stored = validate_photo(SimpleUploadedFile("IMG_2041.jpg", original, content_type="image/jpeg"))

    image = opened(stored)
    width, height = CANDIDATE_PHOTO.stored
    assert image.format == "JPEG" and image.size == (width, height) and width <= 420
    assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info
    assert stored.size < 60 * 1024  # a few tens of KB instead of the upload's size
    assert stored.name == "IMG_2041.jpg"


def test_the_photo_is_turned_upright_before_its_orientation_tag_goes():
    # Orientation 6: the camera stored it lying down (4000 × 3000); shown, it stands (3000 × 4000).
    stored = validate_photo(SimpleUploadedFile("portret.jpg", phone_photo(orientation=6), content_type="image/jpeg"))

    image = opened(stored)
    assert image.size == CANDIDATE_PHOTO.stored and not image.getexif()
    # A standing 3 : 4 photo fills the 3 : 4 box: no white band at the sides.
    assert (
        image.convert("L").getpixel((2, image.height // 2)) < 250
        or image.convert("L").getpixel((image.width - 3, image.height // 2)) < 250
    )


def test_an_uploaded_logo_is_stored_in_its_box_and_served_in_that_size(client, verified_org, org_admin, media_root):
    client.force_login(org_admin)
    url = reverse("organizations:edit", args=[verified_org.pk])
    from tests.core.test_id_fields import _form_data

    data = _form_data(client.get(url).context["form"])
    data["logo"] = SimpleUploadedFile("logo.jpg", phone_photo((3000, 2000)), content_type="image/jpeg")

    client.post(url, data)

    verified_org.refresh_from_db()
    with verified_org.logo.open("rb") as file, Image.open(file) as image:
        assert image.size == LOGO.stored and not image.getexif()
    page = client.get(verified_org.get_absolute_url()).content.decode()
    assert f'src="{verified_org.logo.url}"' in page and 'width="120" height="120"' in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7 not a photo", "The photo must be an image file (PNG, JPEG, WebP or GIF)."),
        (png_bomb(), "The photo may be at most 4000 × 4000 pixels."),
    ],
    ids=["not-an-image", "decompression-bomb"],
)
def test_a_non_image_and_a_decompression_bomb_are_refused_in_polish(content, message):
    with pytest.raises(ValidationError) as error:
        validate_photo(SimpleUploadedFile("zdjecie.png", content, content_type="image/png"))

    with translation.override("pl"):
        assert error.value.messages == [in_polish(message)]
    assert in_polish(message) != message  # translated: the visitor reads Polish


def test_nothing_is_stored_for_a_refused_logo(client, verified_org, org_admin, media_root):
    client.force_login(org_admin)
    url = reverse("organizations:edit", args=[verified_org.pk])
    from tests.core.test_id_fields import _form_data

    data = _form_data(client.get(url).context["form"])
    data["logo"] = SimpleUploadedFile("logo.png", png_bomb(), content_type="image/png")

    response = client.post(url, data)

    assert response.status_code == 200
    assert not Organization.objects.get(pk=verified_org.pk).logo
