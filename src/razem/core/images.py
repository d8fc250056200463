"""Pictures people upload (a candidate's photo, an organization's logo, and every picture after them): checked,
cleaned and stored in the size they are shown.

``fit_picture(upload, shown, ...)`` is the one way a picture is accepted. It checks the upload with
``core.files.validate_image`` (a real image, decoded, of at most 2 MB and 4000 px a side; a decompression bomb is
refused as too large), then decodes it, turns it upright by its EXIF orientation, keeps the first frame only,
scales it to fit the box it is shown in at twice its CSS size (``Shown.stored``: sharp on high-density screens),
places it in the middle of that box so that every stored picture of a kind has the same proportions (the
``width``/``height`` attributes of its ``<img>`` then keep the page from moving when it loads), and saves the bare
pixels again: no EXIF (GPS position, camera, date), ICC profile or text chunk survives. A photo is saved as JPEG
(quality ``QUALITY``); a logo as PNG when it has transparency or came from a lossless kind (sharp edges), else JPEG.

Store what ``fit_picture`` returns, never the upload. The boxes below are the ones the templates use: change both
together.
"""

import dataclasses
import io
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from razem.core.files import validate_image

# JPEG quality: at 82 a photo is about a third smaller than at 95 with no difference anyone sees at its size.
QUALITY = 82
# How many device pixels a CSS pixel has on the screens we serve well (phones and laptops with high-density
# screens): a picture shown 200 CSS px wide is stored 400 px wide.
DENSITY = 2


@dataclasses.dataclass(frozen=True)
class Shown:
    """Where a kind of picture is shown: the box (CSS px) of the largest ``<img>`` that shows it."""

    width: int
    height: int
    keep_lossless: bool  # a PNG or GIF upload (a logo's flat colours and sharp edges) stays a PNG

    @property
    def stored(self) -> tuple[int, int]:
        return self.width * DENSITY, self.height * DENSITY


# elections/candidacy.html: the photo in a 210 × 280 box (3 : 4, the proportions of a phone's portrait photo).
CANDIDATE_PHOTO = Shown(210, 280, keep_lossless=False)
# organizations/detail.html and the organization form: the logo in a 120 × 120 box.
LOGO = Shown(120, 120, keep_lossless=True)


def fit_picture(upload: Any, shown: Shown, *, too_big: Any, not_an_image: Any, too_large: Any) -> SimpleUploadedFile:
    """The upload checked (``validate_image``, with the caller's refusals) and saved again in the box of ``shown``,
    without metadata. Raises ``ValidationError`` with the caller's words when it is not a picture we accept."""
    from PIL import Image

    try:
        validate_image(upload, too_big=too_big, not_an_image=not_an_image, too_large=too_large)
    except Image.DecompressionBombError as exc:  # Pillow refuses to open far more pixels than any photo has
        raise ValidationError(too_large) from exc
    try:
        return _reencode(upload, shown)
    except Image.DecompressionBombError as exc:
        raise ValidationError(too_large) from exc
    except (OSError, SyntaxError, ValueError) as exc:  # truncated data that ``verify`` did not notice
        raise ValidationError(not_an_image) from exc
    finally:
        upload.seek(0)


def _reencode(upload: Any, shown: Shown) -> SimpleUploadedFile:
    from PIL import Image, ImageOps

    upload.seek(0)
    with Image.open(upload) as source:
        source.seek(0)
        # Decode at a reduced size when the format can (JPEG's draft mode): a 4000 × 3000 photo is read at 1/4.
        source.draft("RGB", (shown.stored[0] * 2, shown.stored[1] * 2))
        source.load()
        lossless = source.format in {"PNG", "GIF"}
        upright = ImageOps.exif_transpose(source)
    transparent = upright.mode in {"RGBA", "LA", "PA"} or (upright.mode == "P" and "transparency" in upright.info)
    as_png = shown.keep_lossless and (transparent or lossless)
    mode = "RGBA" if as_png and transparent else "RGB"
    if transparent and mode == "RGB":  # a photo with transparency: on white, as the page shows it
        rgba = upright.convert("RGBA")
        pixels = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        pixels.alpha_composite(rgba)
        pixels = pixels.convert("RGB")
    else:
        pixels = upright.convert(mode)
    pixels = ImageOps.contain(pixels, shown.stored, method=Image.Resampling.LANCZOS)
    # The bare pixels, centred in the box: nothing of the upload's metadata (``info``) reaches the saved file.
    background = (255, 255, 255, 0) if mode == "RGBA" else (255, 255, 255)
    clean = Image.new(mode, shown.stored, background)
    clean.paste(
        Image.frombytes(mode, pixels.size, pixels.tobytes()),
        ((shown.stored[0] - pixels.width) // 2, (shown.stored[1] - pixels.height) // 2),
    )
    buffer = io.BytesIO()
    if as_png:
        clean.save(buffer, format="PNG", optimize=True)
        ext, content_type = ".png", "image/png"
    else:
        clean.save(buffer, format="JPEG", quality=QUALITY, optimize=True, progressive=True)
        ext, content_type = ".jpg", "image/jpeg"
    stem = os.path.splitext(os.path.basename(upload.name or "obraz"))[0] or "obraz"
    return SimpleUploadedFile(stem + ext, buffer.getvalue(), content_type=content_type)
