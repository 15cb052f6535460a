"""Works as the jury knows them: a cipher, a grade group and its paper, never a name.

Jury pages get participants only as `Work`, which carries the cipher and the row's id (for
queries, never shown or put into a URL), so no template can reach a name, a school, a mentor
or a room. Only works of participants who were present are marked.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from olympiad.domain.codes import normalize_cipher
from olympiad.domain.task_keys import TaskType
from olympiad.extensions import db
from olympiad.models import (
    Attendance,
    GradeGroup,
    Olympiad,
    Paper,
    PaperTask,
    Participant,
    ParticipantStatus,
)


@dataclass(frozen=True)
class Work:
    id: int  # the participant's row: for queries only
    cipher: str
    group_id: int


def _present(olympiad: Olympiad):
    return select(Participant.id, Participant.cipher, Participant.grade_competed).where(
        Participant.olympiad_id == olympiad.id,
        Participant.status == ParticipantStatus.ENROLLED,
        Participant.attendance == Attendance.PRESENT,
        Participant.cipher.is_not(None),
    )


def works_of(olympiad: Olympiad, group: GradeGroup) -> list[Work]:
    """The group's present works, by cipher."""
    query = _present(olympiad).where(Participant.grade_competed.in_(group.grades))
    rows = db.session.execute(query.order_by(Participant.cipher))
    return [Work(row.id, row.cipher, group.id) for row in rows]


def all_works(olympiad: Olympiad) -> list[Work]:
    groups = {grade: group.id for group in olympiad.groups for grade in group.grades}
    rows = db.session.execute(_present(olympiad).order_by(Participant.cipher))
    return [
        Work(row.id, row.cipher, groups[row.grade_competed])
        for row in rows
        if row.grade_competed in groups
    ]


def find_work(olympiad: Olympiad, cipher: str) -> Work | None:
    """A present work of this olympiad by its cipher, typed in any usual way; else None."""
    code = normalize_cipher(cipher or "")
    if code is None:
        return None
    row = db.session.execute(_present(olympiad).where(Participant.cipher == code)).first()
    group = row and olympiad.group_of(row.grade_competed)
    return Work(row.id, row.cipher, group.id) if group else None


def _with_items(query):
    return query.options(selectinload(Paper.items).joinedload(PaperTask.task_version))


def paper_of(group: GradeGroup) -> Paper | None:
    return db.session.scalar(_with_items(select(Paper).where(Paper.group_id == group.id)))


def papers_of(olympiad: Olympiad) -> dict[int, Paper]:
    """Grade group id -> its paper."""
    query = _with_items(select(Paper).where(Paper.olympiad_id == olympiad.id))
    return {paper.group_id: paper for paper in db.session.scalars(query)}


def item_of(olympiad: Olympiad, paper_task_id: int) -> PaperTask | None:
    """A task of one of this olympiad's papers."""
    return db.session.scalar(
        select(PaperTask)
        .join(Paper)
        .where(PaperTask.id == paper_task_id, Paper.olympiad_id == olympiad.id)
    )


def is_open(item: PaperTask) -> bool:
    return item.task_version.type == TaskType.OPEN


def closed_items(paper: Paper | None) -> list[PaperTask]:
    return [item for item in paper.items if not is_open(item)] if paper else []


def open_items(paper: Paper | None) -> list[PaperTask]:
    return [item for item in paper.items if is_open(item)] if paper else []


def criteria_of(item: PaperTask) -> list[dict]:
    return item.task_version.key.get("criteria", [])
