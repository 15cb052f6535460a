"""Automatic scoring of closed-format answers against a task's key.

Answers, as typed in from the answer sheet or sent by the online form (stored as JSON):

- single_choice:   int, the option's index
- multiple_choice: [int, ...], the chosen options' indices (order and repeats do not matter)
- matching:        {"0": 2, ...}, left index (a string, as JSON keys are) -> right index
- ordering:        [int, ...], item indices in the participant's sequence (may be shorter)
- short_answer:    str
- number:          str ("3,5", "3.5", " 1 000 ") or a number

None, an empty answer, or a malformed one (wrong shape, an index out of range, a repeated item
in a sequence, text that is not a number) scores 0 and never raises: what the participant gave
is simply not the answer. A broken key or maximum raises ValueError: that is the bank's fault,
and scoring it quietly would put wrong marks into a protocol.

Points are rounded DOWN to a multiple of 0.5, because marks in protocols have at most halves
and a participant is never given more than earned: 2 of 3 correct options of a 2-point task
(1.33) give 1, not 1.5. Computation is exact (fractions), so the key's own answer always gets
the maximum.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from olympiad.domain.normalise import normalise_text, parse_number
from olympiad.domain.task_keys import TaskType, as_points, validate_key

T = TaskType


def score(task_type: object, key: dict[str, Any], max_points: object, answer: object) -> Decimal:
    """Points for `answer`: from 0 to `max_points`, a multiple of 0.5, rounded down."""
    kind = TaskType(task_type)
    if kind is T.OPEN:
        raise ValueError("Открытые задания оценивает жюри по критериям.")
    errors = validate_key(kind, key, max_points)
    if errors:
        raise ValueError("Ключ задания неверен: " + " ".join(errors))
    top = as_points(max_points)
    assert top is not None  # validated above
    given = canonical_answer(kind, key, answer)
    share = Fraction(0) if given is None else _SHARES[kind](key, given)
    return round_down(top * min(max(share, Fraction(0)), Fraction(1)))


def round_down(points: Fraction) -> Decimal:
    """Down to a multiple of 0.5: 1.99 -> 1.5, 2 -> 2."""
    return Decimal(math.floor(points * 2)) / 2


def canonical_answer(task_type: object, key: dict[str, Any], answer: object) -> Any:
    """The answer in its stored form, checked against the key; None if empty or malformed.

    Multiple choice comes back sorted without repeats, matching with string keys in order,
    short answers and numbers as typed but without outer spaces (they are read when compared).
    """
    kind = TaskType(task_type)
    if answer is None or kind is T.OPEN:
        return None
    if kind is T.SINGLE_CHOICE:
        return answer if _index(answer, len(key["options"])) else None
    if kind is T.MULTIPLE_CHOICE:
        if not _index_list(answer, len(key["options"])):
            return None
        return sorted(set(answer)) or None
    if kind is T.MATCHING:
        return _matching(answer, len(key["left"]), len(key["right"]))
    if kind is T.ORDERING:
        size = len(key["items"])
        valid = _index_list(answer, size) and len(set(answer)) == len(answer) <= size
        return list(answer) if valid and answer else None
    if kind is T.SHORT_ANSWER:
        return answer.strip() if isinstance(answer, str) and normalise_text(answer) else None
    if parse_number(answer) is None:
        return None
    return answer.strip() if isinstance(answer, str) else answer


def _index(value: object, size: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < size


def _index_list(value: object, size: int) -> bool:
    return isinstance(value, list | tuple) and all(_index(v, size) for v in value)


def _matching(answer: object, left: int, right: int) -> dict[str, int] | None:
    if not isinstance(answer, dict) or not answer:
        return None
    result: dict[int, int] = {}
    for raw, value in answer.items():
        index = _left_index(raw)
        if index is None or not 0 <= index < left or index in result or not _index(value, right):
            return None
        result[index] = value
    return {str(index): result[index] for index in sorted(result)}


def _left_index(raw: object) -> int | None:
    """A matching answer's key: "3" (from JSON) or 3; "03", "+3", " 3" are not keys."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and str(int(raw)) == raw:
        return int(raw)
    return None


def _single(key: dict, answer: int) -> Fraction:
    return Fraction(answer == key["correct"])


def _multiple(key: dict, answer: list[int]) -> Fraction:
    correct = set(key["correct"])
    chosen = set(answer)
    if key["mode"] == "all_or_nothing":
        return Fraction(chosen == correct)
    return Fraction(len(chosen & correct) - len(chosen - correct), len(correct))


def _matching_share(key: dict, answer: dict[str, int]) -> Fraction:
    right = sum(answer.get(str(li)) == ri for li, ri in key["pairs"])
    if key["mode"] == "all_or_nothing":
        return Fraction(right == len(key["pairs"]))
    return Fraction(right, len(key["pairs"]))


def _ordering(key: dict, answer: list[int]) -> Fraction:
    order = key["order"]
    if key["mode"] == "all_or_nothing":
        return Fraction(answer == order)
    return Fraction(sum(a == b for a, b in zip(answer, order, strict=False)), len(order))


def _short(key: dict, answer: str) -> Fraction:
    return Fraction(normalise_text(answer) in {normalise_text(a) for a in key["accepted"]})


def _number(key: dict, answer: object) -> Fraction:
    # exact fractions: Decimal arithmetic rounds to 28 digits and could let a long answer
    # slip inside the tolerance
    given, value, tolerance = (parse_number(v) for v in (answer, key["value"], key["tolerance"]))
    assert given is not None and value is not None and tolerance is not None
    return Fraction(abs(Fraction(given) - Fraction(value)) <= Fraction(tolerance))


_SHARES = {
    T.SINGLE_CHOICE: _single,
    T.MULTIPLE_CHOICE: _multiple,
    T.MATCHING: _matching_share,
    T.ORDERING: _ordering,
    T.SHORT_ANSWER: _short,
    T.NUMBER: _number,
}
