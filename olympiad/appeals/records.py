"""Reading appeals and the marks they are about: a participant's marks per task, the
appeals of an olympiad, one appeal by its number.

A task's points are what the rating table counts (results/scores.py): the scoring engine's
points for a closed task (0 without an answer), the jury's final mark for an open one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from olympiad.actions import Refused
from olympiad.database import begin_write
from olympiad.domain.task_keys import TaskType, key_answer
from olympiad.domain.typed_answers import format_answer
from olympiad.extensions import db
from olympiad.marking.answers import answer_of
from olympiad.marking.marks import marks_of, resolution
from olympiad.marking.works import Work, is_open, item_of
from olympiad.models import (
    Appeal,
    AppealState,
    Attendance,
    GradeGroup,
    Olympiad,
    Paper,
    PaperTask,
    Participant,
    ParticipantStatus,
)
from olympiad.results.scores import scores

DECIDED = (AppealState.REJECTED, AppealState.ACCEPTED)


class AppealError(Refused):
    """A refused appeal or decision, with a message for the user."""


def lock(model: type, row, *, read: bool = False) -> None:
    """Lock the row for this transaction and read it again as it is now: the write lock on
    SQLite, a row lock (shared with `read`) elsewhere."""
    begin_write(db.session)
    db.session.execute(select(model.id).where(model.id == row.id).with_for_update(read=read))
    db.session.refresh(row)


def is_present(participant: Participant) -> bool:
    """Only works of participants who were present are marked, ranked and appealed."""
    return (
        participant.status == ParticipantStatus.ENROLLED
        and participant.attendance == Attendance.PRESENT
        and participant.cipher is not None
    )


def work_of(participant: Participant) -> Work | None:
    """The participant's work as the jury knows it (by cipher), if there is one."""
    group = participant.olympiad.group_of(participant.grade_competed)
    if group is None or not is_present(participant):
        return None
    return Work(participant.id, participant.cipher, group.id)


def item_for(participant: Participant, paper_task_id: int | None) -> PaperTask | None:
    """A task of the participant's own paper; None for any other id."""
    work = work_of(participant)
    item = item_of(participant.olympiad, paper_task_id) if paper_task_id else None
    if work is None or item is None or item.paper.group_id != work.group_id:
        return None
    return item


def key_text(item: PaperTask) -> str:
    """A closed task's key as an answer is written on the sheet; empty for an open task."""
    version = item.task_version
    if is_open(item):
        return ""
    kind = TaskType(version.type)
    return format_answer(kind, version.key, key_answer(kind, version.key))


def task_points(olympiad: Olympiad, work: Work, item: PaperTask) -> Decimal:
    """The task's points now, as results/scores.py counts them, for one work."""
    if not is_open(item):
        answer = answer_of(work, item, fresh=True)
        return Decimal(str(answer.points)) if answer else Decimal(0)
    final = resolution(olympiad, item, marks_of(work, item, fresh=True)).final
    return final if final is not None else Decimal(0)


@dataclass
class TaskLine:
    item: PaperTask
    points: Decimal | None
    pending: Appeal | None = None  # an appeal on this task waiting for the chair


@dataclass
class Sheet:
    """A participant's marks per task and their appeals."""

    participant: Participant
    lines: list[TaskLine] = field(default_factory=list)
    appeals: list[Appeal] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.points for line in self.lines if line.points), Decimal(0))

    def open_to_appeal(self) -> list[PaperTask]:
        return [line.item for line in self.lines if line.pending is None]


@dataclass
class GroupSheets:
    group: GradeGroup
    paper: Paper | None
    sheets: list[Sheet]


def _sheets(
    olympiad: Olympiad, participant_ids: set[int] | None
) -> tuple[dict[int, Sheet], dict[int, Paper]]:
    """Sheets of the chosen present participants, and the papers by grade group."""
    scored = scores(olympiad)
    chosen = [p for p in scored.participants if participant_ids is None or p.id in participant_ids]
    filed: dict[int, list[Appeal]] = {}
    for appeal in appeals_of(olympiad, participant_ids={p.id for p in chosen}):
        filed.setdefault(appeal.participant_id, []).append(appeal)
    result = {}
    for participant in chosen:
        group = olympiad.group_of(participant.grade_competed)
        paper = scored.papers.get(group.id) if group else None
        mine = sorted(filed.get(participant.id, []), key=lambda a: a.number)
        waiting = {a.paper_task_id: a for a in mine if a.state == AppealState.PENDING}
        lines = [
            TaskLine(item, scored.of(participant.id, item.id), waiting.get(item.id))
            for item in (paper.items if paper else [])
        ]
        result[participant.id] = Sheet(participant, lines, mine)
    return result, scored.papers


def sheet_of(olympiad: Olympiad, participant: Participant) -> Sheet | None:
    """The participant's own sheet; None unless they were present."""
    return _sheets(olympiad, {participant.id})[0].get(participant.id)


def school_sheets(olympiad: Olympiad, school_id: int) -> list[GroupSheets]:
    """The present participants of one school, per grade group, by name."""
    query = select(Participant.id).where(
        Participant.olympiad_id == olympiad.id, Participant.school_id == school_id
    )
    sheets, papers = _sheets(olympiad, set(db.session.scalars(query)))
    result = []
    for group in olympiad.groups:
        rows = [s for s in sheets.values() if s.participant.grade_competed in group.grades]
        rows.sort(key=lambda s: (s.participant.surname, s.participant.name, s.participant.id))
        if rows:
            result.append(GroupSheets(group, papers.get(group.id), rows))
    return result


def _query(olympiad: Olympiad):
    return (
        select(Appeal)
        .join(Participant, Participant.id == Appeal.participant_id)
        .where(Appeal.olympiad_id == olympiad.id)
        .options(
            joinedload(Appeal.participant),
            joinedload(Appeal.paper_task).joinedload(PaperTask.task_version),
            joinedload(Appeal.decided_by),
        )
    )


def appeals_of(
    olympiad: Olympiad,
    *,
    participant_ids: set[int] | None = None,
    state: str = "",
    grade: int | None = None,
) -> list[Appeal]:
    """The olympiad's appeals by number; `state` "pending" or "decided" filters them."""
    query = _query(olympiad)
    if participant_ids is not None:
        query = query.where(Appeal.participant_id.in_(participant_ids))
    if state == "pending":
        query = query.where(Appeal.state == AppealState.PENDING)
    elif state == "decided":
        query = query.where(Appeal.state.in_(DECIDED))
    if grade is not None:
        query = query.where(Participant.grade_competed == grade)
    return list(db.session.scalars(query.order_by(Appeal.number)).unique())


def by_number(olympiad: Olympiad, number: int) -> Appeal | None:
    return db.session.scalars(_query(olympiad).where(Appeal.number == number)).first()
