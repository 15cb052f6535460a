"""Plans as people write them: every shape imports with nothing lost, or is refused with a
message that says what to change. «Nothing lost» is checked against an independent count of
the source's non-empty lines and cells: each is stored (its words are in the plan), a column
header, or reported in the preview."""

import io
import re

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from olympiad.domain.plan_numbers import may_be_olympiad
from olympiad.plan.importer import PlanImportError, parse_plan_file, parse_plan_text
from olympiad.plan.ledger import REPORTED, STORED, STRUCTURE
from olympiad.plan.wording import short
from tests.plan.fixtures.build import (
    RESPONSIBLE,
    SEED,
    SHAPES,
    all_fixtures,
    other_year_docx,
    seed_docx,
)

FIXTURES = all_fixtures()
CORE = ("title", "academic_year", "theme", "goal", "objectives", "directions", "between_meetings")
# words of labels and headers, which a stored line carries besides its value
LABEL_WORDS = {"заседание", "дата", "проведения", "место", "тема", "практическая", "часть"}
LABEL_WORDS |= {"теоретическая", "ответственные", "подпись"}


@pytest.fixture(scope="module")
def seed():
    return parse_plan_text(SEED)


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{2,}", text.lower().replace("ё", "е"))}


def stored_words(plan) -> set[str]:
    texts = [plan.title, plan.theme, plan.goal, plan.author, *plan.headings.values()]
    items = [*plan.objectives, *plan.between_meetings]
    for direction in plan.directions:
        texts.append(direction.title)
        items += direction.items
    for chapter in plan.chapters:
        texts.append(chapter.heading)
        items += chapter.items
    for item in items:
        texts += [str(item), item.planned_when, item.responsible]
    for meeting in plan.meetings:
        texts += [meeting.planned_when, meeting.venue_text, meeting.topic, meeting.practical_part]
        texts += [*meeting.theoretical_points, meeting.responsible]
    return set().union(*map(words, texts))


def source_pieces(filename: str, data: bytes) -> int:
    """Non-empty lines and cells of the source, counted without the importer."""
    if not data.startswith(b"PK"):
        text = data.decode("cp1251") if b"\r\n" in data else data.decode()
        count = 0
        for line in text.splitlines():
            cells = [c for c in line.split("\t") if c.strip()]
            count += len(cells) if len(cells) > 1 else int(bool(line.strip()))
        return count
    document = docx.Document(io.BytesIO(data))
    count = sum(1 for p in document.paragraphs for part in p.text.split("\n") if part.strip())
    for table in document.tables:
        for tr in table._tbl.tr_lst:
            for tc in tr.tc_lst:
                merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
                    continue
                numbered = tc.find(f".//{qn('w:numPr')}") is not None
                count += bool("".join(tc.itertext()).strip() or numbered)
    return count


def assert_nothing_lost(filename: str, data: bytes, plan) -> None:
    """stored + structure + reported = all, and each kind is what it says."""
    assert len(plan.fragments) == source_pieces(filename, data)
    known = stored_words(plan) | LABEL_WORDS
    for fragment in plan.fragments:
        assert fragment.kind in (STORED, STRUCTURE, REPORTED)
        if fragment.kind == STORED:
            assert words(fragment.text) <= known, (fragment, words(fragment.text) - known)
        elif fragment.kind == STRUCTURE:
            assert "заголов" in fragment.role, fragment
        else:
            assert any(short(fragment.text, 80) in warning for warning in plan.warnings)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_every_fixture_imports_with_nothing_lost(name):
    data = FIXTURES[name]
    plan = parse_plan_file(name, data)
    assert_nothing_lost(name, data, plan)


@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_of_the_seed_in_word_gives_the_seed(seed, shape):
    plan = parse_plan_file("plan.docx", seed_docx(shape))
    for field in CORE:
        assert getattr(plan, field) == getattr(seed, field), field
    assert [m.topic for m in plan.meetings] == [m.topic for m in seed.meetings]
    assert [m.theoretical_points for m in plan.meetings] == [
        m.theoretical_points for m in seed.meetings
    ]
    assert [m.venue_text for m in plan.meetings] == [m.venue_text for m in seed.meetings]


def test_all_shapes_at_once(seed):
    data = FIXTURES["seed-all-shapes.docx"]
    plan = parse_plan_file("plan.docx", data)
    for field in CORE:
        assert getattr(plan, field) == getattr(seed, field), field
    assert [m.responsible for m in plan.meetings] == RESPONSIBLE
    assert [c.number for c in plan.chapters] == ["7", "8"]
    assert plan.author == "Руководитель РМО Иванова Т. В."
    assert {f.text for f in plan.unrecognised} == {
        "План заседаний РМО педагогов-библиотекарей на 2020-2021 учебный год",
        "Форма проведения",
        "семинар-практикум",
    }


def test_word_numbering_is_read_from_the_numbering_part():
    plan = parse_plan_file("plan.docx", seed_docx("word_numbering"))
    assert [d.number for d in plan.directions] == ["4.1", "4.2", "4.3", "4.4"]
    assert [m.number for m in plan.meetings] == [1, 2]
    numbered = [f for f in plan.fragments if f.role == "заседание 1: №"]
    assert numbered and numbered[0].text == "1."


def test_sections_after_the_sixth_and_the_signature_are_not_work_between_meetings():
    plan = parse_plan_file("plan.docx", seed_docx("tail"))
    assert len(plan.between_meetings) == 2
    assert [(c.number, c.heading) for c in plan.chapters] == [
        ("7", "Самообразование"),
        ("8", "Работа с молодыми специалистами"),
    ]
    assert plan.chapters[0].items == [
        "Изучение ГОСТ Р 7.0.100-2018 «Библиографическая запись»",
        "Участие в вебинарах издательства «Просвещение»",
    ]
    assert plan.author == "Руководитель РМО Иванова Т. В."


def test_inline_tasks_and_multiline_title(seed):
    plan = parse_plan_file("plan.docx", seed_docx("inline_tasks", "multiline_title"))
    assert plan.objectives == seed.objectives and len(plan.objectives) == 3
    assert plan.title == seed.title


def test_headings_are_kept_as_written():
    plan = parse_plan_file("plan.docx", other_year_docx())
    assert plan.headings == {
        "theme": "Единая методическая тема",
        "goal": "Цели",
        "objectives": "Основные задачи",
        "directions": "Направления работы",
        "meetings": "График заседаний",
        "between": "Межсекционная работа",
    }


def test_a_plan_of_another_year_and_another_structure():
    plan = parse_plan_file("plan.docx", other_year_docx())
    assert plan.academic_year == "2021-2022"
    assert plan.title == "План работы РМО школьных библиотекарей на 2021/22 учебный год"
    assert len(plan.meetings) == 4
    assert [m.responsible for m in plan.meetings][:2] == ["Петрова А. С.", "Иванова Т. В."]
    assert plan.meetings[3].venue_text == "Районная библиотека"
    assert [(str(i), i.planned_when, i.responsible) for i in plan.between_meetings] == [
        ("Неделя детской книги", "март", "библиотекари школ"),
        ("Конкурс чтецов «Живая классика»", "февраль", "Петрова А. С."),
    ]
    assert plan.author == "Руководитель РМО: Иванова Т. В."
    # the approval block is the approver's (another part of the app), reported here
    assert [f.text for f in plan.unrecognised] == [
        "УТВЕРЖДАЮ",
        "Начальник МКУ «Районное управление образования»",
    ]
    items = plan.objectives + plan.between_meetings + [i for d in plan.directions for i in d.items]
    assert not any(may_be_olympiad("between_meetings", str(item)) for item in items)


def test_item_punctuation_and_case_are_made_consistent():
    text = SEED.replace("-анализ деятельности РМО.", "-Анализ деятельности РМО;")
    plan = parse_plan_text(text)
    assert plan.directions[0].items == [
        "анализ методической деятельности",
        "анализ открытых уроков и занятий внеурочной деятельности",
        "анализ деятельности РМО",
    ]


def test_a_short_row_in_a_word_table_is_refused_without_advice_about_tabs():
    document = docx.Document(io.BytesIO(seed_docx("responsible")))
    row = document.tables[0].rows[2]
    for cell in row.cells[2:]:
        cell._tc.getparent().remove(cell._tc)
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(PlanImportError) as caught:
        parse_plan_file("plan.docx", buffer.getvalue())
    assert caught.value.messages == [
        "Строка 3 таблицы заседаний: ожидалось 7 столбцов, найдено 2; добавьте недостающие ячейки"
    ]


# --- property: columns in any order, unknown columns added: nothing lost silently -------------

UNKNOWN_HEADERS = ["Форма проведения", "Примечание", "Отметка о выполнении", "Категория"]


def _shuffled_table(order: list[int], extra: list[str], cells: list[str]) -> list[list[str]]:
    rows = [line.split("\t") for line in SEED.splitlines() if "\t" in line]
    out = []
    for index, row in enumerate(rows):
        values = [row[i] for i in order]
        values += extra if index == 0 else [f"{c} {index}" for c in cells[: len(extra)]]
        out.append(values)
    return out


def _as_text(table: list[list[str]]) -> str:
    lines = SEED.splitlines()
    start = next(i for i, line in enumerate(lines) if "\t" in line)
    end = max(i for i, line in enumerate(lines) if "\t" in line)
    return "\n".join(lines[:start] + ["\t".join(row) for row in table] + lines[end + 1 :])


def _as_docx(table: list[list[str]]) -> bytes:
    document = docx.Document()
    placed = False
    for line in SEED.splitlines():
        if "\t" in line:
            if not placed:
                word = document.add_table(rows=0, cols=len(table[0]))
                for values in table:
                    for cell, text in zip(word.add_row().cells, values, strict=True):
                        cell.text = text
                placed = True
        elif line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@st.composite
def table_shapes(draw):
    order = draw(st.permutations(range(6)))
    extra = draw(st.lists(st.sampled_from(UNKNOWN_HEADERS), max_size=2, unique=True))
    cells = draw(st.lists(st.sampled_from(["очно", "онлайн", "да", "—", "см. приложение"]),
                          min_size=2, max_size=2))  # fmt: skip
    positions = [draw(st.integers(0, 6 + i)) for i in range(len(extra))]
    return list(order), extra, cells, positions


def _check_shape(seed, shape, as_bytes, filename):
    order, extra, cells, positions = shape
    table = _shuffled_table(order, extra, cells)
    for position, column in zip(positions, range(6, 6 + len(extra)), strict=True):
        for row in table:  # move the unknown column somewhere inside the table
            row.insert(min(position, len(row) - 1), row.pop(column))
    data = as_bytes(table)
    plan = parse_plan_file(filename, data)
    assert_nothing_lost(filename, data, plan)
    assert [(m.number, m.topic, m.venue_text, m.theoretical_points) for m in plan.meetings] == [
        (m.number, m.topic, m.venue_text, m.theoretical_points) for m in seed.meetings
    ]
    reported = {f.text for f in plan.unrecognised}
    assert set(extra) <= reported
    assert {text for row in table[1:] for text in row if text.split()[0] in cells} <= reported


@settings(max_examples=80, deadline=None)
@given(table_shapes())
def test_shuffled_and_unknown_columns_in_a_text_file_lose_nothing(seed, shape):
    _check_shape(seed, shape, lambda table: _as_text(table).encode(), "plan.txt")


@settings(max_examples=15, deadline=None)
@given(table_shapes())
def test_shuffled_and_unknown_columns_in_a_word_table_lose_nothing(seed, shape):
    _check_shape(seed, shape, _as_docx, "plan.docx")


def test_tasks_inline_after_the_heading_do_not_claim_other_lines():
    text = "УТВЕРЖДАЮ\n" + SEED.replace(
        "3. Задачи:", "3. Задачи: 1) Первая задача; 2) вторая задача."
    )
    plan = parse_plan_text(text)
    assert plan.objectives[:2] == ["Первая задача", "Вторая задача"]
    assert [f.text for f in plan.unrecognised] == ["УТВЕРЖДАЮ"]
    assert_nothing_lost("plan.txt", text.encode(), plan)
