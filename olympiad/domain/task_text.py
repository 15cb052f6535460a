"""A task's text in markdown-lite, rendered to safe HTML and to ReportLab paragraph markup.

The subset:

- paragraphs are separated by blank lines; a single line break inside a paragraph is kept
  (teachers type a record or a verse line by line and expect to see it so);
- lines starting with "- " (or "• ") form a bulleted list; an indented line continues the item;
- **strong** and *emphasis* inside one line.

Everything is escaped first, so nothing the author types (or an imported bank carries) becomes
markup: `<script>` stays text. Lines starting with a dash «—» stay text too: that is dialogue.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_ITEM = re.compile(r"^[ \t]{0,3}[-•][ \t]+(.*)$")


@dataclass(frozen=True)
class Block:
    """A paragraph (one part) or a bulleted list (one part per item); a part is its lines."""

    kind: str  # "paragraph" or "list"
    parts: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class PdfParagraph:
    """One ReportLab Paragraph: `Paragraph(markup, style, bulletText="•" if bullet else None)`."""

    markup: str
    bullet: bool = False


def parse_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for chunk in _BLANK_LINE.split(text):
        kind: str | None = None
        parts: list[list[str]] = []
        for line in chunk.split("\n"):
            if not line.strip():
                continue
            item = _ITEM.match(line)
            if item:
                if kind == "paragraph":
                    blocks.append(_block(kind, parts))
                    parts = []
                kind = "list"
                parts.append([item.group(1)])
            elif kind == "paragraph" or (kind == "list" and line[:1] in (" ", "\t")):
                parts[-1].append(line)  # a line of the paragraph, or an item's indented line
            else:
                if kind == "list":
                    blocks.append(_block(kind, parts))
                kind = "paragraph"
                parts = [[line]]
        if kind:
            blocks.append(_block(kind, parts))
    return blocks


def to_html(text: str) -> str:
    """Safe HTML: <p>, <ul><li>, <br>, <strong>, <em>; everything else escaped."""
    rendered = []
    for block in parse_blocks(text):
        lines = ["<br>\n".join(_html_line(line) for line in part) for part in block.parts]
        if block.kind == "paragraph":
            rendered.append(f"<p>{lines[0]}</p>")
        else:
            rendered.append("<ul>\n" + "".join(f"<li>{item}</li>\n" for item in lines) + "</ul>")
    return "\n".join(rendered)


def to_reportlab(text: str) -> list[PdfParagraph]:
    """ReportLab Paragraph markup (<b>, <i>, <br/>), one per paragraph or list item, escaped."""
    result = []
    for block in parse_blocks(text):
        for part in block.parts:
            markup = "<br/>".join(_pdf_line(line) for line in part)
            result.append(PdfParagraph(markup, bullet=block.kind == "list"))
    return result


def _block(kind: str, parts: list[list[str]]) -> Block:
    return Block(kind, tuple(tuple(" ".join(line.split()) for line in part) for part in parts))


def _inline_patterns(strong: str, em: str) -> tuple[re.Pattern[str], re.Pattern[str], str, str]:
    # emphasis may contain a whole strong element but never half of one: tags stay nested
    return (
        re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
        re.compile(rf"\*(?=[^\s*])((?:[^*<]|<{strong}>[^<]*</{strong}>)+?)(?<=[^\s*])\*"),
        rf"<{strong}>\1</{strong}>",
        rf"<{em}>\1</{em}>",
    )


_HTML = _inline_patterns("strong", "em")
_PDF = _inline_patterns("b", "i")


def _inline(escaped: str, patterns: tuple[re.Pattern[str], re.Pattern[str], str, str]) -> str:
    strong, em, strong_tag, em_tag = patterns
    return em.sub(em_tag, strong.sub(strong_tag, escaped))


def _html_line(line: str) -> str:
    return _inline(html.escape(line, quote=True), _HTML)


def _pdf_line(line: str) -> str:
    return _inline(xml_escape(line, {'"': "&quot;", "'": "&#39;"}), _PDF)
