"""The printable plan: Cyrillic text that survives extraction, sections, table, page numbers."""

import dataclasses
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from olympiad.pdf.plan import (
    MEETING_HEADERS,
    DirectionBlock,
    MeetingRow,
    PlanDocument,
    build_plan_pdf,
)
from olympiad.plan.importer import parse_plan_text

SEED = (Path(__file__).parent / "data" / "rmo-plan-2020-2021.txt").read_text(encoding="utf-8")


def seed_document(**overrides) -> PlanDocument:
    parsed = parse_plan_text(SEED)
    document = PlanDocument(
        title=parsed.title,
        academic_year=parsed.academic_year,
        theme=parsed.theme,
        goal=parsed.goal,
        objectives=parsed.objectives,
        directions=[DirectionBlock(d.number, d.title, d.items) for d in parsed.directions],
        meetings=[
            MeetingRow(
                m.number,
                m.planned_when,
                m.venue_text,
                m.topic,
                m.practical_part,
                m.theoretical_points,
            )
            for m in parsed.meetings
        ],
        between_meetings=parsed.between_meetings,
    )
    return dataclasses.replace(document, **overrides)


def page_texts(pdf: bytes) -> list[str]:
    """Text of each page with line breaks and runs of spaces folded, as a reader sees it."""
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.fixture(scope="module")
def seed_pdf() -> bytes:
    return build_plan_pdf(seed_document())


def test_is_an_a4_pdf(seed_pdf):
    reader = PdfReader(io.BytesIO(seed_pdf))
    assert seed_pdf.startswith(b"%PDF")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert reader.metadata.title.startswith("План работы районного методического")


@pytest.mark.parametrize(
    "fragment",
    [
        "УТВЕРЖДАЮ",
        "План работы районного методического объединения педагогов-библиотекарей на "
        "2020-2021 учебный год",
        "1. Методическая тема РМО: «Формирование единого информационно",
        "2. Цель: Совершенствование профессиональной деятельности",
        "3. Задачи:",
        "4. Основные направления деятельности РМО.",
        "4.1. Аналитическая деятельность",
        "4.4. Консультационная деятельность",
        "анализ деятельности РМО.",
        "5. План заседаний РМО.",
        "6. Работа между заседаниями.",
        "Цифровая трансформация",
        "МБОУ «Тарбагатайская",
        "МБОУ «Селенгинская СОШ»",
        "Обсуждение открытых мероприятий.",
        "Муниципальный этап олимпиады по информационной культуре личности.",
    ],
)
def test_seed_text_is_in_the_pdf(seed_pdf, fragment):
    assert fragment in " ".join(page_texts(seed_pdf))


def test_sections_come_in_the_original_order(seed_pdf):
    text = " ".join(page_texts(seed_pdf))
    headings = [
        "1. Методическая тема РМО",
        "2. Цель",
        "3. Задачи",
        "4. Основные направления",
        "5. План заседаний",
        "6. Работа между заседаниями",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)


def test_meetings_table_has_the_original_headers(seed_pdf):
    text = " ".join(page_texts(seed_pdf))
    assert MEETING_HEADERS == (
        "№",
        "Дата проведения",
        "Место проведения",
        "Тема заседания",
        "Практическая часть",
        "Теоретическая часть",
    )
    for header in MEETING_HEADERS[1:]:
        assert header in text


def test_every_page_is_numbered_out_of_the_total(seed_pdf):
    pages = page_texts(seed_pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert f"Стр. {number} из {len(pages)}" in text


def test_long_table_repeats_its_header_on_every_page():
    meetings = [
        MeetingRow(n, "месяц", "МБОУ «Селенгинская СОШ»", f"Тема-{n:02}", "Урок", ["Доклад"] * 6)
        for n in range(1, 31)
    ]
    pages = page_texts(build_plan_pdf(seed_document(meetings=meetings)))
    table_pages = [text for text in pages if "Тема-" in text]
    assert len(table_pages) >= 3
    assert all("Теоретическая часть" in text for text in table_pages)
    assert all(f"Тема-{n:02}" in " ".join(pages) for n in range(1, 31))
    assert f"Стр. {len(pages)} из {len(pages)}" in pages[-1]


def test_approval_block_is_blank_by_default_and_filled_when_given(seed_pdf):
    blank = page_texts(seed_pdf)[0]
    assert "(подпись)" in blank
    assert "«____» ______________ 20____ г." in blank
    filled = page_texts(
        build_plan_pdf(
            seed_document(
                approved_by=["Начальник МКУ «Районное управление образования»"],
                approver_name="И. И. Иванова",
                approved_on="«31» августа 2020 г.",
            )
        )
    )[0]
    assert "Начальник МКУ «Районное управление образования»" in filled
    assert "И. И. Иванова" in filled
    assert "«31» августа 2020 г." in filled


def test_markup_characters_are_printed_not_interpreted():
    meetings = [MeetingRow(1, "май", "Школа <b> & Co", "A < B & C", "—", [])]
    text = " ".join(page_texts(build_plan_pdf(seed_document(meetings=meetings))))
    assert "Школа <b> & Co" in text
    assert "«A < B & C»" in text


def test_a_plan_without_meetings_says_so():
    text = " ".join(page_texts(build_plan_pdf(seed_document(meetings=[]))))
    assert "Заседания не запланированы." in text


def test_titles_typed_with_their_quotes_are_not_quoted_twice():
    document = seed_document(
        theme="«Своя тема»",
        meetings=[MeetingRow(1, "май", "Школа", "«Своя тема заседания»", "—", [])],
    )
    text = " ".join(page_texts(build_plan_pdf(document)))
    assert "РМО: «Своя тема»." in text
    assert "«Своя тема заседания»" in text
    assert "««" not in text
