"""Statistics of an olympiad's results for the methodologists, pure code.

Dataclasses in (`Unit`: a ranked grade or grade group with its tasks and people), dataclasses
out (`Analysis`). Percentages are of the maximum (0–100); shares of people are per cent of
those present. The task analysis is the classical test theory a methodologist knows:

- completion: the average points of a task as % of its maximum;
- full / partial / zero: the share of the present who got all, some or none of its points;
- discrimination index: the mean score share of the upper 27% of the unit by total minus
  that of the lower 27% (Kelley's groups; at least one person each, ties cut by table order);
- for choice tasks, how many chose each option (the popular wrong answer).
"""

from __future__ import annotations

import enum
import math
import statistics
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from olympiad.domain.awards import Status

TOO_EASY = 85.0  # completion above this: the task tells nothing about the strong
TOO_HARD = 15.0  # completion below this: almost nobody could do it
LOW_DISCRIMINATION = 0.2  # below this the task does not tell the strong from the weak
GROUP_SHARE = 0.27  # Kelley's upper and lower groups
HISTOGRAM_STEP = 10  # score distribution: bins of 10% of the maximum

CHOICE_TYPES = frozenset({"single_choice", "multiple_choice"})


class Flag(enum.StrEnum):
    TOO_EASY = "too_easy"
    TOO_HARD = "too_hard"
    NOT_DISCRIMINATING = "not_discriminating"


# --- input -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskInfo:
    key: Hashable  # the paper task
    label: str  # "1", "2", ... as on the paper
    max_points: float
    kind: str = "open"  # a TaskType value
    options: tuple[str, ...] = ()  # choice tasks
    correct: tuple[int, ...] = ()  # choice tasks: the indices of the right options


@dataclass(frozen=True)
class Person:
    """An enrolled participant of the unit; the absent have no total and no points."""

    key: Hashable
    school: str
    grade: int  # grade competed
    present: bool = True
    total: float = 0.0
    status: Status | None = None
    points: dict[Hashable, float] = field(default_factory=dict)  # task key -> points
    choices: dict[Hashable, tuple[int, ...]] = field(default_factory=dict)  # task key -> chosen
    disqualified: bool = False  # came, but is not ranked: not «absent»


@dataclass(frozen=True)
class Unit:
    name: str  # "9" or "9–11 классы"
    max_total: float
    tasks: tuple[TaskInfo, ...]
    people: tuple[Person, ...]

    @property
    def present(self) -> list[Person]:
        return [p for p in self.people if p.present]


# --- output ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """Participants and awards of a school or a grade."""

    name: str
    enrolled: int
    present: int
    absent: int  # did not come (the disqualified came: they are counted apart)
    winners: int
    prize_winners: int
    average_percent: float | None  # of the present
    disqualified: int = 0

    @property
    def awarded(self) -> int:
        return self.winners + self.prize_winners

    @property
    def winners_percent(self) -> float:
        return _percent(self.winners, self.present)

    @property
    def prize_winners_percent(self) -> float:
        return _percent(self.prize_winners, self.present)

    @property
    def awarded_percent(self) -> float:
        return _percent(self.awarded, self.present)


@dataclass(frozen=True)
class Spread:
    """The total as % of the maximum over the present participants of a unit."""

    count: int
    mean: float
    median: float
    minimum: float
    maximum: float
    stdev: float  # population standard deviation
    q1: float
    q3: float

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1


@dataclass(frozen=True)
class OptionCount:
    label: str  # "А", "Б", ...
    text: str
    chosen: int
    percent: float  # of those present
    correct: bool


@dataclass(frozen=True)
class TaskStats:
    task: TaskInfo
    count: int
    completion: float  # %
    full: float  # % of the present
    partial: float
    zero: float
    discrimination: float | None  # None with fewer than two participants
    options: tuple[OptionCount, ...] = ()
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True)
class UnitAnalysis:
    name: str
    max_total: float
    spread: Spread | None
    histogram: tuple[int, ...]  # participants per 10% of the maximum, the last bin 90–100
    tasks: tuple[TaskStats, ...]
    count: Count

    @property
    def flagged(self) -> list[TaskStats]:
        return [t for t in self.tasks if t.flags]


@dataclass(frozen=True)
class Analysis:
    units: tuple[UnitAnalysis, ...]
    schools: tuple[Count, ...]
    grades: tuple[Count, ...]
    total: Count


# --- figures -----------------------------------------------------------------------------

LETTERS = "АБВГДЕЖЗИКЛМН"


def _percent(part: float, whole: float) -> float:
    return 100.0 * part / whole if whole else 0.0


def percent_of(person: Person, max_total: float) -> float:
    return _percent(person.total, max_total)


def quartiles(values: Sequence[float]) -> tuple[float, float]:
    """Q1 and Q3 by the inclusive method (Excel's QUARTILE.INC); a single value is both."""
    if len(values) == 1:
        return values[0], values[0]
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3


def spread(percents: Sequence[float]) -> Spread | None:
    if not percents:
        return None
    q1, q3 = quartiles(sorted(percents))
    return Spread(
        count=len(percents),
        mean=statistics.fmean(percents),
        median=statistics.median(percents),
        minimum=min(percents),
        maximum=max(percents),
        stdev=statistics.pstdev(percents),
        q1=q1,
        q3=q3,
    )


def histogram(percents: Iterable[float], step: int = HISTOGRAM_STEP) -> tuple[int, ...]:
    """Participants per bin [0, step), [step, 2·step), ... the last bin includes 100%."""
    bins = [0] * math.ceil(100 / step)
    for value in percents:
        bins[min(int(value // step), len(bins) - 1)] += 1
    return tuple(bins)


def count(name: str, people: Sequence[Person], max_totals: dict[Hashable, float]) -> Count:
    """`max_totals`: person key -> the maximum of their paper (units may differ)."""
    present = [p for p in people if p.present]
    statuses = Counter(p.status for p in present)
    percents = [percent_of(p, max_totals[p.key]) for p in present]
    return Count(
        name=name,
        enrolled=len(people),
        present=len(present),
        absent=sum(1 for p in people if not p.present and not p.disqualified),
        winners=statuses[Status.WINNER],
        prize_winners=statuses[Status.PRIZE_WINNER],
        average_percent=statistics.fmean(percents) if percents else None,
        disqualified=sum(1 for p in people if not p.present and p.disqualified),
    )


def groups(present: Sequence[Person]) -> tuple[list[Person], list[Person]]:
    """The upper and lower 27% by total (at least one each); `present` in table order."""
    ordered = sorted(present, key=lambda p: -p.total)  # stable: ties keep table order
    size = max(1, round(GROUP_SHARE * len(ordered)))
    return ordered[:size], ordered[-size:]


def _share(people: Sequence[Person], task: TaskInfo) -> float:
    return statistics.fmean(p.points.get(task.key, 0.0) / task.max_points for p in people)


def discrimination(present: Sequence[Person], task: TaskInfo) -> float | None:
    if len(present) < 2:
        return None
    upper, lower = groups(present)
    return _share(upper, task) - _share(lower, task)


def _options(present: Sequence[Person], task: TaskInfo) -> tuple[OptionCount, ...]:
    if task.kind not in CHOICE_TYPES or not task.options:
        return ()
    chosen = Counter(i for p in present for i in set(p.choices.get(task.key, ())))
    return tuple(
        OptionCount(
            label=LETTERS[i] if i < len(LETTERS) else str(i + 1),
            text=text,
            chosen=chosen[i],
            percent=_percent(chosen[i], len(present)),
            correct=i in task.correct,
        )
        for i, text in enumerate(task.options)
    )


def flags_of(completion: float, index: float | None) -> tuple[Flag, ...]:
    found = []
    if completion > TOO_EASY:
        found.append(Flag.TOO_EASY)
    if completion < TOO_HARD:
        found.append(Flag.TOO_HARD)
    if index is not None and index < LOW_DISCRIMINATION:
        found.append(Flag.NOT_DISCRIMINATING)
    return tuple(found)


def task_stats(present: Sequence[Person], task: TaskInfo) -> TaskStats:
    scores = [p.points.get(task.key, 0.0) for p in present]
    n = len(scores)
    completion = _percent(sum(scores), n * task.max_points) if n else 0.0
    index = discrimination(present, task)
    return TaskStats(
        task=task,
        count=n,
        completion=completion,
        full=_percent(sum(s >= task.max_points for s in scores), n),
        partial=_percent(sum(0 < s < task.max_points for s in scores), n),
        zero=_percent(sum(s <= 0 for s in scores), n),
        discrimination=index,
        options=_options(present, task),
        flags=flags_of(completion, index) if n else (),
    )


def analyse_unit(unit: Unit) -> UnitAnalysis:
    present = unit.present
    percents = [percent_of(p, unit.max_total) for p in present]
    return UnitAnalysis(
        name=unit.name,
        max_total=unit.max_total,
        spread=spread(percents),
        histogram=histogram(percents),
        tasks=tuple(task_stats(present, task) for task in unit.tasks),
        count=count(unit.name, unit.people, {p.key: unit.max_total for p in unit.people}),
    )


def analyse(units: Sequence[Unit], total_name: str = "") -> Analysis:
    """Everything at once: per unit, per school (by name) and per grade competed."""
    people = [p for unit in units for p in unit.people]
    max_totals = {p.key: unit.max_total for unit in units for p in unit.people}
    by_school: dict[str, list[Person]] = {}
    by_grade: dict[int, list[Person]] = {}
    for person in people:
        by_school.setdefault(person.school, []).append(person)
        by_grade.setdefault(person.grade, []).append(person)
    return Analysis(
        units=tuple(analyse_unit(unit) for unit in units),
        schools=tuple(count(name, by_school[name], max_totals) for name in sorted(by_school)),
        grades=tuple(count(str(g), by_grade[g], max_totals) for g in sorted(by_grade)),
        total=count(total_name, people, max_totals),
    )


@dataclass(frozen=True)
class Change:
    """A figure this year against the previous one."""

    name: str
    previous: float | None
    current: float | None

    @property
    def delta(self) -> float | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


def compare(previous: Count, current: Count, schools: tuple[int, int]) -> list[Change]:
    """The year's totals against the previous year's; `schools`: (previous, current)."""
    return [
        Change("schools", schools[0], schools[1]),
        Change("enrolled", previous.enrolled, current.enrolled),
        Change("present", previous.present, current.present),
        Change("winners", previous.winners, current.winners),
        Change("prize_winners", previous.prize_winners, current.prize_winners),
        Change("awarded_percent", previous.awarded_percent, current.awarded_percent),
        Change("average_percent", previous.average_percent, current.average_percent),
    ]
