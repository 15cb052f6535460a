"""A task's picture: PNG or JPEG, at most 1 MB and 2000 pixels a side, checked by Pillow."""

from __future__ import annotations

import io
import warnings

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 1024 * 1024
MAX_SIDE = 2000
TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}


class ImageRefused(ValueError):
    """The message, in Russian, says what is wrong with the file."""


def check_image(content: bytes) -> str:
    """The image's MIME type if it may be stored; otherwise ImageRefused."""
    if not content:
        raise ImageRefused("Файл рисунка пуст.")
    if len(content) > MAX_BYTES:
        raise ImageRefused("Рисунок больше 1 МБ: уменьшите его или сохраните в JPEG.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                kind, (width, height) = image.format, image.size
                if kind in TYPES and max(width, height) <= MAX_SIDE:
                    image.verify()  # reads the whole file: a truncated one fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Warning) as error:
        raise ImageRefused("Файл не открывается как рисунок PNG или JPEG.") from error
    except Image.DecompressionBombError as error:
        raise ImageRefused("Рисунок слишком большой.") from error
    if kind not in TYPES:
        raise ImageRefused(f"Рисунок должен быть в формате PNG или JPEG, а не {kind}.")
    if max(width, height) > MAX_SIDE:
        raise ImageRefused(
            f"Рисунок {width}×{height} пикселей: нужно не больше {MAX_SIDE} по каждой стороне."
        )
    return TYPES[kind]
