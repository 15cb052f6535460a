"""Task keys: what a valid key of every type is, and the messages an author gets otherwise."""

import json
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given

from olympiad.domain.task_keys import (
    AUTO_SCORED,
    KEY_FIELDS,
    MODES,
    TOPICS,
    TYPE_LABELS,
    TaskType,
    as_points,
    format_points,
    key_answer,
    points_errors,
    validate_key,
)
from olympiad.domain.task_records import validate_bank, validate_task
from tests.domain.strategies import tasks

T = TaskType
VALID = {
    T.SINGLE_CHOICE: {"options": ["журнал", "словарь"], "correct": 0},
    T.MULTIPLE_CHOICE: {"options": ["а", "б", "в"], "correct": [2, 0], "mode": "partial"},
    T.MATCHING: {
        "left": ["аннотация", "реферат"],
        "right": ["кратко о книге", "изложение содержания", "отзыв"],
        "pairs": [[1, 1], [0, 0]],
        "mode": "per_pair",
    },
    T.ORDERING: {"items": ["б", "а", "в"], "order": [1, 0, 2], "mode": "all_or_nothing"},
    T.SHORT_ANSWER: {"accepted": ["аннотация"]},
    T.NUMBER: {"value": 13, "tolerance": 0},
    T.OPEN: {
        "criteria": [
            {"title": "Порядок элементов", "max": 3, "description": "Как в ГОСТ"},
            {"title": "Пунктуация", "max": 2.5, "description": "Предписанные знаки"},
        ]
    },
}
MAX = {kind: 5.5 if kind is T.OPEN else 2 for kind in TaskType}


def errors(kind, **changes):
    return validate_key(kind, {**VALID[kind], **changes}, MAX[kind])


def test_the_type_list_and_its_labels():
    assert [t.value for t in TaskType] == [
        "single_choice",
        "multiple_choice",
        "matching",
        "ordering",
        "short_answer",
        "number",
        "open",
    ]
    assert set(TYPE_LABELS) == set(KEY_FIELDS) == set(TaskType)
    assert set(TaskType) - {T.OPEN} == AUTO_SCORED
    assert list(TOPICS) == [
        "book_library",
        "documents_reference",
        "retrieval_catalogues",
        "analytic_processing",
        "bibliographic_description",
        "presenting_work",
        "media_literacy",
    ]


@pytest.mark.parametrize("kind", list(TaskType))
def test_valid_keys_pass_and_survive_json(kind):
    assert errors(kind) == []
    assert validate_key(kind.value, json.loads(json.dumps(VALID[kind])), MAX[kind]) == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "больше 0"),
        (-1, "больше 0"),
        (0.3, "кратен 0,5"),
        (100.5, "не больше 100"),
        ("2", "числом"),
        (True, "числом"),
        (None, "числом"),
        (float("nan"), "числом"),
    ],
)
def test_max_points_must_be_a_positive_multiple_of_a_half(value, message):
    assert any(message in e for e in validate_key(T.SINGLE_CHOICE, VALID[T.SINGLE_CHOICE], value))


def test_points_helpers():
    assert as_points(Decimal("1.5")) == Fraction(3, 2)
    assert as_points(0.1) == Fraction(1, 10)
    assert as_points("1") is None
    assert format_points(Fraction(15, 2)) == "7,5"
    assert format_points(Decimal("7")) == "7"
    assert points_errors(100) == [] and points_errors(Decimal("0.5")) == []


def test_unknown_type_and_non_object_key():
    assert validate_key("essay", {}, 1) == ["Неизвестный тип задания «essay»."]
    assert "объектом" in validate_key(T.SINGLE_CHOICE, [0], 1)[0]


def test_missing_and_extra_fields():
    assert validate_key(T.MATCHING, {"left": [], "right": [], "pairs": []}, 1) == [
        "В ключе нет поля «mode»."
    ]
    assert errors(T.NUMBER, unit="см") == ["Лишнее поле ключа «unit»."]


@pytest.mark.parametrize(
    ("kind", "changes", "message"),
    [
        (T.SINGLE_CHOICE, {"options": ["один"]}, "от 2 до 10"),
        (T.SINGLE_CHOICE, {"options": [f"в{i}" for i in range(11)]}, "от 2 до 10"),
        (T.SINGLE_CHOICE, {"options": ["журнал", "  "]}, "№ 2 пустой"),
        (T.SINGLE_CHOICE, {"options": ["журнал", 5]}, "не текст"),
        (T.SINGLE_CHOICE, {"options": "журнал, словарь"}, "нужен список строк"),
        (T.SINGLE_CHOICE, {"options": ["Журнал", "журнал "]}, "№ 1 и № 2 совпадают"),
        (T.SINGLE_CHOICE, {"correct": 2}, "номером одного из вариантов"),
        (T.SINGLE_CHOICE, {"correct": -1}, "номером одного из вариантов"),
        (T.SINGLE_CHOICE, {"correct": True}, "номером одного из вариантов"),
        (T.SINGLE_CHOICE, {"correct": "0"}, "номером одного из вариантов"),
        (T.MULTIPLE_CHOICE, {"correct": []}, "хотя бы один правильный"),
        (T.MULTIPLE_CHOICE, {"correct": [0, 1, 2]}, "нужен хотя бы один неверный"),
        (T.MULTIPLE_CHOICE, {"correct": [0, 3]}, "номера 4 нет"),
        (T.MULTIPLE_CHOICE, {"correct": [0, 0]}, "номер 1 повторяется"),
        (T.MULTIPLE_CHOICE, {"correct": 0}, "нужен список номеров"),
        (T.MULTIPLE_CHOICE, {"correct": [[0]]}, "нужен список номеров"),
        (T.MULTIPLE_CHOICE, {"mode": "per_pair"}, "Способ оценивания «per_pair» не подходит"),
        (T.MATCHING, {"pairs": [[0, 0]]}, "пункт 2 слева не имеет пары"),
        (T.MATCHING, {"pairs": [[0, 0], [0, 1], [1, 2]]}, "пункт 1 слева входит в несколько"),
        (T.MATCHING, {"pairs": [[0, 0], [1, 0]]}, "пункт 1 справа входит в несколько"),
        (T.MATCHING, {"pairs": [[0, 0], [1, 3]]}, "справа нет пункта 4"),
        (T.MATCHING, {"pairs": [[0, 0], [1, 1], [2, 2]]}, "слева нет пункта 3"),
        (T.MATCHING, {"pairs": [[0, 0, 1], [1, 1]]}, "нужен список пар"),
        (T.MATCHING, {"pairs": {"0": 0, "1": 1}}, "нужен список пар"),
        (T.MATCHING, {"right": ["одно"]}, "Правый столбец: нужно от 2 до 10"),
        (T.MATCHING, {"mode": "partial"}, "не подходит"),
        (T.ORDERING, {"order": [1, 0]}, "все 3 элементов"),
        (T.ORDERING, {"order": [1, 1, 2]}, "номер 2 повторяется"),
        (T.ORDERING, {"order": [1, 0, 3]}, "номера 4 нет"),
        (T.ORDERING, {"order": [0, 1, 2]}, "перемешайте"),
        (T.ORDERING, {"items": ["б", "а", "б"]}, "совпадают"),
        (T.SHORT_ANSWER, {"accepted": []}, "хотя бы один правильный ответ"),
        (T.SHORT_ANSWER, {"accepted": "аннотация"}, "хотя бы один правильный ответ"),
        (T.SHORT_ANSWER, {"accepted": ["«»", "ответ"]}, "№ 1 пустой"),
        (T.SHORT_ANSWER, {"accepted": ["Ёлка", "елка."]}, "после нормализации совпадают"),
        (T.NUMBER, {"value": "13"}, "Правильный ответ: нужно число"),
        (T.NUMBER, {"value": float("inf")}, "Правильный ответ: нужно число"),
        (T.NUMBER, {"value": 1e13}, "10¹²"),
        (T.NUMBER, {"value": 0.30000000000000004}, "знаков после запятой"),
        (T.NUMBER, {"tolerance": -0.5}, "не может быть отрицательной"),
        (T.NUMBER, {"tolerance": None}, "Погрешность: нужно число"),
    ],
)
def test_key_errors(kind, changes, message):
    found = errors(kind, **changes)
    assert any(message in e for e in found), found


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ([], "от 1 до 20"),
        ("полнота", "от 1 до 20"),
        ([{"title": "Полнота", "max": 5.5}], "нужны поля title, max и description"),
        ([{"title": " ", "max": 5.5, "description": "все"}], "нет названия"),
        ([{"title": "Полнота", "max": 5.5, "description": ""}], "нет описания"),
        ([{"title": "Полнота", "max": 0, "description": "все"}], "максимальный балл"),
        ([{"title": "Полнота", "max": 1.2, "description": "все"}], "кратен 0,5"),
        (
            [
                {"title": "Полнота", "max": 3, "description": "все"},
                {"title": "полнота", "max": 2.5, "description": "все"},
            ],
            "уже есть",
        ),
        (
            [{"title": "Полнота", "max": 5, "description": "все элементы"}],
            "Сумма баллов по критериям (5) не равна максимальному баллу задания (5,5).",
        ),
    ],
)
def test_open_criteria_errors(criteria, message):
    found = errors(T.OPEN, criteria=criteria)
    assert any(message in e for e in found), found


def test_several_problems_are_reported_together():
    found = validate_key(T.SINGLE_CHOICE, {"options": ["а"], "correct": 3, "mode": "x"}, 0)
    assert len(found) == 4


def test_key_answers():
    assert key_answer(T.SINGLE_CHOICE, VALID[T.SINGLE_CHOICE]) == 0
    assert key_answer(T.MULTIPLE_CHOICE, VALID[T.MULTIPLE_CHOICE]) == [0, 2]
    assert key_answer(T.MATCHING, VALID[T.MATCHING]) == {"0": 0, "1": 1}
    assert key_answer(T.ORDERING, VALID[T.ORDERING]) == [1, 0, 2]
    assert key_answer(T.SHORT_ANSWER, VALID[T.SHORT_ANSWER]) == "аннотация"
    assert key_answer(T.NUMBER, VALID[T.NUMBER]) == 13
    with pytest.raises(ValueError, match="жюри"):
        key_answer(T.OPEN, VALID[T.OPEN])


def test_modes_default_first():
    assert MODES[T.MULTIPLE_CHOICE][0] == "partial"
    assert MODES[T.MATCHING][0] == "per_pair"
    assert MODES[T.ORDERING][0] == "all_or_nothing"


@given(tasks)
def test_generated_keys_are_valid(task):
    kind, key, top = task
    assert validate_key(kind, key, top) == []


# task records ---------------------------------------------------------------------------

RECORD = {
    "code": "T-900",
    "type": "short_answer",
    "topic": "analytic_processing",
    "grades": [7, 8],
    "difficulty": 1,
    "author": "Методическое объединение",
    "text": "Как называется краткая характеристика книги?",
    "max_points": 1,
    "key": {"accepted": ["аннотация"]},
}


def test_a_valid_record():
    assert validate_task(RECORD) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": ""}, "Шифр"),
        ({"code": "T" * 21}, "Шифр"),
        ({"topic": "history"}, "Неизвестная тема «history»"),
        ({"grades": []}, "Классы"),
        ({"grades": [7, 7]}, "Классы"),
        ({"grades": [12]}, "Классы"),
        ({"grades": ["7"]}, "Классы"),
        ({"difficulty": 4}, "Сложность"),
        ({"difficulty": True}, "Сложность"),
        ({"author": " "}, "Автор"),
        ({"text": ""}, "Текст задания"),
        ({"max_points": 0}, "Максимальный балл"),
        ({"key": {"accepted": []}}, "правильный ответ"),
    ],
)
def test_record_errors(changes, message):
    found = validate_task({**RECORD, **changes})
    assert any(message in e for e in found), found


def test_record_missing_fields_and_bank():
    assert validate_task({"code": "T-1"})[0].startswith("Нет полей: type, topic")
    assert validate_task([]) == ["Задание должно быть объектом JSON."]
    assert validate_bank({}) == ["Банк заданий должен быть списком заданий."]
    problems = validate_bank([RECORD, RECORD, {**RECORD, "code": None}, 5])
    assert "Задание T-900: шифр повторяется." in problems
    assert any(p.startswith("Задание № 3: Шифр") for p in problems)
    assert any(p.startswith("Задание № 4:") for p in problems)
