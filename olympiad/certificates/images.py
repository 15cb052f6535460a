"""Logo, stamp and signature images of a design: PNG or JPEG (by content, not by name),
at most 1 MB, between 50 and 3000 pixels a side, checked by Pillow before they are stored,
and stored re-encoded without their metadata: a phone photo of a signature carries the
place and time it was taken, and the PDF would hand them to every reader."""

from __future__ import annotations

import io
import warnings

from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 1024 * 1024
MAX_SIDE = 3000
MIN_SIDE = 50
TYPES = ("PNG", "JPEG")


class ImageRefused(ValueError):
    """The message says, in the user's language, what is wrong with the file."""


def _open(content: bytes) -> tuple[str, int, int]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                kind, (width, height) = image.format, image.size
                if kind in TYPES and max(width, height) <= MAX_SIDE:
                    image.load()  # decodes it all: a truncated or broken file fails here
    except Image.DecompressionBombError as error:
        raise ImageRefused(_("Изображение слишком большое.")) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Warning) as error:
        raise ImageRefused(_("Файл не открывается как изображение PNG или JPEG.")) from error
    return kind, width, height


def check_image(content: bytes) -> None:
    """Nothing if the image may be stored; otherwise ImageRefused with the reason."""
    if not content:
        raise ImageRefused(_("Файл пуст."))
    if len(content) > MAX_BYTES:
        raise ImageRefused(_("Файл больше 1 МБ: уменьшите изображение или сохраните его в JPEG."))
    kind, width, height = _open(content)
    if kind not in TYPES:
        raise ImageRefused(_("Нужно изображение PNG или JPEG, а не %(kind)s.", kind=kind))
    if max(width, height) > MAX_SIDE:
        raise ImageRefused(
            _(
                "Изображение %(w)s×%(h)s пикселей: нужно не больше %(max)s по каждой стороне.",
                w=width,
                h=height,
                max=MAX_SIDE,
            )
        )
    if min(width, height) < MIN_SIDE:
        raise ImageRefused(
            _(
                "Изображение %(w)s×%(h)s пикселей слишком мелкое: нужно не меньше %(min)s "
                "по каждой стороне, иначе на дипломе оно будет размытым.",
                w=width,
                h=height,
                min=MIN_SIDE,
            )
        )


def clean_image(content: bytes) -> bytes:
    """The checked image turned upright and saved again without metadata (EXIF, text
    chunks, profiles): a JPEG stays a JPEG, a PNG stays a PNG with its transparency."""
    with Image.open(io.BytesIO(content)) as image:
        kind = image.format
        upright = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        if kind == "JPEG":
            upright.convert("RGB").save(out, "JPEG", quality=92)
        else:
            transparent = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
            upright.convert("RGBA" if transparent else "RGB").save(out, "PNG", optimize=True)
    return out.getvalue()
