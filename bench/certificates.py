"""Benchmark: diplomas and certificates as one merged PDF and as a ZIP of separate PDFs.

Each measurement runs in a child process of its own, so its peak memory (ru_maxrss) is its
own; the output goes to a temporary file, as it would in the app. It reports:

1. ours (olympiad.pdf.certificates), 2,000 documents merged and 2,000 zipped: seconds and
   documents a second, wall clock and CPU (the machine may be busy with other work); and
   500 zipped with a logo, a stamp and a signature on the design;
2. peak memory for 200 and 2,000 documents in each mode, and for ReportLab's own canvas
   (the same drawing without page streaming) for comparison;
3. WeasyPrint on roughly the same design (HTML/CSS, the QR as inline SVG made by segno),
   100 merged and 50 separate, per document and as a ratio to ours. WeasyPrint is an
   optional extra: pip install -e '.[bench]'; without it this part is skipped. For a fair
   comparison install Debian's libharfbuzz-subset0 (without it WeasyPrint subsets fonts in
   pure Python, several times slower); the script says which one it used.

Run: .venv/bin/python bench/certificates.py [count]   (default 2000)
"""

from __future__ import annotations

import dataclasses
import html
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import segno

from olympiad.pdf.certificates import (
    Certificate,
    Design,
    Kind,
    default_designs,
    render_merged,
    render_zip,
)
from olympiad.pdf.certificates.qr import MASK
from olympiad.pdf.certificates.wording import russian_date, wording
from olympiad.pdf.fonts import FONT_DIR

ROOT = Path(__file__).resolve().parents[1]

SURNAMES = [
    "Иванова",
    "Цыденов",
    "Соколова",
    "Бадмаев",
    "Кузнецова",
    "Дамбаев",
    "Смирнов",
    "Константинопольская-Верхнеудинская",
    "Петров",
    "Жамсаранова",
    "Орлов",
    "Будаева",
]
GIVEN = [
    "Мария Петровна",
    "Баир Жаргалович",
    "Анна Сергеевна",
    "Александра-Мария Вячеславовна",
    "Иван Андреевич",
    "Туяна Баировна",
    "Олег Николаевич",
    "Дарима Цыреновна",
]
SCHOOLS = ["МБОУ «Гусиноозёрская СОШ № 1»", "МБОУ «Селендумская СОШ»",
           "МАОУ «Гимназия № 1 имени Героя Советского Союза Н. А. Петрова» г. Гусиноозёрска",
           "МБОУ «Новоселенгинская СОШ имени Н. А. Бестужева»"]  # fmt: skip
# a district olympiad: a few winners, more prize-winners, mostly participants, mentors
KINDS = [Kind.WINNER] + [Kind.PRIZE_WINNER] * 3 + [Kind.PARTICIPANT] * 13 + [Kind.MENTOR] * 3
STATUS = {Kind.WINNER: "победитель", Kind.PRIZE_WINNER: "призёр", Kind.PARTICIPANT: "участник"}
OLYMPIAD = "Информационная культура школьника"


def certificates(count: int) -> Iterator[Certificate]:
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        yield Certificate(
            kind=kind,
            serial=f"2020-2021/ИК/{i:04d}",
            verify_url=f"https://olymp.selenga-edu.ru/v/{i * 7919 % 10**10:010d}",
            full_name=f"{SURNAMES[i % len(SURNAMES)]} {GIVEN[i % len(GIVEN)]}",
            school=SCHOOLS[i % len(SCHOOLS)],
            grade=5 + i % 7,
            olympiad=OLYMPIAD,
            year="2020-2021",
            status=STATUS.get(kind, "победитель"),
            place=(i % 3) + 1,
            issued_on=date(2021, 3, 15),
            participant="Петров Иван, 8 класс" if kind is Kind.MENTOR else "",
        )


# ---------------------------------------------------------------- child processes


def with_images(designs: dict[Kind, Design]) -> dict[Kind, Design]:
    """A logo, a stamp photographed large and a signature, as an organiser uploads them."""
    from PIL import Image, ImageDraw

    def png(size: tuple[int, int], draw) -> bytes:
        picture = Image.new("RGBA", size, (0, 0, 0, 0))
        draw(ImageDraw.Draw(picture))
        out = io.BytesIO()
        picture.save(out, "PNG")
        return out.getvalue()

    scrawl = [(30 + 8 * i, 150 + (i % 9) * 12) for i in range(100)]
    logo = png((600, 600), lambda d: d.ellipse((20, 20, 580, 580), fill=(31, 78, 121, 255)))
    stamp = png((1600, 1600), lambda d: d.ellipse((40, 40, 1560, 1560), outline=(40, 60, 170, 200),
                                                  width=40))  # fmt: skip
    signature = png((900, 300), lambda d: d.line(scrawl, fill=(20, 30, 110, 255), width=8))
    return {k: dataclasses.replace(d, logo=logo, stamp=stamp, signature=signature)
            for k, d in designs.items()}  # fmt: skip


def run_ours(mode: str, count: int, out) -> None:
    designs = default_designs()
    if mode.endswith("-images"):
        designs, mode = with_images(designs), mode.removesuffix("-images")
    if mode == "merged":
        render_merged(certificates(count), designs, out)
    elif mode in ("zip", "zip-one"):  # zip-one: in this process only, as before issue 20
        workers = 1 if mode == "zip-one" else None
        named = ((f"{i:05d}.pdf", c) for i, c in enumerate(certificates(count)))
        render_zip(named, designs, out, workers=workers)
    else:  # ReportLab's canvas keeps every page until save(): the reference for memory
        from reportlab.pdfgen.canvas import Canvas

        from olympiad.pdf.certificates.layout import plan
        from olympiad.pdf.certificates.page import draw_page
        from olympiad.pdf.certificates.static import draw_static

        canvas, done = Canvas(out, pageCompression=1), set()
        for cert in certificates(count):
            design = designs[cert.kind]
            layout = plan(design)
            canvas.setPageSize((layout.width, layout.height))
            if cert.kind not in done:
                canvas.beginForm(cert.kind.value)
                draw_static(canvas, design, layout)
                canvas.endForm()
                done.add(cert.kind)
            canvas.doForm(cert.kind.value)
            draw_page(canvas, cert, design, layout)
            canvas.showPage()
        canvas.save()


def run_weasyprint(mode: str, count: int, out) -> None:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    designs = default_designs()
    fonts = FontConfiguration()  # @font-face works only through one
    css = CSS(string=weasyprint_css(designs), font_config=fonts)

    def pdf(pages: list[str]) -> bytes:
        page = HTML(string="".join(pages), base_url=str(ROOT))
        return page.write_pdf(stylesheets=[css], font_config=fonts)

    if mode == "merged":
        out.write(pdf([html_page(c, designs[c.kind]) for c in certificates(count)]))
        return
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for i, cert in enumerate(certificates(count)):
            archive.writestr(f"{i:05d}.pdf", pdf([html_page(cert, designs[cert.kind])]))


def weasyprint_css(designs: dict[Kind, Design]) -> str:
    """Roughly our layout in CSS: the shipped PT fonts, a double frame with a band (borders
    instead of the guilloche), the same sizes; text that does not fit just wraps."""
    fonts = "".join(
        f'@font-face {{ font-family: "PT Serif"; {style} src: url("{(FONT_DIR / n).as_uri()}") }}'
        for n, style in (("PTSerif-Regular.ttf", ""), ("PTSerif-Bold.ttf", "font-weight: bold;"),
                            ("PTSerif-Italic.ttf", "font-style: italic;"))
    )  # fmt: skip
    accents = "".join(
        f".{k.value} h1, .{k.value} .subtitle {{ color: {d.accent} }}"
        f".{k.value} .frame, .{k.value} .frame div {{ border-color: {d.accent} }}"
        for k, d in designs.items()
    )
    return (
        fonts
        + accents
        + """
    @page wide { size: A4 landscape; margin: 0 } @page tall { size: A4 portrait; margin: 0 }
    body { margin: 0; font-family: "PT Serif"; color: #1e1e1e }
    .sheet { position: relative; break-after: page; overflow: hidden }
    .landscape { page: wide; width: 297mm; height: 210mm }
    .portrait { page: tall; width: 210mm; height: 297mm }
    .frame { position: absolute; inset: 8mm; border: 2.4pt solid }
    .frame div { position: absolute; inset: 1.3mm; border: 0.7pt solid }
    .frame div div { inset: 1.2mm; border: 2.4mm double; opacity: 0.45 }
    .content { position: absolute; left: 24mm; right: 24mm; top: 19mm; bottom: 19mm;
               display: flex; flex-direction: column; text-align: center }
    .issuer { font-size: 12pt; line-height: 1.3; color: #3c3c3c }
    .divider { width: 50mm; margin: 8pt auto 0; border-top: 0.6pt solid #999 }
    h1 { font-size: 52pt; letter-spacing: 0.14em; margin: 6pt 0 0; line-height: 1.05 }
    .portrait h1 { font-size: 40pt; letter-spacing: 0.05em }
    .subtitle { font-style: italic; font-size: 25pt }
    .text { flex: 1; display: flex; flex-direction: column; justify-content: center }
    .text p { margin: 0; font-size: 15.5pt; line-height: 1.3 }
    .text .lead { font-style: italic; font-size: 15pt; color: #3c3c3c }
    .text .name { font-weight: bold; font-size: 34pt; line-height: 1.12; margin-bottom: 8pt }
    .bottom { position: relative; height: 38mm }
    .city { position: absolute; left: 0; bottom: 11mm; text-align: left; font-size: 12pt }
    .qr { position: absolute; left: 50%; margin-left: -20mm; bottom: -2mm; width: 40mm;
          font-size: 6.5pt; line-height: 1.25; color: #5a5a5a }
    .qr svg { width: 22mm; height: 22mm; display: block; margin: 0 auto 3mm }
    .qr b { font-weight: normal; font-size: 8pt; color: #1e1e1e }
    .signs { position: absolute; right: 0; bottom: 4mm; width: 45%; text-align: left }
    .portrait .signs { width: 100%; bottom: 46mm }
    .signs div { display: flex; align-items: center; margin-top: 10pt; font-size: 10pt }
    .signs span { flex: 0 0 45% }
    .signs i { flex: 0 0 24%; border-bottom: 0.5pt solid; height: 10pt; margin: 0 6pt }
    """
    )


def html_page(cert: Certificate, design: Design) -> str:
    e = html.escape
    words = wording(cert, design)
    qr = segno.make(cert.verify_url, error="m", micro=False, mask=MASK)
    text = "".join(f'<p class="lead">{e(p)}</p>' for p in words.lead)
    text += f'<p class="name">{e(words.name)}</p>' + "".join(f"<p>{e(p)}</p>" for p in words.body)
    signs = "".join(f"<div><span>{e(t)}</span><i></i>{e(n)}</div>" for t, n in design.signatories)
    issuer = "<br>".join(e(x) for x in design.issuer.splitlines())
    orientation = "landscape" if design.landscape else "portrait"
    return f"""<section class="sheet {orientation} {cert.kind.value}">
      <div class="frame"><div><div></div></div></div>
      <div class="content">
        <div class="issuer">{issuer}</div><div class="divider"></div>
        <h1>{e(design.title)}</h1><div class="subtitle">{e(design.subtitle)}</div>
        <div class="text">{text}</div>
        <div class="bottom">
          <div class="city">{e(design.city)}<br>{russian_date(cert.issued_on)}</div>
          <div class="qr">{qr.svg_inline(border=0, omitsize=True)}<b>№ {e(cert.serial)}</b><br>
            Проверить подлинность:<br>{e(cert.verify_url)}</div>
          <div class="signs">{signs}</div>
        </div>
      </div></section>"""


def child(engine: str, mode: str, count: int) -> None:
    """Warm up on one document (fonts, caches), then time `count` of them."""
    run = run_ours if engine == "ours" else run_weasyprint
    with tempfile.TemporaryFile() as out:
        run(mode, 1, out)
        out.seek(0)
        out.truncate()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall, cpu = time.perf_counter(), time.process_time()
        run(mode, count, out)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # a pool's processes, if any
        cpu += after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
        size = out.tell()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": wall, "cpu": cpu, "peak_mb": peak, "bytes": size}))


def measure(engine: str, mode: str, count: int) -> dict:
    args = [sys.executable, __file__, "--child", engine, mode, str(count)]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{engine} {mode} {count} failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


# ---------------------------------------------------------------- report


def line(label: str, count: int, r: dict) -> str:
    return (
        f"  {label:<34} {count:>5}  {r['wall']:7.2f} s  {count / r['wall']:7.0f}/s  "
        f"cpu {r['cpu']:6.2f} s ({r['cpu'] / count * 1000:5.2f} ms each)  "
        f"peak {r['peak_mb']:6.1f} MB  file {r['bytes'] / 1e6:6.1f} MB"
    )


def main(count: int) -> None:
    print(f"Certificates, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    base = measure("ours", "merged", 0)
    print(f"  an interpreter with the fonts registered: peak {base['peak_mb']:.1f} MB\n")
    results = {}
    print("ours (ReportLab, form XObject per design, QR as one path, pages streamed):")
    for mode, label in (("merged", "one merged PDF"), ("zip", "ZIP of separate PDFs")):
        for n in sorted({200, count}):
            results[mode, n] = r = measure("ours", mode, n)
            print(line(label, n, r))
    results["zip-one", count] = one = measure("ours", "zip-one", count)
    print(line("ZIP, in one process (as before)", count, one))
    ratio = results["zip", count]["wall"] / one["wall"]
    print(f"  ZIP of {count} on every core: {ratio:.2f} × the wall time of one process, "
          f"same run (goal ≤ 0.6: {'met' if ratio <= 0.6 else 'NOT met'}; "
          f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")  # fmt: skip
    n = min(count, 500)
    print(line("ZIP, logo + stamp + signature", n, measure("ours", "zip-images", n)))
    print("ReportLab's own canvas, same drawing, every page kept until save():")
    for n in sorted({200, count}):
        print(line("one merged PDF", n, measure("ours", "canvas", n)))
    for mode in ("merged", "zip"):
        small, large = results[mode, 200], results[mode, count]
        print(f"  {mode}: peak memory {small['peak_mb']:.1f} MB for 200, "
              f"{large['peak_mb']:.1f} MB for {count}")  # fmt: skip
    print()
    try:
        import weasyprint
        from weasyprint.text.ffi import harfbuzz_subset
    except ImportError:
        print("WeasyPrint is not installed (pip install -e '.[bench]'): comparison skipped.")
        return
    subsetter = "libharfbuzz-subset" if harfbuzz_subset else "fontTools (pure Python)"
    print(f"WeasyPrint {weasyprint.__version__}, fonts subset by {subsetter}:")
    for mode, n, ours, label in (
        ("merged", 100, results["merged", count], "one merged PDF"),
        ("zip", 50, results["zip", count], "ZIP of separate PDFs"),
    ):
        r = measure("weasyprint", mode, n)
        theirs, mine = r["wall"] / n, ours["wall"] / count
        print(line(label, n, r))
        cpu = r["cpu"] / n / (ours["cpu"] / count)
        print(f"    {theirs * 1000:.1f} ms a document against our {mine * 1000:.2f} ms: "
              f"{theirs / mine:.0f} times slower (CPU time: {cpu:.0f} times)")  # fmt: skip


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
