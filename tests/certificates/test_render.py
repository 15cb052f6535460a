"""Certificates: every kind renders with its Cyrillic text, the QR code reads back, long
names stay on the page, merged and zipped outputs hold every document."""

import dataclasses
import io
import re
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
import segno
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from olympiad.pdf.certificates import (
    Certificate,
    Design,
    Kind,
    default_designs,
    fit_lines,
    render_merged,
    render_one,
    render_zip,
)
from olympiad.pdf.certificates.layout import plan
from olympiad.pdf.certificates.page import height, text_blocks
from olympiad.pdf.certificates.qr import qr_rects
from olympiad.pdf.certificates.wording import wording
from olympiad.pdf.fonts import SERIF, SERIF_BOLD, register_fonts

LONG_NAME = "Константинопольская-Верхнеудинская Александра-Мария Вячеславовна"
LONG_SCHOOL = (
    "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная "
    "школа № 2 имени Героя Советского Союза Н. А. Петрова с углублённым изучением отдельных "
    "предметов» города Гусиноозёрска Селенгинского района Республики Бурятия"
)
STATUS = {
    Kind.WINNER: "победитель",
    Kind.PRIZE_WINNER: "призёр",
    Kind.PARTICIPANT: "участник",
    Kind.MENTOR: "победитель",
}
SHOWN = {**STATUS, Kind.MENTOR: "победителя"}  # the letter thanks for preparing a winner
# the letter is addressed in the dative
NAME_SHOWN = {
    **dict.fromkeys(Kind, "Иванова Мария Петровна"),
    Kind.MENTOR: "Ивановой Марии Петровне",
}

DESIGNS = default_designs()


def make_certificate(kind: Kind = Kind.WINNER, n: int = 1, **overrides) -> Certificate:
    fields = {
        "kind": kind,
        "serial": f"2020-2021/ИК/{n:04d}",
        "verify_url": f"https://olymp.example.ru/v/K7MX{n:06d}",
        "full_name": "Иванова Мария Петровна",
        "school": "МБОУ «Гусиноозёрская СОШ № 1»",
        "grade": 7,
        "olympiad": "Информационная культура школьника",
        "year": "2020-2021",
        "status": STATUS[kind],
        "place": 2,
        "issued_on": date(2021, 3, 15),
        "participant": "Петров Иван, 8 класс" if kind is Kind.MENTOR else "",
    }
    return Certificate(**{**fields, **overrides})


def page_text(data: bytes, page: int = 0) -> str:
    return " ".join(PdfReader(io.BytesIO(data)).pages[page].extract_text().split())


def assert_xref_sound(data: bytes) -> None:
    """Every offset of the cross-reference table points at its object: the streaming writer
    counts the bytes itself."""
    start = int(re.search(rb"startxref\s+(\d+)", data).group(1))
    assert data[start:].startswith(b"xref")
    entries = re.findall(rb"(\d{10}) (\d{5}) n", data[start:])
    assert entries
    for number, (offset, _) in enumerate(entries, 1):
        assert data[int(offset) :].startswith(b"%d 0 obj" % number)


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_renders_its_text(kind):
    data = render_one(make_certificate(kind), DESIGNS[kind])
    text = page_text(data)
    assert NAME_SHOWN[kind] in text
    assert SHOWN[kind] in text
    assert "2020-2021/ИК/0001" in text
    assert_xref_sound(data)
    width, h = PdfReader(io.BytesIO(data)).pages[0].mediabox.upper_right
    assert (width > h) == DESIGNS[kind].landscape


def test_the_place_shows_only_when_the_design_says_so():
    cert = make_certificate(Kind.PRIZE_WINNER, place=2)
    hidden = DESIGNS[Kind.PRIZE_WINNER]  # the default: the status says it all
    shown = dataclasses.replace(hidden, show_place=True)
    assert wording(cert, shown).body[-1] == "за II место"
    assert "место" not in " ".join(wording(cert, hidden).body)
    assert "призёр муниципального этапа олимпиады" in wording(cert, hidden).body
    assert "призёр муниципального этапа олимпиады" in page_text(render_one(cert, hidden))
    assert "за II место" in page_text(render_one(cert, shown))


def test_a_name_inside_a_sentence_gets_its_own_line():
    design = dataclasses.replace(
        DESIGNS[Kind.WINNER], body="награждается {name}, ученица {grade} класса, {school}"
    )
    words = wording(make_certificate(), design)
    assert words.lead == ["награждается"]
    assert words.body == ["ученица 7 класса, МБОУ «Гусиноозёрская СОШ № 1»"]


PDFTOPPM = shutil.which("pdftoppm")


@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm (poppler-utils) is not installed")
def test_qr_codes_read_back_as_the_verification_urls(tmp_path):
    certs = [make_certificate(Kind.WINNER, 1), make_certificate(Kind.MENTOR, 2)]
    pdf = tmp_path / "merged.pdf"
    with pdf.open("wb") as out:
        render_merged(certs, DESIGNS, out)
    subprocess.run([PDFTOPPM, "-png", "-r", "110", pdf, tmp_path / "page"], check=True)  # noqa: S603
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 2
    for cert, png in zip(certs, pages, strict=True):
        found = zxingcpp.read_barcodes(Image.open(png), formats=zxingcpp.BarcodeFormat.QRCode)
        assert [b.text for b in found] == [cert.verify_url]


def test_qr_rectangles_cover_exactly_the_dark_modules():
    payload = "https://olymp.example.ru/v/K7MX4QPR9T"
    n, rects = qr_rects(payload)
    painted = [[0] * n for _ in range(n)]
    for x, y, w, h in rects:
        for row in range(n - y - h, n - y):
            for col in range(x, x + w):
                painted[row][col] += 1
    matrix = segno.make(payload, error="m", micro=False, mask=3).matrix
    assert painted == [list(row) for row in matrix]
    assert len(rects) < n * n / 4  # runs merged: a few hundred rectangles, not 400 modules


def test_long_name_and_school_shrink_then_wrap_within_the_width():
    register_fonts()
    width = 176 * 72 / 25.4
    size, lines = fit_lines(LONG_NAME, SERIF_BOLD, 34, 20, width, 2)
    assert 20 <= size < 34 and len(lines) == 2
    assert " ".join(lines).replace("- ", "-") == LONG_NAME.replace("- ", "-")
    assert all(stringWidth(x, SERIF_BOLD, size) <= width for x in lines)
    size, lines = fit_lines(LONG_SCHOOL, SERIF, 15, 10, width, 4)
    assert size >= 10 and all(stringWidth(x, SERIF, size) <= width for x in lines)
    size, lines = fit_lines(LONG_SCHOOL, SERIF, 15, 12, width / 3, 2)  # cannot fit: cut
    assert size == 12 and len(lines) == 2 and lines[-1].endswith("…")
    assert all(stringWidth(x, SERIF, size) <= width / 3 for x in lines)


@pytest.mark.parametrize("kind", list(Kind))
def test_long_texts_stay_on_the_page_without_overlap(kind):
    design = DESIGNS[kind]
    cert = make_certificate(kind, full_name=LONG_NAME, school=LONG_SCHOOL, olympiad=LONG_SCHOOL)
    layout = plan(design)
    blocks = text_blocks(cert, design, layout)
    width = min(layout.sizes.body_width, layout.right - layout.left)
    assert height(blocks) <= layout.body_top - layout.body_bottom  # above the signatures
    for block in blocks:
        assert block.fit.size >= min(layout.sizes.name[1], layout.sizes.body[1])
        assert all(stringWidth(x, block.font, block.fit.size) <= width for x in block.fit.lines)
    shown = "Вячеславовне" if kind is Kind.MENTOR else "Вячеславовна"
    assert shown in page_text(render_one(cert, design))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="абвгдеёжзий КЛМНОП-«»№.,0123456789", max_size=120))
def test_fitted_lines_never_exceed_the_width(text):
    register_fonts()
    size, lines = fit_lines(text, SERIF, 16, 9, 150, 3)
    assert 9 <= size <= 16 and len(lines) <= 3
    assert all(stringWidth(x, SERIF, size) <= 150 for x in lines)


def test_merged_file_has_a_page_per_certificate():
    kinds = [Kind.WINNER, Kind.PRIZE_WINNER, Kind.PARTICIPANT, Kind.MENTOR]
    certs = [make_certificate(kinds[i % 4], i) for i in range(9)]
    out = io.BytesIO()
    assert render_merged(iter(certs), DESIGNS, out) == 9
    data = out.getvalue()
    assert_xref_sound(data)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 9
    assert "2020-2021/ИК/0008" in page_text(data, 8)
    assert "Петров Иван" in page_text(data, 3)
    # the static part of each design is one shared form, not drawn again on every page
    forms = {name for page in reader.pages for name in page["/Resources"]["/XObject"]}
    assert len(forms) == 4


def test_zip_holds_a_pdf_per_certificate():
    certs = [(f"{i:02d} Иванова.pdf", make_certificate(Kind.PARTICIPANT, i)) for i in range(3)]
    out = io.BytesIO()
    assert render_zip(certs, DESIGNS, out) == 3
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == [name for name, _ in certs]
        for (_, cert), name in zip(certs, archive.namelist(), strict=True):
            data = archive.read(name)
            assert data.startswith(b"%PDF-")
            assert cert.serial in page_text(data)


def test_a_big_zip_is_rendered_on_every_core_in_order():
    kinds = [Kind.WINNER, Kind.PRIZE_WINNER, Kind.PARTICIPANT, Kind.MENTOR]
    certs = [(f"{i:02d}.pdf", make_certificate(kinds[i % 4], i)) for i in range(20)]
    alone, pooled = io.BytesIO(), io.BytesIO()
    assert render_zip(certs, DESIGNS, alone, workers=1) == 20
    assert render_zip(certs, DESIGNS, pooled, workers=2, min_parallel=2) == 20
    with zipfile.ZipFile(alone) as one, zipfile.ZipFile(pooled) as two:
        assert two.namelist() == one.namelist() == [name for name, _ in certs]
        for name, cert in certs:
            assert cert.serial in page_text(two.read(name))
            assert len(two.read(name)) == len(one.read(name))


def test_a_missing_design_is_refused_before_the_pool_starts():
    certs = [(f"{i}.pdf", make_certificate(Kind.MENTOR, i)) for i in range(4)]
    designs = {k: d for k, d in DESIGNS.items() if k != Kind.MENTOR}
    with pytest.raises(ValueError, match="Благодарственное письмо"):
        render_zip(certs, designs, io.BytesIO(), workers=2, min_parallel=2)


def image_bytes(fmt: str, size: int, mode: str = "RGB") -> bytes:
    picture = Image.new(mode, (size, size), (31, 78, 121) + ((160,) if mode == "RGBA" else ()))
    out = io.BytesIO()
    picture.save(out, fmt)
    return out.getvalue()


def test_images_are_scaled_and_embedded_once_per_file():
    design = dataclasses.replace(
        DESIGNS[Kind.WINNER],
        logo=image_bytes("JPEG", 1500),  # a photo: scaled to print resolution, kept JPEG
        stamp=image_bytes("PNG", 1200, "RGBA"),  # transparent: a soft mask comes along
        signature=image_bytes("PNG", 300, "RGBA"),
    )
    out = io.BytesIO()
    render_merged([make_certificate(n=i) for i in range(3)], {Kind.WINNER: design}, out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    form = next(iter(reader.pages[0]["/Resources"]["/XObject"].values())).get_object()
    images = [x.get_object() for x in form["/Resources"]["/XObject"].values()]
    assert len(images) == 3
    assert all(x["/Width"] <= 402 for x in images)  # 34 mm at 300 dpi at most
    assert {x["/Filter"][0] for x in images} == {"/DCTDecode", "/FlateDecode"}
    assert sum("/SMask" in x for x in images) == 2
    assert len(reader.pages) == 3 and "Иванова" in page_text(out.getvalue(), 2)


def test_one_transparent_picture_in_two_slots_renders():
    # a small stamp uploaded as the logo and the signature too: embedded as it is, in three
    # sizes, each with its own transparency mask
    picture = image_bytes("PNG", 100, "RGBA")
    design = dataclasses.replace(
        DESIGNS[Kind.WINNER], logo=picture, stamp=picture, signature=picture
    )
    pdf = render_one(make_certificate(), design)
    assert "Иванова" in page_text(pdf, 0)


def test_a_kind_without_a_design_is_refused():
    with pytest.raises(ValueError, match="Нет оформления"):
        render_merged([make_certificate(Kind.MENTOR)], {Kind.WINNER: DESIGNS[Kind.WINNER]},
                      io.BytesIO())  # fmt: skip


@pytest.mark.parametrize(
    "change", [{"accent": "blue"}, {"signatories": ()}, {"signatories": (("a", "b"),) * 4}]
)
def test_a_design_checks_its_colour_and_signatories(change):
    with pytest.raises(ValueError):
        Design(**{**dataclasses.asdict(DESIGNS[Kind.WINNER]), **change})
