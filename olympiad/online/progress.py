"""How a sitting is going, for the organizer and the coordinators: who has not started, who
writes, who is idle, who has submitted; and the check that lets marking start only when the
online round is over."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from olympiad.database import begin_write
from olympiad.domain import online as rules
from olympiad.extensions import db
from olympiad.models import (
    Attendance,
    Olympiad,
    OnlineAnswer,
    OnlineAttempt,
    OnlineSitting,
    Participant,
)
from olympiad.online.attempts import deadline_of, submit_locked
from olympiad.online.screen import task_count
from olympiad.online.sittings import OnlineError, members, sittings_of

# what a participant who has not started shows instead of "not started"
WAITING = "waiting"  # supervised: attendance not confirmed yet
ABSENT = "absent"
DISQUALIFIED = "disqualified"
AUTO = "auto"  # submitted when the time was up, not handed in


@dataclass
class Row:
    participant: Participant
    attempt: OnlineAttempt | None
    state: str
    answered: int = 0
    due: datetime | None = None
    left: timedelta | None = None


@dataclass
class SittingProgress:
    sitting: OnlineSitting
    tasks: int
    rows: list[Row] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(row.state for row in self.rows)


def submit_due(sitting_ids: list[int], now: datetime) -> int:
    """Submit every attempt of these sittings whose time and grace are over (run when anyone
    looks at the progress or the olympiad moves to marking). Returns how many."""
    if not sitting_ids:
        return 0
    query = select(OnlineAttempt).where(
        OnlineAttempt.sitting_id.in_(sitting_ids), OnlineAttempt.submitted_at.is_(None)
    )
    due = [a.id for a in db.session.scalars(query) if rules.is_due(deadline_of(a), now)]
    if not due:
        return 0
    begin_write(db.session)
    query = select(OnlineAttempt).where(
        OnlineAttempt.id.in_(due), OnlineAttempt.submitted_at.is_(None)
    )
    locked = db.session.scalars(
        query.order_by(OnlineAttempt.id).with_for_update().execution_options(populate_existing=True)
    ).all()
    for attempt in locked:
        submit_locked(attempt, now, auto=True)
    db.session.flush()
    return len(locked)


def _not_started(sitting: OnlineSitting, participant: Participant) -> str:
    if participant.attendance == Attendance.DISQUALIFIED:
        return DISQUALIFIED
    if participant.attendance == Attendance.ABSENT:
        return ABSENT
    if sitting.supervised and participant.attendance != Attendance.PRESENT:
        return WAITING
    return rules.AttemptState.NOT_STARTED.value


def progress(sitting: OnlineSitting, now: datetime, school_id: int | None = None):
    """Each participant of the sitting (of one school, if given), after submitting the works
    whose time is over."""
    submit_due([sitting.id], now)
    people = db.session.scalars(
        members(sitting, school_id).options(selectinload(Participant.school))
    ).all()
    attempts = {
        a.participant_id: a
        for a in db.session.scalars(
            select(OnlineAttempt).where(OnlineAttempt.sitting_id == sitting.id)
        )
    }
    answered = dict(
        db.session.execute(
            select(OnlineAnswer.attempt_id, func.count(OnlineAnswer.id))
            .join(OnlineAttempt, OnlineAttempt.id == OnlineAnswer.attempt_id)
            .where(OnlineAttempt.sitting_id == sitting.id, OnlineAnswer.answered.is_(True))
            .group_by(OnlineAnswer.attempt_id)
        ).all()
    )
    result = SittingProgress(sitting, task_count(sitting.group_id))
    for participant in people:
        attempt = attempts.get(participant.id)
        if attempt is None:
            result.rows.append(Row(participant, None, _not_started(sitting, participant)))
            continue
        due = deadline_of(attempt)
        state = rules.attempt_state(
            attempt.started_at, attempt.submitted_at, attempt.last_seen_at, due, now
        )
        shown = AUTO if state == rules.AttemptState.SUBMITTED and attempt.auto_submitted else state
        row = Row(participant, attempt, shown, answered.get(attempt.id, 0), due)
        if attempt.submitted_at is None:
            row.left = rules.time_left(due, now)
        result.rows.append(row)
    return result


def ensure_finished(olympiad: Olympiad, now: datetime) -> None:
    """Before marking starts: works whose time is over are submitted now; marking is refused
    while anyone still writes, or while a sitting's window is open and some of its
    participants (not marked absent or disqualified) have not submitted."""
    sittings = sittings_of(olympiad)
    submit_due([s.id for s in sittings], now)
    for sitting in sittings:
        writing = db.session.scalar(
            select(func.count(OnlineAttempt.id)).where(
                OnlineAttempt.sitting_id == sitting.id, OnlineAttempt.submitted_at.is_(None)
            )
        )
        if writing:
            raise OnlineError(
                _(
                    "Проверку начинать рано: в онлайн-туре группы «%(group)s» ещё пишут работу "
                    "(%(n)s). Дождитесь, пока их время выйдет, — работы сдадутся сами.",
                    group=sitting.group.name,
                    n=writing,
                )
            )
        if now >= sitting.ends_at:
            continue
        started = select(OnlineAttempt.participant_id).where(OnlineAttempt.sitting_id == sitting.id)
        waiting = sum(
            1
            for p in db.session.scalars(members(sitting).where(Participant.id.not_in(started)))
            if p.attendance not in (Attendance.ABSENT, Attendance.DISQUALIFIED)
        )
        if waiting:
            raise OnlineError(
                _(
                    "Проверку начинать рано: онлайн-тур группы «%(group)s» идёт до %(end)s, "
                    "и ещё не начали работу участников: %(n)s. Начните проверку после конца "
                    "тура или отметьте их отсутствие.",
                    group=sitting.group.name,
                    end=format_datetime(sitting.ends_at, "d MMMM, HH:mm"),
                    n=waiting,
                )
            )
