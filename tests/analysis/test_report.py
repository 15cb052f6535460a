"""The annual report says what its tables say: every number of the olympiad's paragraph is
recomputed here from the results export; the olympiad is found through the plan's item; the
document has the official form; the Word version is office-ready."""

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from olympiad.analysis.report import annual_report
from olympiad.analysis.word import build_annual_docx
from olympiad.extensions import db
from olympiad.models import Attendance, Plan, PlanItem, PlanSection
from olympiad.pdf.annual_report import Text, build_annual_report
from olympiad.results.records import records
from olympiad.results.tables import rating_tables
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.results import scene as results_scene

TITLE = "План работы районного методического объединения педагогов-библиотекарей на 2020-2021 учебный год"  # noqa: E501


@pytest.fixture
def scene(make_olympiad, make_participant, make_school, make_user):  # noqa: F811
    scene = results_scene.build(make_olympiad, make_participant, make_school, make_user)
    scene.people["Ёлкин"].attendance = Attendance.DISQUALIFIED  # came, but is not ranked
    olympiad = scene.olympiad
    olympiad.held_on = date(2021, 2, 12)
    olympiad.final_order, olympiad.final_order_date = "112-од", date(2021, 3, 22)
    plan = Plan(academic_year=olympiad.academic_year, title=TITLE, theme="Тема", goal="Цель")
    plan.items = [PlanItem(section=PlanSection.BETWEEN_MEETINGS, position=1, text="Олимпиада")]
    db.session.add(plan)
    db.session.flush()
    olympiad.plan_item_id = plan.items[0].id
    db.session.commit()
    scene.plan = plan
    return scene


def _summary(report) -> str:
    return next(b.text for b in report.blocks if isinstance(b, Text) and "Заявлено" in b.text)


def _ru(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def test_every_number_of_the_paragraph_is_recomputed_from_the_results_export(scene):
    rows = records(scene.olympiad, rating_tables(scene.olympiad))
    present = [r for r in rows if r["attendance"] == "present"]
    absent = [r for r in rows if r["attendance"] == "absent"]
    disqualified = [r for r in rows if r["attendance"] == "disqualified"]
    winners = [r for r in present if r["status"] == "winner"]
    prize = [r for r in present if r["status"] == "prize_winner"]
    schools = {r["school"] for r in rows}
    average = sum(r["percent"] for r in present) / len(present)
    share = lambda part: _ru(100 * len(part) / len(present))  # noqa: E731
    expected = (
        f"Заявлено {len(rows)} обучающихся из {len(schools)} школ, участвовали {len(present)}, "
        f"не явились {len(absent)}, дисквалифицирован {len(disqualified)}. "
        f"Победителей — {len(winners)} ({share(winners)}% участников), "
        f"призёров — {len(prize)} ({share(prize)}%), "
        f"всего победителей и призёров — {len(winners) + len(prize)} "
        f"({share(winners + prize)}%). Средний результат — {_ru(average)}% от максимального "
        f"балла. Итоги утверждены приказом от 22.03.2021 № 112-од."
    )
    text = _summary(annual_report(scene.plan))
    assert text.startswith("Олимпиада проведена 12 февраля 2021 г.")
    assert expected in text
    assert (len(absent), len(disqualified)) == (1, 1)  # the disqualified one is not «absent»


def test_the_olympiad_comes_through_the_plan_item(scene):
    assert any(
        isinstance(b, Text) and "Заявлено" in b.text for b in annual_report(scene.plan).blocks
    )
    scene.olympiad.plan_item_id = None
    db.session.commit()
    report = annual_report(scene.plan)
    assert not any(isinstance(b, Text) and "Заявлено" in b.text for b in report.blocks)


def test_official_form_of_the_pdf(scene):
    report = annual_report(scene.plan)
    assert report.title == (
        "Анализ работы районного методического объединения педагогов-библиотекарей "
        "за 2020-2021 учебный год"
    )
    reader = PdfReader(io.BytesIO(build_annual_report(report)))
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    assert all(f"стр. {n} из {len(pages)}" in text for n, text in enumerate(pages, 1))
    assert "Руководитель РМО" in pages[-1] and "2021 г." in pages[-1]
    assert "школьных библиотекарей" not in " ".join(pages)


def test_word_version_is_office_ready(scene):
    document = Document(io.BytesIO(build_annual_docx(annual_report(scene.plan))))
    assert document.styles["Normal"].font.name == "Times New Roman"
    for name in ("Heading 1", "Heading 2"):
        style = document.styles[name]
        assert style.font.name == "Times New Roman" and str(style.font.color.rgb) == "000000"
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    for table in document.tables[:-1]:  # the last one is the signature block
        assert "tblHeader" in table.rows[0]._tr.xml
        assert 'w:type="fixed"' in table._tbl.xml


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_word_version_opens_in_libreoffice_and_every_page_renders(scene, tmp_path):
    source = tmp_path / "report.docx"
    source.write_bytes(build_annual_docx(annual_report(scene.plan)))
    subprocess.run(  # noqa: S603
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp_path, source],  # noqa: S607
        check=True,
        capture_output=True,
        timeout=240,
    )
    reader = PdfReader(tmp_path / "report.pdf")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Анализ работы районного методического объединения" in text
    assert f"стр. 1 из {len(reader.pages)}" in text
    assert re.search(r"Победителей — \d+ \(\d+,\d%", text)
    pages = ["pdftoppm", "-png", "-r", "30", tmp_path / "report.pdf", tmp_path / "p"]
    subprocess.run(pages, check=True)  # noqa: S603
    assert len(list(tmp_path.glob("p-*.png"))) == len(reader.pages)


def test_web_charts_keep_their_text_widths_whatever_font_the_browser_has():
    from olympiad.analysis import charts
    from olympiad.domain.statistics import Count

    counts = [Count("Гусиноозёрская СОШ № 1", 15, 15, 0, 2, 8, 73.44)]
    drawn = charts.svg(charts.schools(counts, 60.0, "Средний %"))
    texts = re.findall(r"<text [^>]*>[^<]*</text>", drawn)
    assert texts and all('lengthAdjust="spacingAndGlyphs"' in t for t in texts)
    assert ">73,4<" in drawn  # decimal comma on the chart too


def test_word_version_carries_the_charts_of_the_pdf(scene):
    from olympiad.pdf.annual_report import Chart, ChartRow

    report = annual_report(scene.plan)
    drawings = sum(
        1 if isinstance(b, Chart) else len(b.drawings)
        for b in report.blocks
        if isinstance(b, Chart | ChartRow)
    )
    document = Document(io.BytesIO(build_annual_docx(report)))
    assert drawings and len(document.inline_shapes) == drawings
    assert "Диаграммы — в PDF" not in " ".join(p.text for p in document.paragraphs)
    assert any(p.text.startswith("Рис. 1.") for p in document.paragraphs)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils is not installed")
def test_a_chart_drawn_for_word_looks_like_the_same_chart_in_the_pdf(tmp_path):
    from PIL import Image, ImageChops, ImageStat
    from reportlab.graphics import renderPDF

    from olympiad.analysis import charts
    from olympiad.domain.statistics import Count
    from olympiad.pdf.raster import drawing_png

    counts = [
        Count("Гусиноозёрская гимназия", 10, 9, 1, 1, 2, 62.5),
        Count("Саянтуйская СОШ", 10, 9, 1, 0, 1, 35.0),
    ]
    drawing = charts.schools(counts, 48.7, "Средний % от максимума")
    word = Image.open(io.BytesIO(drawing_png(drawing, dpi=100))).convert("L")
    renderPDF.drawToFile(drawing, str(tmp_path / "chart.pdf"))
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "100", tmp_path / "chart.pdf", tmp_path / "c"],  # noqa: S607
        check=True,
    )
    pdf = Image.open(next(tmp_path.glob("c*.png"))).convert("L").resize(word.size)
    difference = ImageStat.Stat(ImageChops.difference(word, pdf)).mean[0]
    assert difference < 8, f"the Word chart differs from the PDF's by {difference:.1f} a pixel"
    assert ImageStat.Stat(word).mean[0] < 250  # something is drawn at all
