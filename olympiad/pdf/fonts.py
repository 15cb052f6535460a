"""Register the shipped Cyrillic TTF fonts with ReportLab once per process."""

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"

SERIF = "PTSerif"
SERIF_BOLD = "PTSerif-Bold"
SERIF_ITALIC = "PTSerif-Italic"
SANS = "PTSans"
SANS_BOLD = "PTSans-Bold"

_FILES = {
    SERIF: "PTSerif-Regular.ttf",
    SERIF_BOLD: "PTSerif-Bold.ttf",
    SERIF_ITALIC: "PTSerif-Italic.ttf",
    SANS: "PTSans-Regular.ttf",
    SANS_BOLD: "PTSans-Bold.ttf",
}


@cache
def register_fonts() -> None:
    """Idempotent: registering costs ~40 ms a font, so it is done once per process."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    # <b> and <i> inside Paragraphs pick these faces
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SERIF_BOLD)
    addMapping(SERIF, 0, 1, SERIF_ITALIC)
    addMapping(SERIF, 1, 1, SERIF_BOLD)
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS)
    addMapping(SANS, 1, 1, SANS_BOLD)


def font_characters() -> frozenset[str]:
    """The characters that every shipped face has a glyph for."""
    register_fonts()
    sets = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in _FILES]
    return frozenset(chr(code) for code in set.intersection(*sets))
