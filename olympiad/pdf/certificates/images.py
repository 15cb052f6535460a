"""The images of a design (logo, stamp, signature): scaled, encoded once per process.

canvas.drawImage() digests the pixels and deflates them again in every file: with three
images a ZIP of separate certificates took twice as long. Here an image is reduced to print
resolution (a phone photo of a stamp can be 4,000 pixels wide) and encoded once into a PDF
image object; each document registers a copy, which shares the encoded bytes. Like the
streaming canvas this uses ReportLab internals (pdfdoc, pinned to 5.1).
"""

from __future__ import annotations

import copy
import hashlib
import io
import math
from functools import lru_cache

from PIL import Image
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.pdfgen.canvas import Canvas

DPI = 300


@lru_cache(maxsize=8)
def encoded(data: bytes, pixels: int) -> PDFImageXObject:
    """The image at most `pixels` on its longer side, as ReportLab would embed it."""
    name = "img" + hashlib.sha256(data + pixels.to_bytes(4, "big")).hexdigest()[:24]
    picture = Image.open(io.BytesIO(data))
    if max(picture.size) <= pixels:
        reader = ImageReader(io.BytesIO(data))  # a JPEG goes in as it is
    elif picture.format == "JPEG":
        picture.thumbnail((pixels, pixels))
        buffer = io.BytesIO()
        picture.convert("RGB").save(buffer, "JPEG", quality=90)
        reader = ImageReader(buffer)
    else:
        picture.thumbnail((pixels, pixels))
        reader = ImageReader(picture)
    saved, rl_config.useA85 = rl_config.useA85, 0  # ASCII85 only inflates binary data
    try:
        return PDFImageXObject(name, reader, mask="auto")
    finally:
        rl_config.useA85 = saved


def draw_image(canvas: Canvas, data: bytes, x: float, y: float, w: float, h: float) -> None:
    """canvas.drawImage(reader, x, y, w, h, mask="auto", preserveAspectRatio=True), with
    the encoding done once per process."""
    template = encoded(data, math.ceil(max(w, h) / 72 * DPI))
    doc = canvas._doc
    internal = doc.getXObjectName(template.name)
    if internal not in doc.idToObject:
        image = copy.copy(template)
        mask = image.__dict__.pop("_smask", None)  # transparency: a second image
        if mask is not None:
            # named after its image: one picture in two slots (two sizes) has two masks
            mask = copy.copy(mask)
            mask.name = template.name + "mask"
            image.smask = doc.Reference(mask, doc.getXObjectName(mask.name))
        doc.Reference(image, internal)
    scale = min(w / template.width, h / template.height)
    width, height = template.width * scale, template.height * scale
    canvas.saveState()
    canvas.translate(x + (w - width) / 2, y + (h - height) / 2)
    canvas.scale(width, height)
    canvas.addLiteral(f"/{internal} Do")
    canvas.restoreState()
    canvas._formsinuse.append(template.name)  # so that the page or form lists it
