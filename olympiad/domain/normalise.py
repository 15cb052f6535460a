"""How a typed short answer or number is read before it is compared with the key.

Short answers are compared after `normalise_text`: the same word typed by different people
(«Реферат», "реферат.", РЕФЕРАТ, ре­ферат with a soft hyphen) must count the same, while
anything that changes the meaning (letters, digits, inner punctuation) is kept.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

QUOTES = "«»„“”‟\"'’‘‚‹›`"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d-"  # ‐ ‑ ‒ – — ― − ﹘ ﹣ －
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width characters
TRAILING_PUNCTUATION = ".,;:!?…"

_TABLE = str.maketrans({**dict.fromkeys(QUOTES + INVISIBLE), **dict.fromkeys(DASHES, "-")})
_SPACED_DASH = re.compile(r" ?- ?")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_NUMBER_MAX_LENGTH = 40


def normalise_text(text: str) -> str:
    """Canonical form of a short answer.

    NFC (so a decomposed «ё» or «й» is one letter), quotes and invisible characters removed,
    every dash or hyphen made "-", case folded, «ё» read as «е», runs of any spaces made one
    space and spaces around a dash dropped («Москва — 2019» = «Москва-2019»), trailing
    .,;:!?… and outer spaces removed.
    """
    text = unicodedata.normalize("NFC", text).translate(_TABLE)
    text = unicodedata.normalize("NFC", text.casefold()).replace("ё", "е")
    text = _SPACED_DASH.sub("-", " ".join(text.split()))
    return text.rstrip(TRAILING_PUNCTUATION + " ").strip()


def parse_number(value: object) -> Decimal | None:
    """A number typed with a comma or a dot ("3,5", " 3.5 ", "1 000", "−2") -> Decimal.

    None when it is not a plain decimal number (no units, exponents, fractions or words):
    the participant is asked for a number, and anything else is not one.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if not isinstance(value, str):
        return None
    text = "".join(unicodedata.normalize("NFC", value).split())
    text = text.translate(_TABLE).replace(",", ".")
    if len(text) > _NUMBER_MAX_LENGTH or not _NUMBER.fullmatch(text):
        return None
    return Decimal(text)
