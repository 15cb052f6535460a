"""Rules of the online round: windows, deadlines, extensions, idle participants, and the
screen's fields read into answers that score exactly as typed-in sheet answers do."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from olympiad.domain import online as rules
from olympiad.domain.online import (
    GRACE,
    AttemptState,
    FieldError,
    Window,
    WindowProblem,
    WindowState,
)
from olympiad.domain.scoring import score
from olympiad.domain.typed_answers import parse_typed_answer

T0 = datetime(2021, 2, 12, 2, 0, tzinfo=UTC)  # 10:00 in Buryatia
WINDOW = Window(T0, T0 + timedelta(hours=3), 60)
MIN = timedelta(minutes=1)


def test_window_is_open_from_its_start_until_just_before_its_end():
    assert rules.window_state(WINDOW, T0 - MIN) == WindowState.BEFORE
    assert rules.window_state(WINDOW, T0) == WindowState.OPEN
    assert rules.window_state(WINDOW, WINDOW.ends_at - timedelta(seconds=1)) == WindowState.OPEN
    assert rules.window_state(WINDOW, WINDOW.ends_at) == WindowState.CLOSED


def test_deadline_is_the_limit_unless_the_window_ends_first_plus_extensions():
    assert rules.deadline(WINDOW, T0 + 10 * MIN) == T0 + 70 * MIN
    late = T0 + 150 * MIN  # 30 minutes before the window closes
    assert rules.deadline(WINDOW, late) == WINDOW.ends_at
    assert rules.deadline(WINDOW, late, extra_minutes=15) == WINDOW.ends_at + 15 * MIN
    assert rules.deadline(WINDOW, T0, extra_minutes=5) == T0 + 65 * MIN


@given(
    start=st.integers(0, 179),
    limit=st.integers(5, 180),
    extra=st.integers(0, 240),
)
def test_deadline_never_passes_the_window_or_the_limit_but_by_the_extension(start, limit, extra):
    window = Window(T0, T0 + timedelta(hours=3), limit)
    started = T0 + start * MIN
    due = rules.deadline(window, started, extra)
    assert due - extra * MIN <= window.ends_at
    assert due - extra * MIN <= started + limit * MIN
    assert due > started or (due == started and extra == 0)


def test_saves_are_accepted_until_the_deadline_and_its_grace():
    due = T0 + 60 * MIN
    assert rules.accepts_saves(due, due)
    assert rules.accepts_saves(due, due + GRACE)
    assert not rules.accepts_saves(due, due + GRACE + timedelta(microseconds=1))
    assert rules.is_due(due, due + GRACE + timedelta(seconds=1))
    assert not rules.is_due(due, due)


def test_time_left_counts_down_to_zero_never_below():
    due = T0 + 60 * MIN
    assert rules.time_left(due, T0) == 60 * MIN
    assert rules.time_left(due, due + MIN) == timedelta(0)
    assert rules.clock(timedelta(seconds=3725)) == "1:02:05"
    assert rules.clock(timedelta(seconds=65)) == "1:05"
    assert rules.clock(timedelta(seconds=-3)) == "0:00"


def test_states_of_an_attempt():
    due = T0 + 60 * MIN
    state = rules.attempt_state
    assert state(None, None, None, None, T0) == AttemptState.NOT_STARTED
    assert state(T0, None, T0 + 2 * MIN, due, T0 + 5 * MIN) == AttemptState.WRITING
    assert state(T0, None, T0 + 2 * MIN, due, T0 + 8 * MIN) == AttemptState.IDLE
    assert state(T0, None, T0 + 59 * MIN, due, due) == AttemptState.DUE
    assert state(T0, T0 + 30 * MIN, T0 + 30 * MIN, due, due) == AttemptState.SUBMITTED
    # idle is "more than" the limit, and the limit can be chosen
    assert state(T0, None, T0, due, T0 + 5 * MIN) == AttemptState.WRITING
    assert state(T0, None, T0, due, T0 + 2 * MIN, idle_after=MIN) == AttemptState.IDLE


def test_window_problems():
    assert rules.window_problems(WINDOW, T0 - MIN) == []
    assert rules.window_problems(WINDOW, T0) == [WindowProblem.STARTED]
    assert rules.window_problems(Window(T0, T0, 60)) == [WindowProblem.ORDER]
    assert rules.window_problems(Window(T0, T0 + 30 * MIN, 60)) == [WindowProblem.SHORT]
    assert rules.window_problems(Window(T0, T0 + 30 * MIN, 4)) == [WindowProblem.LIMIT]
    assert WindowProblem.LIMIT in rules.window_problems(Window(T0, T0 + 9 * 60 * MIN, 601))


OPTIONS = ["каталог", "формуляр", "указатель", "словарь"]
KEYS = {
    "single_choice": {"options": OPTIONS, "correct": 1},
    "multiple_choice": {"options": OPTIONS, "correct": [0, 2], "mode": "partial"},
    "matching": {
        "left": ["автор", "заглавие", "год"],
        "right": ["Пушкин", "Евгений Онегин", "1833", "Москва"],
        "pairs": [[0, 0], [1, 1], [2, 2]],
        "mode": "per_pair",
    },
    "ordering": {"items": ["А", "Б", "В", "Г"], "order": [2, 0, 3, 1], "mode": "all_or_nothing"},
    "short_answer": {"accepted": ["каталог"]},
    "number": {"value": 5.5, "tolerance": 0},
    "open": {"criteria": [{"title": "Всё", "max": 5, "description": "Образец: секрет."}]},
}


def read(kind, **fields):
    return rules.read_fields(kind, KEYS[kind], {k: v for k, v in fields.items()})


def test_fields_are_read_into_raw_answers():
    assert read("single_choice", answer=["2"]) == 2
    assert read("single_choice", answer=[""]) is None
    assert read("single_choice") is None
    assert read("multiple_choice", answer=["2", "0", "2"]) == [0, 2]
    assert read("matching", **{"pair-0": ["0"], "pair-1": [""], "pair-2": ["3"]}) == {
        "0": 0,
        "2": 3,
    }
    places = {"place-0": ["2"], "place-1": ["0"], "place-2": [""], "place-3": ["1"]}
    assert read("ordering", **places) == [2, 0, None, 1]
    assert read("short_answer", answer=["  Каталог \n"]) == "Каталог"
    assert read("open", answer=["Носов, Н. Н.\r\nПриключения"]) == "Носов, Н. Н.\nПриключения"


@pytest.mark.parametrize(
    "kind, fields",
    [
        ("single_choice", {"answer": ["4"]}),
        ("single_choice", {"answer": ["-1"]}),
        ("single_choice", {"answer": ["1", "2"]}),
        ("multiple_choice", {"answer": ["x"]}),
        ("matching", {"pair-0": ["9"]}),
        ("ordering", {"place-0": ["١"]}),  # an Arabic-Indic digit is not an index
        ("open", {"answer": ["я" * (rules.MAX_OPEN + 1)]}),
    ],
)
def test_fields_no_form_can_send_are_refused(kind, fields):
    with pytest.raises(FieldError):
        rules.read_fields(kind, KEYS[kind], fields)


@pytest.mark.parametrize(
    "kind, raw, text",
    [
        ("single_choice", 1, "Б"),
        ("multiple_choice", [0, 2], "АВ"),
        ("matching", {"0": 0, "1": 1, "2": 2}, "1-А, 2-Б, 3-В"),
        ("ordering", [2, 0, 3, 1], "ВАГБ"),
        ("short_answer", "каталог", "каталог"),
        ("number", "5,5", "5,5"),
    ],
)
def test_a_screen_answer_scores_as_the_same_answer_typed_from_a_sheet(kind, raw, text):
    key = KEYS[kind]
    value, shown = rules.sheet_answer(kind, key, raw)
    assert shown == text
    typed, error = parse_typed_answer(kind, key, text)
    assert error is None
    assert score(kind, key, 2, value) == score(kind, key, 2, typed) == 2


def test_no_answer_is_the_sheets_dash_and_a_gap_in_an_order_cannot_score():
    key = KEYS["ordering"]
    assert rules.sheet_answer("single_choice", KEYS["single_choice"], None) == (None, "-")
    assert rules.sheet_answer("multiple_choice", KEYS["multiple_choice"], []) == (None, "-")
    assert rules.sheet_answer("ordering", key, [None, None, None, None]) == (None, "-")
    assert rules.sheet_answer("ordering", key, [2, None, 3]) == (None, "В_Г")
    assert rules.sheet_answer("ordering", key, [2, 0, None, None]) == ([2, 0], "ВА")
    assert rules.sheet_answer("ordering", key, [2, 2, None, None]) == (None, "ВВ")
    assert rules.sheet_answer("number", KEYS["number"], "пять") == (None, "пять")
    with pytest.raises(ValueError):
        rules.sheet_answer("open", KEYS["open"], "текст")


def test_answered_means_something_chosen_or_typed():
    assert not rules.is_answered(None)
    assert not rules.is_answered([None, None])
    assert not rules.is_answered({})
    assert not rules.is_answered("  \n")
    assert rules.is_answered(0)
    assert rules.is_answered([None, 1])
    assert rules.is_answered("а")
