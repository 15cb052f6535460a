"""A ReportLab canvas that writes each finished page to the output at once.

ReportLab keeps every page (its content as an uncompressed string) until `save()`, so a
merged file of thousands of pages grows in memory page by page. Here a page and its content
stream are serialised, compressed and written as soon as the page is shown; the document
keeps only their object numbers and file offsets for the cross-reference table. Fonts,
forms and images, shared by the pages, are written at the end as usual.

Two more savings: page and form streams are only deflated (ReportLab also ASCII85-encodes
them by default, in pure Python unless its optional C accelerator is installed: a third of
the time of a page), and font subsets hold only the characters used (by default every
subset carries all of ASCII too, so that content streams stay readable: that doubles the
font data of a one-page file and takes 40 % longer).

This leans on the internals of reportlab.pdfbase.pdfdoc (pinned to 5.1): the tests read
the result back.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from typing import BinaryIO

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from olympiad.pdf.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, SERIF_ITALIC


def _deflated(content: str | bytes, filter=pdfdoc.PDFZCompress) -> pdfdoc.PDFStream:
    return pdfdoc.PDFStream(content=content, filters=[filter])


@lru_cache(maxsize=8)
def _deflate(content: bytes) -> bytes:
    return zlib.compress(content)


class _RepeatedDeflate:
    """Deflate for form streams, which repeat file after file: a new document assigns
    font codes in the order of first use, and the form of a design is drawn first."""

    pdfname = "FlateDecode"

    def encode(self, content: bytes) -> bytes:
        return _deflate(content)


class StreamingCanvas(Canvas):
    def __init__(self, out: BinaryIO, **kwargs) -> None:
        super().__init__(out, **kwargs)
        self._out = out
        self._offset = 0
        self._written: set[str] = set()
        doc = self._doc
        doc.setCompression(1)  # font files and their maps are deflated too
        for name in (SERIF, SERIF_BOLD, SERIF_ITALIC, SANS, SANS_BOLD):
            state = pdfmetrics.getFont(name)._assignState(doc, asciiReadable=False)
            # splitString still follows the font's own (ASCII-readable) setting and would
            # jump from code 31 to 128: start past the control codes instead
            state.nextCode = 32
        self._write(pdfdoc.PDFFile(doc._pdfVersion).format(doc))

    def endForm(self, **extra_attributes) -> None:
        name = self._formData[0]
        super().endForm(**extra_attributes)
        form = self._doc.idToObject[self._doc.getXObjectName(name)]
        form.compression = 0  # or it puts ASCII85 back on
        form.Contents = _deflated(form.stream, _RepeatedDeflate())

    def showPage(self) -> None:
        super().showPage()
        doc = self._doc
        pages = doc.Pages.pages
        page = pages[-1]
        page.Contents = _deflated(page.stream)
        name = page.__InternalName__
        self._write_object(name)  # formatting registers its content stream
        self._write_object(page.Contents.__InternalName__)
        pages[-1] = pdfdoc.PDFObjectReference(name)

    def _write(self, data: bytes) -> int:
        start = self._offset
        self._out.write(data)
        self._offset += len(data)
        return start

    def _write_object(self, name: str) -> None:
        doc = self._doc
        data = pdfdoc.PDFIndirectObject(name, doc.idToObject[name]).format(doc)
        doc.idToOffset[name] = self._write(data)
        self._written.add(name)
        doc.idToObject[name] = None  # let the page go; its number and offset stay

    def save(self) -> None:
        """Write the shared objects, the cross-reference table and the trailer."""
        if len(self._code):
            self.showPage()
        doc = self._doc
        for font in doc.delayedFonts:
            font.addObjects(doc)
        doc.info.invariant = doc.invariant
        doc.info.digest(doc.signature)
        doc.Reference(doc.Catalog)
        doc.Reference(doc.info)
        doc.Outlines.prepare(doc, self)
        if doc.Outlines.ready < 0:
            doc.Catalog.Outlines = None
        ids, number = [], 1
        while number in doc.numberToId:  # objects may register more objects as they format
            name = doc.numberToId[number]
            if name not in self._written:
                self._write_object(name)
            ids.append(name)
            number += 1
        xref = pdfdoc.PDFCrossReferenceTable()
        xref.addsection(0, ids)
        start = self._write(xref.format(doc))
        trailer = pdfdoc.PDFTrailer(
            startxref=start,
            Size=len(ids) + 1,
            Root=doc.Reference(doc.Catalog),
            Info=doc.Reference(doc.info),
            ID=doc.ID(),
        )
        self._write(trailer.format(doc))
