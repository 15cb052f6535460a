"""Rating tables: one per competed grade (or grade group), computed by the award rules
while results are preliminary and read from the frozen protocol once they are final."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from olympiad.domain.awards import AwardRules, Entry, Ranked, Status, rank
from olympiad.domain.olympiad_rules import FROZEN
from olympiad.extensions import db
from olympiad.models import FrozenResult, Olympiad, Paper, PaperTask, Participant, StatusOverride
from olympiad.results.rules import rules_of
from olympiad.results.scores import Scores, scores


@dataclass
class Line:
    participant: Participant
    points: dict[int, Decimal | None]  # paper task id -> points
    total: Decimal
    percent: Decimal
    place: int
    status: Status  # what counts: the override if there is one
    computed: Status  # what the rules give
    override: StatusOverride | None = None


@dataclass
class Table:
    unit: str  # "9" or a grade group's name "9–11"
    grades: tuple[int, ...]
    paper: Paper | None
    max_total: Decimal
    lines: list[Line] = field(default_factory=list)

    @property
    def items(self) -> list[PaperTask]:
        return self.paper.items if self.paper else []

    @property
    def by_group(self) -> bool:
        return len(self.grades) > 1 or not self.unit.isdigit()

    def count(self, status: Status) -> int:
        return sum(line.status == status for line in self.lines)


def units(olympiad: Olympiad, by_group: bool | None = None) -> list[tuple[str, tuple[int, ...]]]:
    """What is ranked: each grade that takes part, or each grade group."""
    if olympiad.rank_by_group if by_group is None else by_group:
        return [(group.name, tuple(group.grades)) for group in olympiad.groups]
    return [(str(grade), (grade,)) for grade in sorted(olympiad.grades)]


def _entries(scored: Scores, people: list[Participant]) -> list[Entry]:
    return [
        Entry(p.id, scored.total(p.id), (p.surname, p.name, p.patronymic or "")) for p in people
    ]


def _overrides(olympiad: Olympiad) -> dict[int, StatusOverride]:
    query = (
        select(StatusOverride)
        .join(Participant, Participant.id == StatusOverride.participant_id)
        .where(Participant.olympiad_id == olympiad.id)
    )
    return {o.participant_id: o for o in db.session.scalars(query)}


def _frozen(olympiad: Olympiad) -> dict[int, FrozenResult]:
    query = select(FrozenResult).where(FrozenResult.olympiad_id == olympiad.id)
    return {row.participant_id: row for row in db.session.scalars(query)}


def rating_tables(
    olympiad: Olympiad,
    rules: AwardRules | None = None,
    by_group: bool | None = None,
    only: str | None = None,
) -> list[Table]:
    """The rating tables of the olympiad, in the order of its grades or groups.

    `rules` and `by_group` let a settings page preview other settings; by default the
    olympiad's own. `only`: the table of that unit alone, computed alone. Once the results
    are final, places and statuses are the approved ones.
    """
    rules = rules or rules_of(olympiad)
    chosen = [(u, g) for u, g in units(olympiad, by_group) if only is None or u == only]
    if not chosen:
        return []
    scored = scores(olympiad, grades=None if only is None else chosen[0][1])
    overrides = _overrides(olympiad)
    frozen = _frozen(olympiad) if olympiad.status in FROZEN else {}
    tables = []
    for unit, grades in chosen:
        group = olympiad.group_of(grades[0])
        paper = scored.papers.get(group.id) if group else None
        max_total = Decimal(str(paper.max_total)) if paper else Decimal(0)
        people = {p.id: p for p in scored.participants if p.grade_competed in grades}
        if not people:
            continue  # nobody competed in this grade
        ranked: list[Ranked] = rank(_entries(scored, list(people.values())), max_total, rules)
        table = Table(unit, grades, paper, max_total)
        for row in ranked:
            override = overrides.get(row.key)
            table.lines.append(
                Line(
                    participant=people[row.key],
                    points=scored.points[row.key],
                    total=row.total,
                    percent=row.percent,
                    place=row.place,
                    status=override.status if override else row.status,
                    computed=row.status,
                    override=override,
                )
            )
        if frozen:
            _apply_frozen(table, frozen)
        tables.append(table)
    return tables


def _apply_frozen(table: Table, frozen: dict[int, FrozenResult]) -> None:
    """Final results: places and statuses exactly as approved."""
    for line in table.lines:
        approved = frozen.get(line.participant.id)
        if approved is not None:
            line.place = approved.place
            line.status = approved.status
            line.total = Decimal(str(approved.total))
            line.percent = Decimal(str(approved.percent))
    table.lines.sort(
        key=lambda line: (
            frozen[line.participant.id].position if line.participant.id in frozen else 10**9
        )
    )


def line_of(olympiad: Olympiad, participant: Participant) -> tuple[Table, Line] | None:
    """The participant's own line and its table (they see their own line only)."""
    grade = participant.grade_competed
    unit = next((u for u, grades in units(olympiad) if grade in grades), None)
    if unit is None:
        return None
    for table in rating_tables(olympiad, only=unit):  # their own table only
        for line in table.lines:
            if line.participant.id == participant.id:
                return table, line
    return None
