"""Every import path runs the same text guard as the forms: a cell or line holding a control
or bidi character is refused with a message, and names must be printable on diplomas."""

import json

import pytest

from olympiad.enrollment.validation import validate_rows
from olympiad.marking.answers import InvalidEntry, read_typed
from olympiad.plan.importer import PlanImportError, parse_plan_text
from olympiad.tasks.exchange import BankImportRefused, read_json
from tests.hardening.hostile import FORBIDDEN, UNPRINTABLE_NAMES

ROW = {
    "surname": "Иванова",
    "name": "Мария",
    "patronymic": "Петровна",
    "school": "Школа № 1",
    "grade_studied": "8",
    "grade_competed": "8",
    "mentor": "Петрова А. С.",
    "consent_processing": "да",
    "consent_publication": "ФИО",
    "consent_work_publication": "нет",
}


def _preview(**changes):
    return validate_rows(
        [{**ROW, **changes}], schools={"Школа № 1": 1}, fixed_school_id=None, existing=[]
    )


def test_a_clean_row_passes():
    assert _preview().ok


@pytest.mark.parametrize("value", FORBIDDEN)
@pytest.mark.parametrize("column", ["surname", "mentor", "school", "consent_publication"])
def test_enrollment_refuses_invisible_characters(column, value):
    preview = _preview(**{column: value})
    assert not preview.ok
    assert any("недопустимый невидимый символ" in e for e in preview.rows[0].errors)


@pytest.mark.parametrize("value", UNPRINTABLE_NAMES)
def test_enrollment_refuses_names_the_diplomas_cannot_print(value):
    preview = _preview(surname=value)
    assert any("не печатается" in e and "«Фамилия»" in e for e in preview.rows[0].errors)


def test_enrollment_takes_buryat_names():
    assert _preview(surname="Өлзийхутаг", name="Һэсэгмаа", patronymic="Үлзийевна").ok


@pytest.mark.parametrize("value", FORBIDDEN)
def test_typed_answers_refuse_invisible_characters(value):
    with pytest.raises(InvalidEntry, match="недопустимый невидимый символ"):
        read_typed(None, value)


def test_plan_import_names_the_line():
    with pytest.raises(PlanImportError) as refusal:
        parse_plan_text("План работы РМО\nМетодическая тема: «Чтение\u202e»\n")
    assert "строка 2 файла" in " ".join(refusal.value.messages)


def test_task_bank_import_refuses_invisible_characters_anywhere():
    task = {
        "code": "T-1",
        "type": "single_choice",
        "topic": "Книга",
        "grades": [7],
        "difficulty": 1,
        "author": "Автор",
        "text": "Вопрос",
        "max_points": 1,
        "key": {"options": ["да\x00", "нет"], "correct": 0},
    }
    with pytest.raises(BankImportRefused) as refusal:
        read_json(json.dumps([task]).encode())
    assert "недопустимый невидимый символ" in str(refusal.value.problems)
