"""A task's key as a methodologist types it, and back: the task form and the XLSX file share it.

Every input is plain text, entered the way answers are written on an answer sheet:

- options / items / left and right columns: one per line («А) …» labels are dropped);
- correct: «Б» or «АВ»; pairs: «1-Б, 2-А»; order: «ВАГБ» (or numbers: «2», «1 3», «3142»);
- accepted: the accepted short answers, one per line;
- value and tolerance: numbers with a comma or a dot;
- criteria: one per line, «Название | макс. балл | описание»;
- mode: a scoring mode, by its code or its Russian name.

No Flask here: errors come back in Russian, keyed by the input they belong to.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from olympiad.domain.normalise import parse_number
from olympiad.domain.task_keys import (
    LETTERS,
    MAX_ITEMS,
    MODE_LABELS,
    MODES,
    TaskType,
    format_points,
    key_answer,
    points_errors,
    validate_key,
)
from olympiad.domain.typed_answers import format_answer, parse_typed_answer

T = TaskType

INPUTS: dict[TaskType, tuple[str, ...]] = {
    T.SINGLE_CHOICE: ("options", "correct"),
    T.MULTIPLE_CHOICE: ("options", "correct", "mode"),
    T.MATCHING: ("left", "right", "pairs", "mode"),
    T.ORDERING: ("items", "order", "mode"),
    T.SHORT_ANSWER: ("accepted",),
    T.NUMBER: ("value", "tolerance"),
    T.OPEN: ("criteria",),
}
ALL_INPUTS = ("options", "correct", "left", "right", "pairs", "items", "order")
ALL_INPUTS += ("accepted", "value", "tolerance", "criteria", "mode")

# validate_key's messages start with the name of what they are about
_ROUTES = (
    ("Варианты ответа", "options"),
    ("Левый столбец", "left"),
    ("Правый столбец", "right"),
    ("Пары", "pairs"),
    ("Элементы уже", "order"),
    ("Элементы", "items"),
    ("Правильный порядок", "order"),
    ("Правильный ответ №", "accepted"),
    ("Правильные ответы №", "accepted"),
    ("Укажите хотя бы один правильный", "accepted"),
    ("Правильный ответ:", "value"),
    ("Погрешность", "tolerance"),
    ("Критери", "criteria"),
    ("Сумма баллов", "criteria"),
    ("Способ оценивания", "mode"),
    ("Максимальный балл", "max_points"),
)
_LABEL = re.compile(r"^\s*([^\W_]{1,2})\s*[).]\s+(.*)$")
_EXAMPLES = {
    T.SINGLE_CHOICE: "«Б»",
    T.MULTIPLE_CHOICE: "«АВ»",
    T.MATCHING: "«1-Б, 2-А, 3-В»",
    T.ORDERING: "«ВАГБ»",
}


@dataclass
class KeyResult:
    """The key and the maximum built from the inputs, or the errors keyed by input name."""

    key: dict[str, Any] | None = None
    max_points: int | float | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)  # not read: another input is wrong first

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)


def lines(text: str | None) -> list[str]:
    """Non-empty lines, trimmed; a list pasted with «А) », «1. » labels loses them."""
    found = [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]
    labels = [_LABEL.match(line) for line in found]
    expected = [(LETTERS[i] if i < MAX_ITEMS else "", str(i + 1)) for i in range(len(found))]
    if found and all(
        m and m.group(1).upper() in pair and m.group(2)
        for m, pair in zip(labels, expected, strict=True)
    ):
        return [m.group(2) for m in labels if m]
    return found


def json_number(value: Decimal) -> int | float:
    """3 -> 3, 2.50 -> 2.5: what the key and the maximum store."""
    return int(value) if value == value.to_integral_value() else float(value)


def parse_points(text: str | None, what: str = "Максимальный балл") -> tuple[Any, str | None]:
    number = parse_number(text or "")
    if number is None:
        return None, f"{what}: нужно число, например 2 или 2,5."
    value = json_number(number)
    errors = points_errors(value, what)
    return (None, errors[0]) if errors else (value, None)


def build_key(task_type: object, inputs: Mapping[str, str | None], max_points: str) -> KeyResult:
    """Inputs of one task type -> its key (validated by task_keys.validate_key)."""
    kind = TaskType(task_type)
    result = KeyResult()
    text = {name: (inputs.get(name) or "").strip() for name in INPUTS[kind]}
    key = _BUILDERS[kind](text, result)
    if "mode" in text:
        key["mode"] = _mode(kind, text["mode"], result)
    total = None
    if kind is T.OPEN and isinstance(key["criteria"], list):
        total = json_number(sum((Decimal(repr(c["max"])) for c in key["criteria"]), Decimal(0)))
    points: Any = None
    if max_points.strip():
        points, error = parse_points(max_points)
        if error:
            result.add("max_points", error)
    elif total:
        points = total
    else:
        result.add("max_points", "Укажите максимальный балл.")
    failed = set(result.errors) | result.skipped
    checked = points if points is not None else (total or 1)
    for message in validate_key(kind, key, checked):
        name = _route(kind, message)
        if name not in failed:
            result.add(name, message)
    if not result.errors:
        result.key, result.max_points = key, points
    return result


def key_inputs(task_type: object, key: Mapping[str, Any]) -> dict[str, str]:
    """A stored key as the inputs that build it again."""
    kind = TaskType(task_type)
    typed = (
        format_answer(kind, dict(key), key_answer(kind, dict(key))) if kind is not T.OPEN else ""
    )
    values: dict[str, str] = {}
    if kind in (T.SINGLE_CHOICE, T.MULTIPLE_CHOICE):
        values = {"options": "\n".join(key["options"]), "correct": typed}
    elif kind is T.MATCHING:
        values = {"left": "\n".join(key["left"]), "right": "\n".join(key["right"]), "pairs": typed}
    elif kind is T.ORDERING:
        values = {"items": "\n".join(key["items"]), "order": typed}
    elif kind is T.SHORT_ANSWER:
        values = {"accepted": "\n".join(key["accepted"])}
    elif kind is T.NUMBER:
        values = {"value": typed, "tolerance": format_number(key["tolerance"])}
    else:
        values = {
            "criteria": "\n".join(
                f"{c['title']} | {format_number(c['max'])} | {c['description']}"
                for c in key["criteria"]
            )
        }
    if kind in MODES:
        values["mode"] = key["mode"]
    return values


def format_number(value: object) -> str:
    number = parse_number(value)
    return "" if number is None else format(number.normalize(), "f").replace(".", ",")


def mode_label(mode: str) -> str:
    return MODE_LABELS.get(mode, mode)


def _route(kind: TaskType, message: str) -> str:
    for prefix, name in _ROUTES:
        if message.startswith(prefix) and (name in INPUTS[kind] or name == "max_points"):
            return name
    if message.startswith("Правильн") and "correct" in INPUTS[kind]:
        return "correct"
    return INPUTS[kind][0]


def _mode(kind: TaskType, text: str, result: KeyResult) -> str | None:
    if not text:
        return MODES[kind][0]
    for mode in MODES[kind]:
        if text.casefold() in (mode, MODE_LABELS[mode].casefold()):
            return mode
    allowed = ", ".join(f"«{MODE_LABELS[mode]}»" for mode in MODES[kind])
    result.add("mode", f"Способ оценивания «{text}» не подходит: возможны {allowed}.")
    return None


def _typed(kind: TaskType, partial_key: dict, size: int, name: str, text: str, result) -> Any:
    """The correct answer typed as on an answer sheet; None (with an error) if it is not."""
    if not text:
        result.add(name, f"Укажите правильный ответ, например {_EXAMPLES[kind]}.")
        return None
    if not 2 <= size <= MAX_ITEMS:
        result.skipped.add(name)  # the list itself is wrong: validate_key says how
        return None
    answer, error = parse_typed_answer(kind, partial_key, text)
    if error:
        result.add(name, error)
        return None
    return answer


def _choice(kind: TaskType):
    def build(text: dict[str, str], result: KeyResult) -> dict:
        options = lines(text["options"])
        key: dict[str, Any] = {"options": options}
        key["correct"] = _typed(kind, key, len(options), "correct", text["correct"], result)
        return key

    return build


def _matching(text: dict[str, str], result: KeyResult) -> dict:
    key: dict[str, Any] = {"left": lines(text["left"]), "right": lines(text["right"])}
    size = min(len(key["left"]), len(key["right"]))
    answer = _typed(T.MATCHING, key, size, "pairs", text["pairs"], result)
    key["pairs"] = None if answer is None else [[int(li), ri] for li, ri in answer.items()]
    return key


def _ordering(text: dict[str, str], result: KeyResult) -> dict:
    key: dict[str, Any] = {"items": lines(text["items"])}
    key["order"] = _typed(T.ORDERING, key, len(key["items"]), "order", text["order"], result)
    return key


def _short(text: dict[str, str], result: KeyResult) -> dict:
    return {"accepted": lines(text["accepted"])}


def _number(text: dict[str, str], result: KeyResult) -> dict:
    key: dict[str, Any] = {}
    for name, what, default in (
        ("value", "Правильный ответ", None),
        ("tolerance", "Погрешность", 0),
    ):
        if not text[name] and default is not None:
            key[name] = default
            continue
        number = parse_number(text[name])
        if number is None:
            result.add(name, f"{what}: нужно число, например 42 или 3,5.")
            key[name] = None
        elif Decimal(repr(float(number))) != number:
            result.add(name, f"{what}: слишком много значащих цифр.")
            key[name] = None
        else:
            key[name] = json_number(number)
    return key


def _open(text: dict[str, str], result: KeyResult) -> dict:
    criteria = []
    for number, line in enumerate(lines(text["criteria"]), start=1):
        parts = [part.strip() for part in line.split("|", 2)]
        if len(parts) != 3:
            result.add("criteria", f"Строка {number}: нужно «Название | макс. балл | описание».")
            continue
        points, error = parse_points(parts[1], f"Строка {number}: максимальный балл")
        if error:
            result.add("criteria", error)
            continue
        criteria.append({"title": parts[0], "max": points, "description": parts[2]})
    if not text["criteria"]:
        result.add(
            "criteria", "Добавьте хотя бы один критерий: «Название | макс. балл | описание»."
        )
    return {"criteria": None if "criteria" in result.errors else criteria}


_BUILDERS = {
    T.SINGLE_CHOICE: _choice(T.SINGLE_CHOICE),
    T.MULTIPLE_CHOICE: _choice(T.MULTIPLE_CHOICE),
    T.MATCHING: _matching,
    T.ORDERING: _ordering,
    T.SHORT_ANSWER: _short,
    T.NUMBER: _number,
    T.OPEN: _open,
}


def points_text(value: object) -> str:
    """2.5 -> '2,5' for a form field."""
    number = parse_number(value)
    return "" if number is None else format_points(number)
