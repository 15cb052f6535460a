"""What text the app takes: one check for every free-text field and every import.

Whatever one database accepts must move to the other and print on the documents, so two
rules hold at the door:

- ``check_text``: no control characters (C0 and C1, DEL, except tab and line breaks), no
  bidirectional controls (U+200E/U+200F marks, U+202A–U+202E embeddings and overrides,
  U+2066–U+2069 isolates, U+061C) and no lone surrogates. PostgreSQL cannot store NUL, the
  others are invisible and turn a name around on a diploma.
- ``check_printable``: names of people and schools go onto diplomas, and the bundled fonts
  print Cyrillic (Russian and Buryat Ө Ү Һ included) and Latin, digits and punctuation.
  Any other letter (Greek, Hebrew, CJK...) would print as a blank, so it is refused.

Both return a message (in the user's language) or None; the forms apply them to every
text field through ``olympiad.forms.Form``, the imports call them per cell.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from flask_babel import gettext as _

_ALLOWED_CONTROLS = frozenset("\t\n\r")
_BIDI = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _forbidden(ch: str) -> bool:
    code = ord(ch)
    if code < 0x20:
        return ch not in _ALLOWED_CONTROLS
    return 0x7F <= code <= 0x9F or code in _BIDI or 0xD800 <= code <= 0xDFFF


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def check_text(value: str | None, label: str | None = None) -> str | None:
    """A message when the text holds a character no database or document can take."""
    if not value:
        return None
    for position, ch in enumerate(value, start=1):
        if _forbidden(ch):
            if label:
                return _(
                    "Поле «%(label)s» содержит недопустимый невидимый символ (%(char)s, "
                    "позиция %(position)d). Удалите его и сохраните ещё раз.",
                    label=label,
                    char=_describe(ch),
                    position=position,
                )
            return _(
                "Текст содержит недопустимый невидимый символ (%(char)s, позиция "
                "%(position)d). Удалите его и повторите.",
                char=_describe(ch),
                position=position,
            )
    return None


@cache
def printable_characters() -> frozenset[str]:
    """Characters every bundled font has a glyph for (the documents use all of them)."""
    from olympiad.pdf.fonts import font_characters

    return font_characters()


def _printable(ch: str) -> bool:
    if ch.isspace():
        return True
    if ch not in printable_characters():
        return False
    if unicodedata.category(ch).startswith("L"):
        return unicodedata.name(ch, "").startswith(("LATIN", "CYRILLIC"))
    return True


def check_printable(value: str | None, label: str | None = None) -> str | None:
    """A message when a name holds a letter the documents cannot print (after check_text)."""
    if not value:
        return None
    problem = check_text(value, label)
    if problem:
        return problem
    for ch in unicodedata.normalize("NFC", value):
        if not _printable(ch):
            if label:
                return _(
                    "Поле «%(label)s»: символ «%(char)s» не печатается в грамотах и списках. "
                    "Пишите кириллицей или латиницей.",
                    label=label,
                    char=ch,
                )
            return _(
                "Символ «%(char)s» не печатается в грамотах и списках. "
                "Пишите кириллицей или латиницей.",
                char=ch,
            )
    return None


def check_nested(value: object, label: str | None = None) -> str | None:
    """check_text over every string (keys included) of parsed JSON-like data; iterative, so a
    deeply nested document cannot exhaust the stack."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if problem := check_text(item, label):
                return problem
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return None
