"""Task types of the olympiad and their keys, as plain JSON data, with validation.

Keys (indices are 0-based; on paper options are lettered А, Б, В ..., see `LETTERS`):

- single_choice:   {"options": [str, ...], "correct": int}
- multiple_choice: {"options": [str, ...], "correct": [int, ...],
                    "mode": "all_or_nothing"|"partial"}
- matching:        {"left": [str, ...], "right": [str, ...], "pairs": [[li, ri], ...],
                    "mode": "per_pair"|"all_or_nothing"}  (right may hold extra distractors)
- ordering:        {"items": [str, ...], "order": [int, ...], "mode": "all_or_nothing"|"partial"}
                   (order = item indices in the correct sequence)
- short_answer:    {"accepted": [str, ...]}
- number:          {"value": float, "tolerance": float}  (absolute, inclusive)
- open:            {"criteria": [{"title": str, "max": number, "description": str}, ...]}

Validation messages are in Russian and number things from 1, as the author sees them.
"""

from __future__ import annotations

import enum
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from olympiad.domain.normalise import normalise_text, parse_number


class TaskType(enum.StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    MATCHING = "matching"
    ORDERING = "ordering"
    SHORT_ANSWER = "short_answer"
    NUMBER = "number"
    OPEN = "open"


T = TaskType

TYPE_LABELS: dict[TaskType, str] = {
    T.SINGLE_CHOICE: "Выбор одного ответа",
    T.MULTIPLE_CHOICE: "Выбор нескольких ответов",
    T.MATCHING: "Установление соответствия",
    T.ORDERING: "Установление последовательности",
    T.SHORT_ANSWER: "Краткий ответ",
    T.NUMBER: "Числовой ответ",
    T.OPEN: "Развёрнутый ответ (оценивает жюри)",
}

AUTO_SCORED = frozenset(TaskType) - {T.OPEN}

# the modes a type allows; the first one is the default for a new task
MODES: dict[TaskType, tuple[str, ...]] = {
    T.MULTIPLE_CHOICE: ("partial", "all_or_nothing"),
    T.MATCHING: ("per_pair", "all_or_nothing"),
    T.ORDERING: ("all_or_nothing", "partial"),
}

MODE_LABELS = {
    "all_or_nothing": "Всё или ничего",
    "partial": "Частичный балл",
    "per_pair": "Балл за каждую пару",
}

KEY_FIELDS: dict[TaskType, tuple[str, ...]] = {
    T.SINGLE_CHOICE: ("options", "correct"),
    T.MULTIPLE_CHOICE: ("options", "correct", "mode"),
    T.MATCHING: ("left", "right", "pairs", "mode"),
    T.ORDERING: ("items", "order", "mode"),
    T.SHORT_ANSWER: ("accepted",),
    T.NUMBER: ("value", "tolerance"),
    T.OPEN: ("criteria",),
}

TOPICS: dict[str, str] = {
    "book_library": "Книга и библиотека",
    "documents_reference": "Документы и справочные издания",
    "retrieval_catalogues": "Информационный поиск и каталоги",
    "analytic_processing": "Аналитико-синтетическая переработка информации",
    "bibliographic_description": "Библиографическое описание",
    "presenting_work": "Представление результатов работы",
    "media_literacy": "Медиа- и цифровая грамотность",
}

DIFFICULTIES: dict[int, str] = {1: "базовый", 2: "средний", 3: "повышенный"}

# Options, the right column of a matching task and the items to order are lettered on paper;
# the left column of a matching task is numbered. Ё and Й are skipped, as on Russian tests.
LETTERS = "АБВГДЕЖЗИК"
MAX_ITEMS = len(LETTERS)
MAX_POINTS = 100
MAX_CRITERIA = 20
NUMBER_LIMIT = 10**12  # numeric answers: what a person writes in a box, not scientific notation
NUMBER_PLACES = 10


def as_points(value: object) -> Fraction | None:
    """A number of points (int, float, Decimal) as an exact fraction; None if not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, float) and math.isfinite(value):
        return Fraction(Decimal(repr(value)))
    if isinstance(value, Decimal) and value.is_finite():
        return Fraction(value)
    return None


def format_points(value: Fraction | Decimal | int) -> str:
    """7 -> '7', 7.5 -> '7,5' (Russian decimal comma)."""
    text = f"{Fraction(value).numerator / Fraction(value).denominator:g}"
    return text.replace(".", ",")


def points_errors(value: object, what: str = "Максимальный балл") -> list[str]:
    points = as_points(value)
    if points is None:
        return [f"{what} должен быть числом."]
    if points <= 0 or points > MAX_POINTS or (points * 2).denominator != 1:
        return [f"{what} должен быть больше 0, не больше {MAX_POINTS} и кратен 0,5."]
    return []


def validate_key(task_type: object, key: object, max_points: object) -> list[str]:
    """Everything wrong with a key and the task's maximum; an empty list means it is valid."""
    errors = points_errors(max_points)
    try:
        kind = TaskType(task_type)
    except ValueError:
        return [*errors, f"Неизвестный тип задания «{task_type}»."]
    if not isinstance(key, dict):
        return [*errors, "Ключ должен быть объектом с полями: " + ", ".join(KEY_FIELDS[kind])]
    missing = [name for name in KEY_FIELDS[kind] if name not in key]
    errors += [f"В ключе нет поля «{name}»." for name in missing]
    errors += [f"Лишнее поле ключа «{name}»." for name in key if name not in KEY_FIELDS[kind]]
    if missing:
        return errors
    if kind in MODES and key["mode"] not in MODES[kind]:
        allowed = ", ".join(f"{mode} ({MODE_LABELS[mode].lower()})" for mode in MODES[kind])
        errors.append(f"Способ оценивания «{key['mode']}» не подходит: возможны {allowed}.")
    return errors + _CHECKS[kind](key, max_points)


def key_answer(task_type: object, key: dict[str, Any]) -> Any:
    """The answer the key itself gives, in the stored answer format."""
    kind = TaskType(task_type)
    if kind is T.SINGLE_CHOICE:
        return key["correct"]
    if kind is T.MULTIPLE_CHOICE:
        return sorted(key["correct"])
    if kind is T.MATCHING:
        return {str(left): right for left, right in sorted(key["pairs"])}
    if kind is T.ORDERING:
        return list(key["order"])
    if kind is T.SHORT_ANSWER:
        return key["accepted"][0]
    if kind is T.NUMBER:
        return key["value"]
    raise ValueError("У открытого задания нет ответа-ключа: его оценивает жюри по критериям.")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _texts(value: object, what: str, minimum: int) -> list[str]:
    """A list of distinct non-empty strings, between `minimum` and MAX_ITEMS long."""
    if not isinstance(value, list):
        return [f"{what}: нужен список строк."]
    errors = []
    if not minimum <= len(value) <= MAX_ITEMS:
        errors.append(f"{what}: нужно от {minimum} до {MAX_ITEMS} элементов, а их {len(value)}.")
    seen: dict[str, int] = {}
    for number, text in enumerate(value, start=1):
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{what}: элемент № {number} пустой или не текст.")
            continue
        same = seen.setdefault(" ".join(text.split()).casefold(), number)
        if same != number:
            errors.append(f"{what}: элементы № {same} и № {number} совпадают.")
    return errors


def _indices(value: object, size: int, what: str) -> list[str]:
    """A list of distinct integers in range(size)."""
    if not isinstance(value, list) or not all(_is_int(v) for v in value):
        return [f"{what}: нужен список номеров."]
    errors = [f"{what}: номера {v + 1} нет." for v in value if not 0 <= v < size]
    repeated = sorted({v for v in value if value.count(v) > 1})
    errors += [f"{what}: номер {v + 1} повторяется." for v in repeated]
    return errors


def _check_single(key: dict, _max: object) -> list[str]:
    errors = _texts(key["options"], "Варианты ответа", 2)
    size = len(key["options"]) if isinstance(key["options"], list) else 0
    if not _is_int(key["correct"]) or not 0 <= key["correct"] < size:
        errors.append("Правильный ответ должен быть номером одного из вариантов.")
    return errors


def _check_multiple(key: dict, _max: object) -> list[str]:
    errors = _texts(key["options"], "Варианты ответа", 2)
    size = len(key["options"]) if isinstance(key["options"], list) else 0
    correct = key["correct"]
    found = _indices(correct, size, "Правильные варианты")
    if correct == []:
        found.append("Отметьте хотя бы один правильный вариант.")
    elif not found and size and len(correct) == size:
        found.append("Все варианты отмечены правильными: нужен хотя бы один неверный.")
    return errors + found


def _check_matching(key: dict, _max: object) -> list[str]:
    errors = _texts(key["left"], "Левый столбец", 2) + _texts(key["right"], "Правый столбец", 2)
    pairs = key["pairs"]
    valid = isinstance(pairs, list) and all(
        isinstance(p, list) and len(p) == 2 and all(_is_int(i) for i in p) for p in pairs
    )
    if not valid:
        return [*errors, "Пары: нужен список пар [номер слева, номер справа]."]
    left = len(key["left"]) if isinstance(key["left"], list) else 0
    right = len(key["right"]) if isinstance(key["right"], list) else 0
    lefts = [li for li, _ in pairs]
    rights = [ri for _, ri in pairs]
    errors += [f"Пары: слева нет пункта {li + 1}." for li in lefts if not 0 <= li < left]
    errors += [f"Пары: справа нет пункта {ri + 1}." for ri in rights if not 0 <= ri < right]
    for li in range(left):
        if lefts.count(li) != 1:
            state = "не имеет пары" if li not in lefts else "входит в несколько пар"
            errors.append(f"Пары: пункт {li + 1} слева {state}.")
    for ri in sorted({ri for ri in rights if rights.count(ri) > 1}):
        errors.append(f"Пары: пункт {ri + 1} справа входит в несколько пар.")
    return errors


def _check_ordering(key: dict, _max: object) -> list[str]:
    errors = _texts(key["items"], "Элементы", 2)
    size = len(key["items"]) if isinstance(key["items"], list) else 0
    order = key["order"]
    errors += _indices(order, size, "Правильный порядок")
    if isinstance(order, list) and len(order) != size:
        errors.append(f"Правильный порядок должен включать все {size} элементов.")
    elif order == list(range(size)):
        errors.append("Элементы уже записаны в правильном порядке: перемешайте их.")
    return errors


def _check_short(key: dict, _max: object) -> list[str]:
    accepted = key["accepted"]
    if not isinstance(accepted, list) or not accepted:
        return ["Укажите хотя бы один правильный ответ."]
    errors = []
    seen: dict[str, int] = {}
    for number, text in enumerate(accepted, start=1):
        if not isinstance(text, str) or not normalise_text(text):
            errors.append(f"Правильный ответ № {number} пустой или не текст.")
            continue
        same = seen.setdefault(normalise_text(text), number)
        if same != number:
            errors.append(f"Правильные ответы № {same} и № {number} после нормализации совпадают.")
    return errors


def _check_number(key: dict, _max: object) -> list[str]:
    errors = []
    for name, what in (("value", "Правильный ответ"), ("tolerance", "Погрешность")):
        number = parse_number(key[name]) if as_points(key[name]) is not None else None
        if number is None:
            errors.append(f"{what}: нужно число.")
        elif abs(number) > NUMBER_LIMIT or number.as_tuple().exponent < -NUMBER_PLACES:
            errors.append(
                f"{what}: нужно число не больше 10¹² по модулю "
                f"и не больше {NUMBER_PLACES} знаков после запятой."
            )
        elif name == "tolerance" and number < 0:
            errors.append(f"{what} не может быть отрицательной.")
    return errors


def _check_open(key: dict, max_points: object) -> list[str]:
    criteria = key["criteria"]
    if not isinstance(criteria, list) or not 1 <= len(criteria) <= MAX_CRITERIA:
        return [f"Критерии: нужен список от 1 до {MAX_CRITERIA} критериев."]
    errors: list[str] = []
    titles: set[str] = set()
    total = Fraction(0)
    for number, criterion in enumerate(criteria, start=1):
        what = f"Критерий № {number}"
        if not isinstance(criterion, dict) or set(criterion) != {"title", "max", "description"}:
            errors.append(f"{what}: нужны поля title, max и description.")
            continue
        title, description = criterion["title"], criterion["description"]
        if not isinstance(title, str) or not title.strip():
            errors.append(f"{what}: нет названия.")
        elif title.strip().casefold() in titles:
            errors.append(f"{what}: название «{title.strip()}» уже есть.")
        else:
            titles.add(title.strip().casefold())
        if not isinstance(description, str) or not description.strip():
            errors.append(f"{what}: нет описания.")
        errors += points_errors(criterion["max"], f"{what}: максимальный балл")
        total += as_points(criterion["max"]) or 0
    task_max = as_points(max_points)
    if not errors and task_max is not None and total != task_max:
        errors.append(
            f"Сумма баллов по критериям ({format_points(total)}) не равна максимальному "
            f"баллу задания ({format_points(task_max)})."
        )
    return errors


_CHECKS = {
    T.SINGLE_CHOICE: _check_single,
    T.MULTIPLE_CHOICE: _check_multiple,
    T.MATCHING: _check_matching,
    T.ORDERING: _check_ordering,
    T.SHORT_ANSWER: _check_short,
    T.NUMBER: _check_number,
    T.OPEN: _check_open,
}
