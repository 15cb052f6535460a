"""Every present participant's points per task, read in a fixed number of queries.

Closed tasks give the scoring engine's points; open tasks the jury's final mark (double
marking resolved by the same rule as on the marking pages). The number of queries does not
grow with the number of participants: a rating table of 2,000 costs the same six queries as
one of 20.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from olympiad.domain.marking import resolve
from olympiad.extensions import db
from olympiad.marking.works import is_open, papers_of
from olympiad.models import (
    Answer,
    Attendance,
    Mark,
    MarkSlot,
    Olympiad,
    Paper,
    Participant,
    ParticipantStatus,
)


@dataclass
class Scores:
    participants: list[Participant]  # present, with a cipher, school loaded
    papers: dict[int, Paper]  # grade group id -> paper
    points: dict[int, dict[int, Decimal | None]]  # participant id -> paper task id -> points

    def of(self, participant_id: int, paper_task_id: int) -> Decimal | None:
        return self.points.get(participant_id, {}).get(paper_task_id)

    def total(self, participant_id: int) -> Decimal:
        return sum((p for p in self.points.get(participant_id, {}).values() if p), Decimal(0))


def present(olympiad: Olympiad, grades: tuple[int, ...] | None = None):
    query = (
        select(Participant)
        .where(
            Participant.olympiad_id == olympiad.id,
            Participant.status == ParticipantStatus.ENROLLED,
            Participant.attendance == Attendance.PRESENT,
            Participant.cipher.is_not(None),
        )
        .options(joinedload(Participant.school), joinedload(Participant.consents))
    )
    if grades is not None:
        query = query.where(Participant.grade_competed.in_(grades))
    return query


def _of(query, olympiad: Olympiad, grades: tuple[int, ...] | None):
    query = query.where(Participant.olympiad_id == olympiad.id)
    return query if grades is None else query.where(Participant.grade_competed.in_(grades))


def _closed_points(olympiad: Olympiad, grades=None) -> dict[tuple[int, int], Decimal]:
    rows = db.session.execute(
        _of(
            select(Answer.participant_id, Answer.paper_task_id, Answer.points).join(
                Participant, Participant.id == Answer.participant_id
            ),
            olympiad,
            grades,
        )
    )
    return {(r.participant_id, r.paper_task_id): Decimal(str(r.points)) for r in rows}


def _open_marks(olympiad: Olympiad, grades=None) -> dict[tuple[int, int], dict[MarkSlot, float]]:
    rows = db.session.execute(
        _of(
            select(Mark.participant_id, Mark.paper_task_id, Mark.slot, Mark.total).join(
                Participant, Participant.id == Mark.participant_id
            ),
            olympiad,
            grades,
        )
    )
    marks: dict[tuple[int, int], dict[MarkSlot, float]] = defaultdict(dict)
    for row in rows:
        marks[(row.participant_id, row.paper_task_id)][row.slot] = row.total
    return marks


def scores(olympiad: Olympiad, grades: tuple[int, ...] | None = None) -> Scores:
    """Every present participant's points (`grades`: of those who competed in these only)."""
    participants = list(db.session.scalars(present(olympiad, grades)).unique())
    papers = papers_of(olympiad)
    closed = _closed_points(olympiad, grades)
    marks = _open_marks(olympiad, grades)
    points: dict[int, dict[int, Decimal | None]] = {}
    for participant in participants:
        group = olympiad.group_of(participant.grade_competed)
        paper = papers.get(group.id) if group else None
        row: dict[int, Decimal | None] = {}
        for item in paper.items if paper else []:
            key = (participant.id, item.id)
            if not is_open(item):
                row[item.id] = closed.get(key, Decimal(0))
                continue
            slots = marks.get(key, {})
            row[item.id] = resolve(
                slots.get(MarkSlot.FIRST),
                slots.get(MarkSlot.SECOND),
                slots.get(MarkSlot.CHAIR),
                markers=item.markers,
                tolerance=olympiad.marking_tolerance,
                rule=olympiad.marking_rule,
            ).final
        points[participant.id] = row
    return Scores(participants, papers, points)
