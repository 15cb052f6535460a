"""Rules of marking open tasks: criteria marks, double marking and the chair's word.

An open task is marked by one or two jury members independently. With two, when both have
marked, a difference within the olympiad's tolerance gives the final mark by its rule (the
mean, or the higher); a larger difference goes to the chair, whose mark is final.

The mean of two marks in halves can fall on a quarter (3 and 3.5 give 3.25); it is rounded to
the nearest half, a quarter upwards: the two markers disagree by less than the tolerance, and
the doubt goes to the participant.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction


class FinalRule(enum.StrEnum):
    MEAN = "mean"
    HIGHER = "higher"


class MarkState(enum.StrEnum):
    MISSING = "missing"  # nobody has marked yet
    WAITING = "waiting"  # one of two markers has marked
    DISCREPANCY = "discrepancy"  # two marks differ by more than the tolerance: the chair decides
    FINAL = "final"


@dataclass(frozen=True)
class Resolution:
    state: MarkState
    final: Decimal | None = None


def _points(value) -> Fraction:
    return Fraction(Decimal(str(value)))


def _half_up(value: Fraction) -> Decimal:
    return Decimal(math.floor(value * 2 + Fraction(1, 2))) / 2


def resolve(
    first,
    second,
    chair,
    *,
    markers: int,
    tolerance,
    rule: FinalRule,
) -> Resolution:
    """The state and final mark of one task of one work. Marks are numbers or None."""
    if chair is not None:
        return Resolution(MarkState.FINAL, Decimal(str(chair)))
    if markers == 1:
        if first is None:
            return Resolution(MarkState.MISSING)
        return Resolution(MarkState.FINAL, Decimal(str(first)))
    if first is None and second is None:
        return Resolution(MarkState.MISSING)
    if first is None or second is None:
        return Resolution(MarkState.WAITING)
    a, b = _points(first), _points(second)
    if abs(a - b) > _points(tolerance):
        return Resolution(MarkState.DISCREPANCY)
    if FinalRule(rule) is FinalRule.HIGHER:
        return Resolution(MarkState.FINAL, Decimal(str(max(first, second))))
    return Resolution(MarkState.FINAL, _half_up((a + b) / 2))


def criteria_errors(criteria: list[dict], marks: list) -> list[str]:
    """Russian messages for criterion marks that cannot stand; empty when all are valid.

    `criteria` are the task key's [{"title", "max", ...}], `marks` one number per criterion.
    """
    if len(marks) != len(criteria):
        return [f"Нужно {len(criteria)} оценок по критериям, получено {len(marks)}."]
    errors = []
    for criterion, mark in zip(criteria, marks, strict=True):
        title, top = criterion["title"], _points(criterion["max"])
        if mark is None or isinstance(mark, bool):
            errors.append(f"«{title}»: поставьте балл.")
            continue
        try:
            value = _points(mark)
        except (ArithmeticError, ValueError):
            errors.append(f"«{title}»: «{mark}» — не число.")
            continue
        if value < 0 or value > top:
            errors.append(
                f"«{title}»: балл должен быть от 0 до {_show(top)}, введено {_show(value)}."
            )
        elif (value * 2).denominator != 1:
            errors.append(f"«{title}»: допускаются только целые баллы и половины.")
    return errors


def total(marks: list) -> Decimal:
    return sum((Decimal(str(mark)) for mark in marks), Decimal(0))


def _show(value: Fraction) -> str:
    text = f"{float(value):g}"
    return text.replace(".", ",")
