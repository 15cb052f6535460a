"""Every uploaded image (a task's picture, a design's logo, stamp and signature): PNG or
JPEG by content, not by name, within a size, decoded in full by Pillow before it is stored
(a truncated JPEG or a PNG with a broken data stream would otherwise break the PDF made of
it later), and stored without its metadata: a phone photo carries the place and time it was
taken, and the PDF would hand them to every reader."""

from __future__ import annotations

import io
import warnings

from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 1024 * 1024
TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
# what Pillow reports of a file that carries nothing about its author, place or time
_HARMLESS = frozenset(
    {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "progressive", "progression"}
    | {"transparency", "gamma", "srgb", "aspect", "interlace", "chromaticity"}
)


class ImageRefused(ValueError):
    """The message says, in the user's language, what is wrong with the file."""


def _open(content: bytes, max_side: int) -> tuple[str, int, int]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                kind, (width, height) = image.format, image.size
                if kind in TYPES and max(width, height) <= max_side:
                    image.load()  # decodes it all: a truncated or broken file fails here
    except Image.DecompressionBombError as error:
        raise ImageRefused(_("Изображение слишком большое.")) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Warning) as error:
        raise ImageRefused(_("Файл не открывается как изображение PNG или JPEG.")) from error
    return kind, width, height


def check_image(content: bytes, *, max_side: int, min_side: int = 1) -> str:
    """The image's MIME type if it may be stored; otherwise ImageRefused with the reason."""
    if not content:
        raise ImageRefused(_("Файл пуст."))
    if len(content) > MAX_BYTES:
        raise ImageRefused(_("Файл больше 1 МБ: уменьшите изображение или сохраните его в JPEG."))
    kind, width, height = _open(content, max_side)
    if kind not in TYPES:
        raise ImageRefused(_("Нужно изображение PNG или JPEG, а не %(kind)s.", kind=kind))
    if max(width, height) > max_side:
        raise ImageRefused(
            _(
                "Изображение %(w)s×%(h)s пикселей: нужно не больше %(max)s по каждой стороне.",
                w=width,
                h=height,
                max=max_side,
            )
        )
    if min(width, height) < min_side:
        raise ImageRefused(
            _(
                "Изображение %(w)s×%(h)s пикселей слишком мелкое: нужно не меньше %(min)s "
                "по каждой стороне, иначе на дипломе оно будет размытым.",
                w=width,
                h=height,
                min=min_side,
            )
        )
    return TYPES[kind]


def clean_image(content: bytes) -> bytes:
    """The checked image turned upright and saved again without metadata (EXIF, text
    chunks, profiles): a JPEG stays a JPEG, a PNG stays a PNG with its transparency.
    An image with nothing to remove is kept as it is, so a JPEG loses nothing on re-import."""
    with Image.open(io.BytesIO(content)) as image:
        kind = image.format
        if set(image.info) <= _HARMLESS:
            return content
        upright = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        if kind == "JPEG":
            upright.convert("RGB").save(out, "JPEG", quality=92)
        else:
            transparent = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
            upright.convert("RGBA" if transparent else "RGB").save(out, "PNG", optimize=True)
    return out.getvalue()
