"""The results of an olympiad as the plain data of domain/statistics.py.

Read through the rating tables (approved places and statuses once final), plus the absent
participants and the chosen options of closed choice tasks, each in one query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from olympiad.domain.olympiad_rules import WITH_RESULTS
from olympiad.domain.statistics import (
    CHOICE_TYPES,
    Analysis,
    Person,
    TaskInfo,
    TaskStats,
    Unit,
    UnitAnalysis,
    analyse,
    analyse_unit,
)
from olympiad.extensions import db
from olympiad.models import (
    Answer,
    Attendance,
    Olympiad,
    Paper,
    PaperTask,
    Participant,
    ParticipantStatus,
    TaskVersion,
)
from olympiad.results.tables import Table, rating_tables

NOT_PRESENT = (Attendance.ABSENT, Attendance.DISQUALIFIED)


@dataclass
class OlympiadFigures:
    """An olympiad's analysis: per rating unit (grade) and per paper (task analysis)."""

    olympiad: Olympiad
    tables: list[Table]
    analysis: Analysis  # units: the rating units
    papers: list[UnitAnalysis]  # UnitAnalysis per paper (all who wrote it), for the task analysis
    school_ids: dict[str, int]  # school name -> id
    units: list[Unit]  # the rating units as statistics input


def task_info(item: PaperTask) -> TaskInfo:
    version = item.task_version
    key = version.key or {}
    choice = version.type.value in CHOICE_TYPES
    correct = key.get("correct") if choice else None
    return TaskInfo(
        key=item.id,
        label=str(item.position),
        max_points=float(version.max_points),
        kind=version.type.value,
        options=tuple(key.get("options", ())) if choice else (),
        correct=tuple(correct if isinstance(correct, list) else [correct]) if choice else (),
    )


def _choices(olympiad: Olympiad) -> dict[int, dict[int, tuple[int, ...]]]:
    rows = db.session.execute(
        select(Answer.participant_id, Answer.paper_task_id, Answer.value)
        .join(Participant, Participant.id == Answer.participant_id)
        .where(Participant.olympiad_id == olympiad.id)
    )
    found: dict[int, dict[int, tuple[int, ...]]] = defaultdict(dict)
    for row in rows:
        value = row.value
        if isinstance(value, int) and not isinstance(value, bool):
            found[row.participant_id][row.paper_task_id] = (value,)
        elif isinstance(value, list) and all(isinstance(v, int) for v in value):
            found[row.participant_id][row.paper_task_id] = tuple(value)
    return found


def _not_present(olympiad: Olympiad) -> list[Participant]:
    query = (
        select(Participant)
        .where(
            Participant.olympiad_id == olympiad.id,
            Participant.status == ParticipantStatus.ENROLLED,
            Participant.attendance.in_(NOT_PRESENT),
        )
        .options(joinedload(Participant.school))
    )
    return list(db.session.scalars(query))


def school_name(participant: Participant) -> str:
    return participant.school.short_name or participant.school.full_name


def figures(olympiad: Olympiad) -> OlympiadFigures | None:
    """None until the results exist."""
    if olympiad.status not in WITH_RESULTS:
        return None
    tables = rating_tables(olympiad)
    choices = _choices(olympiad)
    absent = _not_present(olympiad)
    school_ids: dict[str, int] = {}
    grade_units, by_paper = [], defaultdict(list)
    for table in tables:
        tasks = tuple(task_info(item) for item in table.items)
        people = []
        for line in table.lines:
            p = line.participant
            school_ids[school_name(p)] = p.school_id
            people.append(
                Person(
                    key=p.id,
                    school=school_name(p),
                    grade=p.grade_competed,
                    total=float(line.total),
                    status=line.status,
                    points={k: float(v or 0) for k, v in line.points.items()},
                    choices=choices.get(p.id, {}),
                )
            )
        people += [
            Person(
                p.id,
                school_name(p),
                p.grade_competed,
                present=False,
                disqualified=p.attendance == Attendance.DISQUALIFIED,
            )
            for p in absent
            if p.grade_competed in table.grades
        ]
        grade_units.append(Unit(table.unit, float(table.max_total), tasks, tuple(people)))
        if table.paper is not None:
            by_paper[table.paper.id].append((table, tasks, people))
    papers = []
    for parts in by_paper.values():
        table, tasks, _ = parts[0]
        people = tuple(p for part in parts for p in part[2])
        name = table.paper.group.name
        papers.append(Unit(name, float(table.max_total), tasks, people))
    return OlympiadFigures(
        olympiad=olympiad,
        tables=tables,
        analysis=analyse(grade_units),
        papers=[analyse_unit(unit) for unit in papers],
        school_ids=school_ids,
        units=grade_units,
    )


@dataclass
class TaskUse:
    """One use of a bank task: the olympiad, the paper, the task's figures there."""

    olympiad: Olympiad
    paper_name: str
    stats: TaskStats


def task_history(task_id: int) -> list[TaskUse]:
    """The statistics of a bank task in every olympiad with results that used it."""
    query = (
        select(PaperTask)
        .join(TaskVersion, TaskVersion.id == PaperTask.task_version_id)
        .join(Paper, Paper.id == PaperTask.paper_id)
        .join(Olympiad, Olympiad.id == Paper.olympiad_id)
        .where(TaskVersion.task_id == task_id, Olympiad.status.in_(WITH_RESULTS))
        .order_by(Olympiad.academic_year, Olympiad.id)
    )
    uses = []
    cache: dict[Hashable, OlympiadFigures | None] = {}
    for item in db.session.scalars(query):
        olympiad = item.paper.olympiad
        if olympiad.id not in cache:
            cache[olympiad.id] = figures(olympiad)
        found = cache[olympiad.id]
        for unit in found.papers if found else []:
            for stats in unit.tasks:
                if stats.task.key == item.id:
                    uses.append(TaskUse(olympiad, unit.name, stats))
    return uses


def only_school(found: OlympiadFigures, name: str) -> list[Unit]:
    """The rating units narrowed to one school's people (places stay the district's)."""
    units = []
    for unit in found.units:
        people = tuple(p for p in unit.people if p.school == name)
        if people:
            units.append(Unit(unit.name, unit.max_total, unit.tasks, people))
    return units
