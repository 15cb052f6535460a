"""User text on its way into ReportLab: the one place every PDF builder goes through.

``Paragraph`` parses its text as markup, so a school named «Гимназия <b>№2» is a broken tag
(a 500) unless escaped; a ``Table`` row does not split across pages by default, so an
appeal of 1,500 characters in a cell is taller than a page (another 500). ``text`` and
``para`` escape, ``table`` lets rows split. ``tests/hardening/test_pdf_builders.py`` drives
every builder with hostile strings.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph, Table

# Characters the text guard refuses at the door; stored before it existed, they are dropped
# here rather than breaking the document.
_DROP = {code: None for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]}
_DROP |= {code: None for code in [*range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F]}
_DROP |= {code: None for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


def text(value: object, *, lines: bool = True, empty: str = "") -> str:
    """Plain user text as Paragraph markup: escaped, spaces collapsed, and (when `lines`)
    the line breaks the author typed kept as <br/>; `empty` when nothing is left."""
    raw = str(value if value is not None else "").translate(_DROP)
    if not lines:
        return escape(" ".join(raw.split())) or empty
    kept = (" ".join(line.split()) for line in raw.splitlines())
    return "<br/>".join(escape(line) for line in kept if line) or empty


def para(value: object, style, **kwargs) -> Paragraph:
    """A Paragraph of plain user text (see ``text``)."""
    lines = kwargs.pop("lines", True)
    return Paragraph(text(value, lines=lines), style, **kwargs)


def table(rows: list, **kwargs) -> Table:
    """A Table whose rows may split across pages (a long text in a cell flows on)."""
    kwargs.setdefault("splitInRow", 1)
    return Table(rows, **kwargs)


def plain(value: object) -> str:
    """One line of user text as Paragraph markup: escaped, all whitespace collapsed."""
    return text(value, lines=False)
