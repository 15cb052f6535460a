"""The plan importer against the association's real 2020-2021 plan, and against damage."""

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from olympiad.plan.importer import (
    ParsedMeeting,
    PlanImportError,
    match_school,
    parse_plan_docx,
    parse_plan_file,
    parse_plan_text,
)

SEED_BYTES = (Path(__file__).parent / "data" / "rmo-plan-2020-2021.txt").read_bytes()
SEED = SEED_BYTES.decode("utf-8")


@pytest.fixture(scope="module")
def plan():
    return parse_plan_text(SEED)


def seed_docx(*, word_table: bool = True, split_points: bool = False) -> bytes:
    """The seed as a .docx: paragraphs, and the meetings as a Word table or tabbed lines."""
    document = docx.Document()
    table = None
    for line in SEED.splitlines():
        if "\t" not in line:
            table = None
            if line.strip():
                document.add_paragraph(line)
        elif not word_table:
            document.add_paragraph(line)
        else:
            cells = line.split("\t")
            if table is None:
                table = document.add_table(rows=0, cols=len(cells))
            row = table.add_row()
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
            if split_points and cells[0] != "№":  # one point per paragraph, as Word users do
                first, second = re.split(r"\s(?=2\. )", cells[5])
                row.cells[5].text = first
                row.cells[5].add_paragraph(second)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def damaged(old: str, new: str) -> str:
    assert old in SEED
    return SEED.replace(old, new, 1)


def import_errors(text: str) -> list[str]:
    with pytest.raises(PlanImportError) as caught:
        parse_plan_text(text)
    return caught.value.messages


# --- the seed, field by field ---------------------------------------------------------------


def test_title_and_academic_year(plan):
    assert plan.title == (
        "План работы районного методического объединения педагогов-библиотекарей "
        "на 2020-2021 учебный год"
    )
    assert plan.academic_year == "2020-2021"


def test_theme_is_the_text_inside_the_outer_quotes(plan):
    assert plan.theme == (
        "Формирование единого информационно - образовательного пространства школы, "
        "обеспечивающего современные условия качественного обучения и воспитания через "
        "модернизацию работы школьной библиотеки"
    )


def test_goal(plan):
    assert plan.goal == (
        "Совершенствование профессиональной деятельности и компетентности "
        "педагогов-библиотекарей и библиотекарей при переходе на ФГОС в условиях реализации "
        "Концепции развития школьных информационно-библиотечных центров"
    )


def test_objectives(plan):
    assert plan.objectives == [
        "Повышение уровня информационной культуры педагогов-библиотекарей как основы "
        "успешной профессиональной деятельности",
        "Развитие профессиональной компетенции библиотекарей в условиях перехода на ФГОС",
        "Совершенствование традиционных и освоение новых библиотечных технологий",
    ]


@pytest.mark.parametrize(
    ("index", "number", "title", "count", "first_item"),
    [
        (0, "4.1", "Аналитическая деятельность", 3, "анализ методической деятельности"),
        (
            1,
            "4.2",
            "Информационная деятельность",
            3,
            "Ознакомление с новинками педагогической, психологической, методической и "
            "научно-популярной литературы на бумажных и электронных носителях",
        ),
        (
            2,
            "4.3",
            "Организация методической деятельности",
            3,
            "Выявление затруднений, методическое сопровождение и оказание практической "
            "помощи педагогам-библиотекарям",
        ),
        (
            3,
            "4.4",
            "Консультационная деятельность",
            1,
            "Консультирование педагогов-библиотекарей по вопросам организации деятельности "
            "библиотек и ИБЦ",
        ),
    ],
)
def test_directions(plan, index, number, title, count, first_item):
    assert len(plan.directions) == 4
    direction = plan.directions[index]
    assert (direction.number, direction.title) == (number, title)
    assert len(direction.items) == count
    assert direction.items[0] == first_item


def test_direction_items_lose_marker_and_list_punctuation(plan):
    assert plan.directions[0].items == [
        "анализ методической деятельности",
        "анализ открытых уроков и занятий внеурочной деятельности",
        "анализ деятельности РМО",
    ]


def test_first_meeting_column_by_column(plan):
    assert plan.meetings[0] == ParsedMeeting(
        number=1,
        planned_when="ноябрь",
        venue_text="МБОУ «Селенгинская СОШ»",
        topic="Цифровая трансформация деятельности школьной библиотеки",
        practical_part="Библиотечный урок, внеклассное мероприятие",
        theoretical_points=[
            "«Новые форматы работы школьной библиотеки в современных условиях»",
            "Обсуждение открытых мероприятий",
        ],
    )


def test_second_meeting_keeps_the_unclosed_venue_as_written(plan):
    assert len(plan.meetings) == 2
    assert plan.meetings[1] == ParsedMeeting(
        number=2,
        planned_when="март",
        venue_text="МБОУ «Тарбагатайская",
        topic="Развитие читательских компетенций в дистанционном формате",
        practical_part="Библиотечный урок, внеклассное мероприятие",
        theoretical_points=[
            "«Он-лайн сервисы для работы библиотеки в дистанционном режиме»",
            "Обсуждение открытых мероприятий",
        ],
    )


def test_unclosed_quote_gives_the_only_warning(plan):
    assert len(plan.warnings) == 1
    warning = plan.warnings[0]
    assert "Заседание 2" in warning
    assert "МБОУ «Тарбагатайская" in warning
    assert "кавычки" in warning


def test_work_between_meetings_including_the_last_line_without_newline(plan):
    assert not SEED.endswith("\n")
    assert plan.between_meetings == [
        "Повышение профессиональных компетенций путем участия в дистанционных семинарах, "
        "вебинарах, видеоконференциях",
        "Муниципальный этап олимпиады по информационной культуре личности",
    ]


# --- the same plan from other files ---------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        SEED_BYTES,
        b"\xef\xbb\xbf" + SEED_BYTES,
        SEED.encode("cp1251"),
        SEED.encode("utf-16"),
        SEED.replace("\n", "\r\n").encode(),
        SEED.replace(" ", "\u00a0").encode(),
    ],
    ids=["utf8", "utf8-bom", "cp1251", "utf16", "crlf", "nbsp"],
)
def test_text_encodings_and_line_endings_give_the_same_plan(plan, data):
    assert parse_plan_file("plan.txt", data) == plan


@pytest.mark.parametrize(
    "options",
    [{}, {"word_table": False}, {"split_points": True}],
    ids=["word-table", "tabbed-paragraphs", "points-as-paragraphs"],
)
def test_docx_gives_the_same_plan(plan, options):
    data = seed_docx(**options)
    assert parse_plan_docx(data) == plan
    assert parse_plan_file("план.docx", data) == plan  # dispatch by content


def test_content_decides_the_format_not_the_name(plan):
    assert parse_plan_file("plan.docx", SEED_BYTES) == plan
    assert parse_plan_file("plan.txt", seed_docx()) == plan


def test_headings_without_numbers_as_left_by_word_auto_numbering(plan):
    text = SEED
    for number in "123456":
        text = re.sub(rf"(?m)^{number}\. (?=\D)", "", text, count=1)
    assert "Методическая тема РМО:" in text.splitlines()[4][:25]
    assert parse_plan_text(text) == plan


def test_text_before_the_title_is_reported_not_lost():
    parsed = parse_plan_text("УТВЕРЖДАЮ\nНачальник управления\n" + SEED)
    assert parsed.title.startswith("План работы")
    assert [(f.where, f.text) for f in parsed.unrecognised] == [
        ("строка 1 файла", "УТВЕРЖДАЮ"),
        ("строка 2 файла", "Начальник управления"),
    ]
    assert sum("Не распознано" in warning for warning in parsed.warnings) == 2


# --- damaged input --------------------------------------------------------------------------


def _zip(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Файл пуст"),
        (b" \r\n\n\t ", "Файл пуст"),
        (b"\xef\xbb\xbf", "Файл пуст"),
        (bytes(range(256)) * 8, "Файл не похож на текстовый документ или .docx"),
        (bytes(range(1, 32)) * 40, "Файл не похож на текстовый документ или .docx"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "Файл не похож на текстовый документ или .docx"),
        (_zip("mimetype"), "Файл «plan.docx» — архив, но не документ .docx"),
        (_zip("word/document.xml"), "Документ .docx повреждён и не открывается"),
        (b"PK\x03\x04" + b"\x01" * 100, "Файл «plan.docx» повреждён: архив не читается"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "в старом формате Word (.doc)"),
    ],
    ids=["empty", "blank", "bom", "binary", "controls", "png", "zip", "bad-docx", "bad-zip", "doc"],
)
def test_unreadable_files(data, message):
    with pytest.raises(PlanImportError) as caught:
        parse_plan_file("plan.docx", data)
    assert any(message in text for text in caught.value.messages), caught.value.messages


@pytest.mark.parametrize(
    ("heading", "label"),
    [
        ("1. Методическая тема РМО: «", "1. Методическая тема"),
        ("2. Цель: ", "2. Цель"),
        ("3. Задачи:", "3. Задачи"),
        ("4. Основные направления деятельности РМО.", "4. Основные направления деятельности"),
        ("5. План заседаний РМО.", "5. План заседаний"),
        ("6. Работа между заседаниями.", "6. Работа между заседаниями"),
    ],
)
def test_missing_section_is_named(heading, label):
    text = damaged(heading, "Прочее: «" if heading.endswith("«") else "Прочее ")
    assert f"Не найден раздел «{label}»" in import_errors(text)


def test_all_problems_are_reported_at_once():
    text = damaged("2. Цель: ", "").replace("3. Задачи:", "")
    assert import_errors(text) == ["Не найден раздел «2. Цель»", "Не найден раздел «3. Задачи»"]


def test_empty_section():
    lines = SEED.splitlines()
    text = "\n".join(lines[:10] + lines[15:])  # objectives 1-3 removed
    assert "Раздел «3. Задачи» пуст" in import_errors(text)


def test_meeting_row_with_missing_columns_names_row_and_line():
    text = damaged("\tмарт\tМБОУ «Тарбагатайская\t", "\tмарт МБОУ «Тарбагатайская ")
    assert import_errors(text) == [
        "Строка 3 таблицы заседаний (строка 51 файла): ожидалось 6 столбцов, найдено 4; "
        "проверьте табуляции между столбцами"
    ]


def test_meeting_row_in_a_word_table_with_missing_columns():
    document = docx.Document(io.BytesIO(seed_docx()))
    row = document.tables[0].rows[2]
    for cell in row.cells[3:]:
        cell._tc.getparent().remove(cell._tc)
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(PlanImportError) as caught:
        parse_plan_docx(buffer.getvalue())
    assert caught.value.messages == [
        "Строка 3 таблицы заседаний: ожидалось 6 столбцов, найдено 3; добавьте недостающие ячейки"
    ]
    assert "табуляц" not in caught.value.messages[0]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("на 2020-2021 учебный", "на текущий учебный", "не найден учебный год"),
        ("на 2020-2021 учебный", "на 2020-2022 учебный", "Учебный год «2020-2022» указан неверно"),
    ],
    ids=["no-year", "bad-year"],
)
def test_damaged_structure(old, new, message):
    errors = import_errors(damaged(old, new))
    assert any(message in error for error in errors), errors


@pytest.mark.parametrize(
    ("old", "new", "reported"),
    [
        ("\n2.\tмарт", "\nвторое\tмарт", ("строка 51 файла, столбец 1", "второе")),
        ("Место проведения\t", "Время\t", ("строка 49 файла, столбец 3", "Время")),
        ("\n1.\tноябрь", "\nСм. таблицу ниже\n1.\tноябрь", ("строка 50 файла", "См. таблицу ниже")),
        (
            "4.1. Аналитическая",
            "Кратко о главном.\n\n4.1. Аналитическая",
            ("строка 19 файла", "Кратко о главном."),
        ),
    ],
    ids=["number", "header", "stray-line", "before-direction"],
)
def test_odd_text_is_reported_not_lost(old, new, reported):
    parsed = parse_plan_text(damaged(old, new))
    assert reported in [(f.where, f.text) for f in parsed.unrecognised]
    assert any(reported[1] in warning for warning in parsed.warnings)


def test_a_repeated_meeting_number_is_renumbered_with_a_warning():
    parsed = parse_plan_text(damaged("\n2.\tмарт", "\n1.\tмарт"))
    assert [m.number for m in parsed.meetings] == [1, 2]
    assert "Заседание № 1 встречается дважды: второе получит № 2" in parsed.warnings


def test_meetings_section_without_rows():
    lines = SEED.splitlines()
    text = "\n".join(lines[:48] + lines[51:])
    assert "Раздел «5. План заседаний» пуст" in import_errors(text)


def test_error_carries_every_message_and_reads_in_russian():
    error = PlanImportError(["Файл пуст", "Не найден раздел «2. Цель»"])
    assert error.messages == ["Файл пуст", "Не найден раздел «2. Цель»"]
    assert str(error) == "Файл пуст; Не найден раздел «2. Цель»"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_plan_or_a_russian_message(data):
    try:
        parse_plan_file("upload", data)
    except PlanImportError as error:
        assert error.messages
        assert all(re.search("[А-Яа-яЁё]", message) for message in error.messages)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(SEED.splitlines(keepends=True)), max_size=60))
def test_shuffled_seed_lines_never_crash(lines):
    try:
        parse_plan_text("".join(lines))
    except PlanImportError as error:
        assert error.messages


# --- matching the venue to the school registry -----------------------------------------------

MBOU = "Муниципальное бюджетное общеобразовательное учреждение"
SCHOOLS = [
    (1, f"{MBOU} «Тарбагатайская средняя общеобразовательная школа»", "МБОУ «Тарбагатайская СОШ»"),
    (2, f"{MBOU} «Селенгинская средняя общеобразовательная школа»", "МБОУ «Селенгинская СОШ»"),
    (3, f"{MBOU} «Берёзовская основная общеобразовательная школа»", "МБОУ «Берёзовская ООШ»"),
    (4, "МАОУ «Гимназия № 1»", "Гимназия № 1"),
    (5, "МАОУ «Гимназия № 2»", "Гимназия № 2"),
    (6, f"{MBOU} «Ильинская средняя общеобразовательная школа»", "МБОУ «Ильинская СОШ»"),
    (7, f"{MBOU} «Ильинская основная общеобразовательная школа»", "МБОУ «Ильинская ООШ»"),
]


@pytest.mark.parametrize(
    ("venue", "expected"),
    [
        ("МБОУ «Тарбагатайская", 1),
        ("МБОУ «Селенгинская СОШ»", 2),
        ('мбоу "СЕЛЕНГИНСКАЯ сош"', 2),
        ("МБОУ “Тарбагатайская СОШ”", 1),
        ("  МБОУ   «Селенгинская  СОШ »  ", 2),
        (f"{MBOU} «Селенгинская средняя общеобразовательная школа»", 2),
        ("Березовская ООШ", 3),
        ("Гимназия №1", 4),
        ("МБОУ «Ильинская ООШ»", 7),
        ("МБОУ «Ильинская»", None),  # the СОШ and the ООШ fit equally
        ("Гимназия", None),
        ("Районный дом культуры", None),
        ("МБОУ СОШ", None),
        ("", None),
    ],
)
def test_match_school(venue, expected):
    assert match_school(venue, SCHOOLS) == expected


def test_match_school_with_an_empty_registry():
    assert match_school("МБОУ «Селенгинская СОШ»", []) is None
