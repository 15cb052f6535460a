"""Answers typed in from a paper answer sheet, and stored answers written back as text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from olympiad.domain.scoring import canonical_answer, score
from olympiad.domain.task_keys import LETTERS, TaskType, key_answer
from olympiad.domain.typed_answers import format_answer, letter_range, parse_typed_answer
from tests.domain.strategies import answers_for, tasks

T = TaskType
SINGLE = {"options": ["а", "б", "в", "г"], "correct": 1}
MULTIPLE = {"options": ["а", "б", "в", "г", "д"], "correct": [0, 2], "mode": "partial"}
MATCHING = {
    "left": ["а", "б", "в"],
    "right": ["1", "2", "3", "4"],
    "pairs": [[0, 1], [1, 0], [2, 2]],
    "mode": "per_pair",
}
ORDERING = {"items": ["а", "б", "в", "г"], "order": [2, 0, 3, 1], "mode": "partial"}
TEN = {"options": [f"вариант {i}" for i in range(1, 11)], "correct": [0, 9], "mode": "partial"}


def test_the_alphabet_skips_yo_and_short_i():
    assert LETTERS == "АБВГДЕЖЗИК"
    assert letter_range(4) == "А–Г"


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("2", 1),
        (" 2 ", 1),
        ("Б", 1),
        ("б", 1),
        ("B", 2),  # Latin B looks like Russian В, the third letter
        ("b", 2),
        ("A", 0),
        ("Г", 3),
    ],
)
def test_single_choice(text, answer):
    assert parse_typed_answer(T.SINGLE_CHOICE, SINGLE, text) == (answer, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5", "Варианта 5 нет: варианты с 1 по 4."),
        ("0", "Варианта 0 нет"),
        ("Д", "Варианта «Д» нет: варианты А–Г."),
        ("Ё", "Варианта «Ё» нет"),
        ("Й", "Варианта «Й» нет"),
        ("M", "Варианта «М» нет"),  # Latin M is Russian М: not among the letters
        ("H", "Варианта «Н» нет"),
        ("Z", "Варианта «Z» нет"),
        ("1,2", "нужен один вариант"),
        ("АБ", "нужен один вариант"),
        ("1Б", "Не удалось разобрать «1Б»"),
        ("?", "Не удалось разобрать «?»"),
        (",", "Не удалось разобрать ответ"),
    ],
)
def test_single_choice_errors(text, message):
    answer, error = parse_typed_answer(T.SINGLE_CHOICE, SINGLE, text)
    assert answer is None and message in error


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("1,3", [0, 2]),
        ("1, 3", [0, 2]),
        ("1 3", [0, 2]),
        ("1;3", [0, 2]),
        ("13", [0, 2]),
        ("31", [0, 2]),
        ("АВ", [0, 2]),
        ("а, в", [0, 2]),
        ("AB", [0, 2]),  # Latin look-alikes
        ("1,1,3", [0, 2]),
        ("5", [4]),
    ],
)
def test_multiple_choice(text, answer):
    assert parse_typed_answer(T.MULTIPLE_CHOICE, MULTIPLE, text) == (answer, None)


def test_ten_options_need_separators_between_numbers():
    assert parse_typed_answer(T.MULTIPLE_CHOICE, TEN, "1, 10") == ([0, 9], None)
    assert parse_typed_answer(T.MULTIPLE_CHOICE, TEN, "АК") == ([0, 9], None)
    assert (
        parse_typed_answer(T.MULTIPLE_CHOICE, TEN, "110")[1]
        == "Варианта 110 нет: варианты с 1 по 10."
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [("1, Б", "или номера, или буквы"), ("16", "Варианта 6 нет"), ("АЁ", "«Ё»")],
)
def test_multiple_choice_errors(text, message):
    answer, error = parse_typed_answer(T.MULTIPLE_CHOICE, MULTIPLE, text)
    assert answer is None and message in error


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("1-Б, 2-А, 3-В", {"0": 1, "1": 0, "2": 2}),
        ("1Б2А3В", {"0": 1, "1": 0, "2": 2}),
        ("1 — б; 2 — а; 3 — в", {"0": 1, "1": 0, "2": 2}),
        ("1–Б 2–А", {"0": 1, "1": 0}),
        ("3В, 1Б", {"0": 1, "2": 2}),
        ("1:Б 2=А", {"0": 1, "1": 0}),
        ("1-B", {"0": 2}),  # Latin B is В
        ("БАВ", {"0": 1, "1": 0, "2": 2}),  # letters in the order of the left column
        ("б, а", {"0": 1, "1": 0}),
        ("1-Б, 2-Б", {"0": 1, "1": 1}),  # what the participant wrote; it scores what it scores
    ],
)
def test_matching(text, answer):
    assert parse_typed_answer(T.MATCHING, MATCHING, text) == (answer, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1-Б, 1-А", "Для пункта 1 указано несколько ответов."),
        ("4-А", "Слева нет пункта 4: пункты с 1 по 3."),
        ("0-А", "Слева нет пункта 0"),
        ("1-Д", "Справа нет варианта «Д»: варианты А–Г."),
        ("БАВГ", "Букв больше, чем пунктов слева (3)."),
        ("1-2, 2-1", "Не удалось разобрать ответ"),
        ("1-", "Не удалось разобрать ответ"),
        ("Б-А", "Не удалось разобрать ответ"),
    ],
)
def test_matching_errors(text, message):
    answer, error = parse_typed_answer(T.MATCHING, MATCHING, text)
    assert answer is None and message in error


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("3142", [2, 0, 3, 1]),
        ("3,1,4,2", [2, 0, 3, 1]),
        ("3 1 4 2", [2, 0, 3, 1]),
        ("ВАГБ", [2, 0, 3, 1]),
        ("вагб", [2, 0, 3, 1]),
        ("BAГБ", [2, 0, 3, 1]),  # Latin B and A
        ("314", [2, 0, 3]),  # the last box left empty
    ],
)
def test_ordering(text, answer):
    assert parse_typed_answer(T.ORDERING, ORDERING, text) == (answer, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [("3143", "Элемент 3 (В) указан несколько раз."), ("ВАГД", "«Д»"), ("31425", "Варианта 5")],
)
def test_ordering_errors(text, message):
    answer, error = parse_typed_answer(T.ORDERING, ORDERING, text)
    assert answer is None and message in error


@pytest.mark.parametrize("kind", [T.SINGLE_CHOICE, T.MATCHING, T.SHORT_ANSWER, T.NUMBER])
@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_an_empty_input_is_no_answer(kind, text):
    key = {T.SINGLE_CHOICE: SINGLE, T.MATCHING: MATCHING}.get(kind, {})
    assert parse_typed_answer(kind, key, text) == (None, None)


def test_short_answers_and_numbers_are_kept_as_typed():
    assert parse_typed_answer(T.SHORT_ANSWER, {}, "  «Аннотация». ") == ("«Аннотация».", None)
    assert parse_typed_answer(T.NUMBER, {}, " 3,5 ") == ("3,5", None)
    assert parse_typed_answer(T.NUMBER, {}, "около 3") == ("около 3", None)


def test_open_answers_are_not_typed_in():
    answer, error = parse_typed_answer(T.OPEN, {}, "текст")
    assert answer is None and "жюри" in error


def test_format_answer():
    assert format_answer(T.SINGLE_CHOICE, SINGLE, 1) == "Б"
    assert format_answer(T.MULTIPLE_CHOICE, MULTIPLE, [2, 0]) == "АВ"
    assert format_answer(T.MATCHING, MATCHING, {"2": 2, "0": 1}) == "1-Б, 3-В"
    assert format_answer(T.ORDERING, ORDERING, [2, 0, 3, 1]) == "ВАГБ"
    assert format_answer(T.NUMBER, {}, 3.5) == "3,5"
    assert format_answer(T.NUMBER, {}, 1e-05) == "0,00001"
    assert format_answer(T.SHORT_ANSWER, {}, "реферат") == "реферат"
    assert format_answer(T.SINGLE_CHOICE, SINGLE, None) == ""
    assert format_answer(T.SINGLE_CHOICE, SINGLE, 9) == "9"  # malformed: shown, not hidden
    assert format_answer(T.NUMBER, {}, "около 3") == "около 3"


@given(tasks.flatmap(lambda t: st.tuples(st.just(t), answers_for(t[0], t[1]))))
def test_format_then_parse_gives_the_answer_back(case):
    (kind, key, _), answer = case
    stored = canonical_answer(kind, key, answer)
    typed, error = parse_typed_answer(kind, key, format_answer(kind, key, answer))
    assert error is None
    assert canonical_answer(kind, key, typed) == stored


@given(tasks)
def test_the_key_typed_in_gets_the_max(task):
    kind, key, top = task
    typed, error = parse_typed_answer(kind, key, format_answer(kind, key, key_answer(kind, key)))
    assert error is None
    assert score(kind, key, top, typed) == score(kind, key, top, key_answer(kind, key))
