"""validate_rows: every bad row reported with its line number, nothing invalid let through."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from olympiad.enrollment.columns import EXAMPLE_ROW
from olympiad.enrollment.spreadsheet import StudentData, validate_rows
from olympiad.enrollment.values import (
    NAME_RE,
    is_formula_like,
    normalize_person_name,
    parse_consent,
    parse_grade,
    parse_publication,
)

SCHOOLS = {"МБОУ «Средняя общеобразовательная школа № 1»": 1, "СОШ № 1": 1, "Гимназия № 3": 3}
GOOD = {
    "surname": "Иванов",
    "name": "Пётр",
    "patronymic": "Сергеевич",
    "school": "СОШ № 1",
    "grade_studied": "7",
    "grade_competed": "8",
    "mentor": "Петрова Анна Сергеевна",
    "consent_processing": "да",
    "consent_publication": "ФИО",
    "consent_work_publication": "нет",
}


def row(line: int, **changes) -> dict[str, str]:
    return {**GOOD, **changes, "_line": str(line)}


def check(rows, *, fixed_school_id=None, existing=()):
    return validate_rows(
        rows, schools=SCHOOLS, fixed_school_id=fixed_school_id, existing=set(existing)
    )


def test_good_row_normalised():
    raw = row(
        2,
        surname="  иванов ",
        name="ПЁТР",
        patronymic="сергеевич",
        school="мбоу средняя общеобразовательная школа №1",
        mentor=" Петрова  Анна\u00a0Сергеевна ",
    )
    preview = check([raw])
    assert preview.ok
    assert preview.students == [
        StudentData(
            surname="Иванов",
            name="Пётр",
            patronymic="Сергеевич",
            school_id=1,
            grade_studied=7,
            grade_competed=8,
            mentor="Петрова Анна Сергеевна",
            consent_processing=True,
            consent_publication="full_name",
            consent_work_publication=False,
        )
    ]


def test_defaults_grade_competed_and_consents():
    preview = check(
        [row(2, grade_competed="", consent_publication="", consent_work_publication="")]
    )
    (student,) = preview.students
    assert student.grade_competed == student.grade_studied == 7
    assert student.consent_publication == "none"
    assert student.consent_work_publication is False


BAD = [
    (dict(surname=""), "Не заполнено поле «Фамилия»"),
    (dict(name="  "), "Не заполнено поле «Имя»"),
    (dict(surname="Иванов2"), "недопустимые символы"),
    (dict(surname="Я" * 61), "Слишком длинное"),
    (dict(school=""), "Не заполнено поле «Школа»"),
    (dict(school="Школа № 99"), "Школа не найдена"),
    (dict(grade_studied=""), "Не заполнено поле «Класс обучения»"),
    (dict(grade_studied="седьмой"), "не число"),
    (dict(grade_studied="6"), "вне допустимых классов"),
    (dict(grade_studied="12", grade_competed=""), "вне допустимых классов"),
    (dict(grade_competed="abc"), "не число"),
    (dict(grade_studied="9", grade_competed="8"), "ниже класса обучения"),
    (dict(consent_processing=""), "Нет согласия"),
    (dict(consent_processing="нет"), "Нет согласия"),
    (dict(consent_processing="0"), "Нет согласия"),
    (dict(consent_processing="может быть"), "непонятное значение"),
    (dict(consent_publication="да"), "непонятное значение"),
    (dict(consent_work_publication="наверное"), "непонятное значение"),
    (dict(surname='=HYPERLINK("http://x")'), "формулы"),
    (dict(mentor="@SUM(A1)"), "формулы"),
    (dict(school="+7(900)"), "формулы"),
    (dict(patronymic="-2+3"), "формулы"),
    (dict(name=" =1+1"), "формулы"),
    ({k: EXAMPLE_ROW[k] for k in ("surname", "name", "patronymic")}, "строка-образец"),
]


@pytest.mark.parametrize(("changes", "message"), BAD, ids=[m for _, m in BAD])
def test_each_bad_row_reported_with_line_number(changes, message):
    preview = check([row(2), row(7, **changes), row(9, surname="Петров")])
    assert not preview.ok
    assert [r.line_no for r in preview.rows] == [2, 7, 9]
    bad = preview.rows[1]
    assert bad.data is None
    assert any(message in e for e in bad.errors), bad.errors
    assert not preview.rows[0].errors and not preview.rows[2].errors
    assert preview.error_count == 1


def test_all_problems_of_one_row_listed():
    preview = check([row(4, surname="", grade_studied="5", consent_processing="нет")])
    assert len(preview.rows[0].errors) == 3


def test_duplicate_within_file_caught_after_normalising():
    rows = [
        row(2),
        row(3, surname="ИВАНОВ", name="петр", patronymic=" Сергеевич ", school="СОШ №1"),
        row(4, grade_studied="8"),  # another grade: a different enrollment
        row(5, patronymic=""),  # no patronymic: a different person
    ]
    preview = check(rows)
    assert [bool(r.errors) for r in preview.rows] == [False, True, False, False]
    assert "строке 2" in preview.rows[1].errors[0]


def test_duplicate_against_existing_enrollments():
    existing = [(1, "иванов", "петр", "сергеевич", 7)]
    preview = check([row(2), row(3, school="Гимназия № 3")], existing=existing)
    assert "уже записан" in preview.rows[0].errors[0]
    assert preview.rows[1].errors == []


def test_coordinator_file_uses_own_school():
    preview = check([row(2, school=""), row(3, surname="Петров")], fixed_school_id=1)
    assert preview.ok and {s.school_id for s in preview.students} == {1}
    other = check([row(2, school="Гимназия № 3"), row(3, school="Школа № 99")], fixed_school_id=1)
    assert all("другая школа" in r.errors[0] for r in other.rows)


def test_empty_preview_is_not_ok():
    assert not check([]).ok


def test_line_numbers_default_to_position():
    rows = [{k: v for k, v in row(0).items() if k != "_line"} for _ in range(2)]
    assert [r.line_no for r in check(rows).rows] == [2, 3]


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("7", 7),
        ("11", 11),
        ("7А", 7),
        ("7 «Б»", 7),
        ("8-в класс", 8),
        ("9 кл.", 9),
        ("10 класс", 10),
    ],
)
def test_parse_grade(text, grade):
    assert parse_grade(text) == grade


@pytest.mark.parametrize("text", ["", "седьмой", "7.5", "7-8", "7 и 8", "100"])
def test_parse_grade_refuses(text):
    assert parse_grade(text) is None


def test_parse_consent_values():
    for text in ("да", "Да", "+", "1", "yes", "YES", "ИСТИНА"):
        assert parse_consent(text) is True
    for text in ("нет", "НЕТ", "-", "0", "no", "ЛОЖЬ"):
        assert parse_consent(text) is False
    assert parse_consent("может быть") is None


def test_parse_publication_forms():
    assert parse_publication("Ф.И.О.") == "full_name"
    assert parse_publication("Фамилия, инициалы") == "initials"
    assert parse_publication("только ШИФР") == "cipher_only"
    assert parse_publication("нет") == "none"
    assert parse_publication("да") is None


def test_normalize_person_name():
    assert normalize_person_name("  салтыков-щедрин ") == "Салтыков-Щедрин"
    assert normalize_person_name("ИВАНОВА") == "Иванова"
    assert normalize_person_name("мак-Грегор") == "Мак-Грегор"
    assert normalize_person_name("анна  мария") == "Анна Мария"


PIECES = ["", " ", "Иванов", "иванов", "Анна-Мария", "7", "11", "6", "12", "8а", "да", "нет"]
PIECES += ["+", "-", "=1", "@x", "+7", "ФИО", "шифр", "СОШ № 1", "Гимназия № 3", "x1", "Образцова"]


@given(st.lists(st.dictionaries(st.sampled_from(list(GOOD)), st.sampled_from(PIECES)), max_size=6))
def test_no_invalid_student_slips_through(changes):
    rows = [row(i + 2, **c) for i, c in enumerate(changes)]
    preview = check(rows)
    keys = set()
    for result in preview.rows:
        assert (result.data is None) == bool(result.errors)
        s = result.data
        if s is None:
            continue
        assert s.surname and s.name and s.consent_processing is True
        assert NAME_RE.fullmatch(s.surname) and NAME_RE.fullmatch(s.name)
        assert 7 <= s.grade_studied <= s.grade_competed <= 11
        assert s.school_id in (1, 3)
        for value in (s.surname, s.name, s.patronymic, s.mentor):
            assert not is_formula_like(value)
        key = (
            s.school_id,
            s.surname.lower(),
            s.name.lower(),
            s.patronymic.lower(),
            s.grade_studied,
        )
        assert key not in keys
        keys.add(key)
