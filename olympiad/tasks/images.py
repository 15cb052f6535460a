"""A task's picture: the shared image check (olympiad.images), at most 2000 pixels a side,
decoded in full and stored without metadata."""

from __future__ import annotations

from olympiad import images
from olympiad.images import MAX_BYTES, ImageRefused

MAX_SIDE = 2000

__all__ = ["MAX_BYTES", "ImageRefused", "checked_image"]


def checked_image(content: bytes) -> tuple[bytes, str]:
    """(the bytes to store, their MIME type), or ImageRefused with the reason."""
    kind = images.check_image(content, max_side=MAX_SIDE)
    return images.clean_image(content), kind
