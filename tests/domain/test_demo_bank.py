"""The demo task bank: every task valid, every key scoring its maximum, papers possible."""

import json
from collections import Counter
from decimal import Decimal
from importlib import resources

import pytest
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph

from olympiad.domain.scoring import score
from olympiad.domain.task_keys import AUTO_SCORED, MODES, TOPICS, TaskType, key_answer
from olympiad.domain.task_records import validate_bank, validate_task
from olympiad.domain.task_text import to_html, to_reportlab
from olympiad.domain.typed_answers import format_answer, parse_typed_answer

T = TaskType
BANK = json.loads(resources.files("olympiad.tasks").joinpath("demo_bank.json").read_text("utf-8"))
JUNIOR, SENIOR = [7, 8], [9, 10, 11]


def for_grades(grades):
    return [task for task in BANK if set(grades) <= set(task["grades"])]


def test_the_bank_is_valid_as_a_whole():
    assert validate_bank(BANK) == []
    assert len(BANK) >= 44
    assert [task["code"] for task in BANK] == [f"T-{n:03d}" for n in range(1, len(BANK) + 1)]


@pytest.mark.parametrize("task", BANK, ids=lambda task: task["code"])
def test_each_task(task):
    assert validate_task(task) == []
    assert task["grades"] in (JUNIOR, SENIOR, JUNIOR + SENIOR)
    kind = TaskType(task["type"])
    if kind in AUTO_SCORED:
        answer = key_answer(kind, task["key"])
        assert score(kind, task["key"], task["max_points"], answer) == task["max_points"]
        typed, error = parse_typed_answer(
            kind, task["key"], format_answer(kind, task["key"], answer)
        )
        assert error is None
        assert score(kind, task["key"], task["max_points"], typed) == task["max_points"]
    style = getSampleStyleSheet()["Normal"]
    for paragraph in to_reportlab(task["text"]):
        Paragraph(paragraph.markup, style)
    assert to_html(task["text"]).startswith("<p>")


def test_points_follow_the_olympiad_customs():
    for task in BANK:
        kind, key, top = TaskType(task["type"]), task["key"], Decimal(str(task["max_points"]))
        if kind is T.SINGLE_CHOICE:
            assert top == 1, task["code"]
        if kind is T.MATCHING:
            assert top == len(key["pairs"]), task["code"]
        if kind is T.OPEN:
            assert 6 <= top <= 15, task["code"]


def test_every_type_mode_topic_and_difficulty_is_used():
    assert {task["type"] for task in BANK} == set(TaskType)
    assert {task["topic"] for task in BANK} == set(TOPICS)
    assert {task["difficulty"] for task in BANK} == {1, 2, 3}
    for kind in (T.MULTIPLE_CHOICE, T.ORDERING):
        assert {t["key"]["mode"] for t in BANK if t["type"] == kind} == set(MODES[kind])


@pytest.mark.parametrize(("grades", "points"), [(JUNIOR, 60), (SENIOR, 70)])
def test_enough_tasks_for_a_paper(grades, points):
    tasks = for_grades(grades)
    assert sum(Decimal(str(task["max_points"])) for task in tasks) >= points
    assert len(tasks) >= 15
    kinds = Counter(task["type"] for task in tasks)
    assert set(kinds) == set(TaskType)
    assert {task["topic"] for task in tasks} == set(TOPICS)
