"""Logo, stamp and signature images of a design: the shared image check (olympiad.images),
between 50 and 3000 pixels a side."""

from __future__ import annotations

from olympiad import images
from olympiad.images import MAX_BYTES, ImageRefused, clean_image

MAX_SIDE = 3000
MIN_SIDE = 50

__all__ = ["MAX_BYTES", "ImageRefused", "check_image", "clean_image"]


def check_image(content: bytes) -> None:
    """Nothing if the image may be stored; otherwise ImageRefused with the reason."""
    images.check_image(content, max_side=MAX_SIDE, min_side=MIN_SIDE)
