"""Certificates as one PDF file each, as one merged PDF, or as a ZIP of separate files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from typing import BinaryIO

from olympiad.pdf.certificates.layout import Plan, plan
from olympiad.pdf.certificates.model import Certificate, Design, Kind
from olympiad.pdf.certificates.page import draw_page
from olympiad.pdf.certificates.parallel import MIN_PARALLEL, rendered
from olympiad.pdf.certificates.static import draw_static
from olympiad.pdf.certificates.stream import StreamingCanvas
from olympiad.pdf.fonts import register_fonts

TITLES = {
    Kind.WINNER: "Диплом победителя",
    Kind.PRIZE_WINNER: "Диплом призёра",
    Kind.PARTICIPANT: "Сертификат участника",
    Kind.MENTOR: "Благодарственное письмо",
}


class _Forms:
    """The static part of each design drawn once per file as a form XObject."""

    def __init__(self, canvas: StreamingCanvas, designs: Mapping[Kind, Design]) -> None:
        self.canvas = canvas
        self.designs = designs
        self.ready: dict[Kind, tuple[Design, Plan]] = {}

    def page(self, cert: Certificate) -> None:
        """Draw a whole page of `cert` (without showing it)."""
        canvas = self.canvas
        if cert.kind not in self.ready:
            try:
                design = self.designs[cert.kind]
            except KeyError:
                raise ValueError(f"Нет оформления для документа «{TITLES[cert.kind]}».") from None
            layout = plan(design)
            canvas.setPageSize((layout.width, layout.height))
            canvas.beginForm(cert.kind.value)
            draw_static(canvas, design, layout)
            canvas.endForm()
            self.ready[cert.kind] = design, layout
        design, layout = self.ready[cert.kind]
        canvas.setPageSize((layout.width, layout.height))
        canvas.doForm(cert.kind.value)
        draw_page(canvas, cert, design, layout)


def render_one(cert: Certificate, design: Design) -> bytes:
    """One certificate as a PDF file of one page."""
    register_fonts()
    out = io.BytesIO()
    canvas = StreamingCanvas(out)
    canvas.setTitle(f"{TITLES[cert.kind]}: {cert.full_name}")
    canvas.setAuthor(design.issuer.strip().split("\n")[0])
    _Forms(canvas, {cert.kind: design}).page(cert)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def render_merged(
    certs: Iterable[Certificate], designs: Mapping[Kind, Design], out: BinaryIO
) -> int:
    """All certificates as one PDF written to `out`, a page each; the page count.

    Pages go to `out` as they are finished, so memory stays flat however many there are."""
    register_fonts()
    canvas = StreamingCanvas(out)
    canvas.setTitle("Дипломы и сертификаты")
    forms = _Forms(canvas, designs)
    count = 0
    for cert in certs:
        forms.page(cert)
        canvas.showPage()
        count += 1
    canvas.save()
    return count


def design_of(designs: Mapping[Kind, Design], cert: Certificate) -> Design:
    try:
        return designs[cert.kind]
    except KeyError:
        raise ValueError(f"Нет оформления для документа «{TITLES[cert.kind]}».") from None


def render_zip(
    certs: Iterable[tuple[str, Certificate]],
    designs: Mapping[Kind, Design],
    out: BinaryIO,
    workers: int | None = None,
    min_parallel: int = MIN_PARALLEL,
) -> int:
    """A ZIP archive of separate PDF files under the given names, written to `out`; the
    number of files. PDF streams are compressed already, so the archive only stores them.
    A big archive is rendered on every core (parallel.py); `workers` and `min_parallel`
    say how many processes and from how many documents."""
    count = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for filename, data in rendered(certs, designs, workers, min_parallel):
            archive.writestr(filename, data)
            count += 1
    return count
