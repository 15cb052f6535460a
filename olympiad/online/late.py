"""Late answers: what a participant's browser kept while the connection was down and could send
only after the deadline.

The server stays the authority. A late answer is never scored by itself and never overwrites an
acknowledged one: it is kept for the task only if its save number (`seq`) is above the one
acknowledged, and it waits for the organizer. The page says how much time its countdown showed
when the answer was typed (`client_left`): that is shown to the organizer, never trusted, so a
forged time gains nothing the organizer did not accept. The organizer sees, per participant,
the last contact before the deadline, how many answers came late and for which tasks, and
accepts or refuses them with a reason, one participant or a whole school at once, audited,
only until marking starts (the olympiad leaves WRITING_STATES). Accepted answers become the
task's answers and are scored by the same engine (sheets.enter_answers); refused ones stay as
the work's history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from olympiad import audit
from olympiad.domain.online import FieldError, is_answered, read_fields
from olympiad.domain.task_keys import TaskType
from olympiad.extensions import db
from olympiad.models import (
    Attendance,
    LateAnswer,
    OnlineAnswer,
    OnlineAttempt,
    OnlineSitting,
    Participant,
    User,
)
from olympiad.online import attempts
from olympiad.online.sheets import enter_answers
from olympiad.online.sittings import WRITING_STATES, OnlineError

PENDING, ACCEPTED, REFUSED, SUPERSEDED = "pending", "accepted", "refused", "superseded"
MAX_CLIENT_LEFT = 24 * 3600


@dataclass(frozen=True)
class Kept:
    stored: bool  # False: this or a newer answer of the task is already kept (or decided)
    seq: int


def client_left(raw: str | None) -> int | None:
    """The page's countdown when the answer was typed, in seconds; None if unreadable."""
    try:
        value = int(raw or "")
    except ValueError:
        return None
    return value if 0 <= value <= MAX_CLIENT_LEFT else None


def _open_for_late(participant: Participant) -> bool:
    return (
        participant.olympiad.status in WRITING_STATES
        and participant.attendance != Attendance.DISQUALIFIED
    )


def receive(
    participant: Participant,
    sitting: OnlineSitting,
    position: int,
    fields,
    seq: int,
    left: int | None,
    now: datetime,
) -> Kept:
    """Keep a save that came after the deadline as a late answer waiting for the organizer.
    Raises attempts.TimeUp if the work was handed in by the participant (nothing of theirs is
    waiting then) or marking has started; InvalidAnswer for fields no form sends."""
    item = attempts.item_at(sitting, position)
    if item is None:
        raise attempts.InvalidAnswer(_("Такого задания в вашей работе нет."))
    version = item.task_version
    try:
        raw = read_fields(version.type, version.key, fields)
    except FieldError:
        raise attempts.InvalidAnswer(_("Ответ не удалось прочитать. Обновите страницу.")) from None
    attempt = attempts.lock(participant)
    if attempt is None or attempt.submitted_at is None or not attempt.auto_submitted:
        raise attempts.TimeUp(_("Работа уже сдана: ответы больше не меняются."))
    if not _open_for_late(participant):
        raise attempts.TimeUp(_("Онлайн-тур закрыт: олимпиада уже перешла к проверке работ."))
    acknowledged = db.session.scalar(
        select(OnlineAnswer.seq).where(
            OnlineAnswer.attempt_id == attempt.id, OnlineAnswer.paper_task_id == item.id
        )
    )
    if seq <= (acknowledged or 0):
        return Kept(False, acknowledged)
    late = db.session.scalar(
        select(LateAnswer)
        .where(LateAnswer.attempt_id == attempt.id, LateAnswer.paper_task_id == item.id)
        .execution_options(populate_existing=True)
    )
    if late is not None and late.status != PENDING:
        return Kept(False, seq)  # decided already: the page may forget it
    if late is not None and late.seq >= seq:
        return Kept(False, late.seq)
    if late is None:
        late = LateAnswer(attempt_id=attempt.id, paper_task_id=item.id, seq=seq)
        db.session.add(late)
    is_text = version.type == TaskType.OPEN
    late.value, late.text = (None, raw) if is_text else (raw, "")
    late.answered, late.seq, late.client_left, late.received_at = is_answered(raw), seq, left, now
    db.session.flush()
    return Kept(True, seq)


@dataclass(frozen=True)
class Waiting:
    """One participant's late answers, as the organizer sees them."""

    participant: Participant
    attempt: OnlineAttempt
    deadline: datetime
    last_contact: datetime  # the last page or acknowledged save before the late ones
    answers: list[LateAnswer]

    @property
    def pending(self) -> list[LateAnswer]:
        return [a for a in self.answers if a.status == PENDING]


def waiting(sitting: OnlineSitting, school_id: int | None = None) -> list[Waiting]:
    """The participants of a sitting with late answers (pending or decided), by school, name."""
    query = (
        select(LateAnswer)
        .join(OnlineAttempt, OnlineAttempt.id == LateAnswer.attempt_id)
        .join(Participant, Participant.id == OnlineAttempt.participant_id)
        .where(OnlineAttempt.sitting_id == sitting.id)
        .options(joinedload(LateAnswer.paper_task), joinedload(LateAnswer.attempt))
    )
    if school_id is not None:
        query = query.where(Participant.school_id == school_id)
    by_attempt: dict[int, list[LateAnswer]] = {}
    for late in db.session.scalars(query):
        by_attempt.setdefault(late.attempt_id, []).append(late)
    if not by_attempt:
        return []
    saved = dict(
        db.session.execute(
            select(OnlineAnswer.attempt_id, func.max(OnlineAnswer.saved_at))
            .where(OnlineAnswer.attempt_id.in_(by_attempt))
            .group_by(OnlineAnswer.attempt_id)
        ).all()
    )
    rows = []
    for attempt_id, answers in by_attempt.items():
        attempt = answers[0].attempt
        contacts = [attempt.last_seen_at, saved.get(attempt_id) or attempt.started_at]
        answers.sort(key=lambda a: a.paper_task.position)
        rows.append(
            Waiting(
                attempt.participant,
                attempt,
                attempts.deadline_of(attempt),
                max(contacts),
                answers,
            )
        )
    rows.sort(key=lambda w: (w.participant.school.short_name, w.participant.full_name))
    return rows


def _apply(late: LateAnswer, now: datetime) -> bool:
    """Make an accepted late answer the task's answer; False if a newer one was acknowledged
    meanwhile (after an extension): the late one is then superseded, never written over it."""
    answer = db.session.scalar(
        select(OnlineAnswer).where(
            OnlineAnswer.attempt_id == late.attempt_id,
            OnlineAnswer.paper_task_id == late.paper_task_id,
        )
    )
    if answer is not None and answer.seq >= late.seq:
        return False
    if answer is None:
        answer = OnlineAnswer(attempt_id=late.attempt_id, paper_task_id=late.paper_task_id)
        db.session.add(answer)
    answer.value, answer.text, answer.answered = late.value, late.text, late.answered
    answer.seq, answer.saved_at = late.seq, now
    return True


def decide(
    actor: User,
    participants: Iterable[Participant],
    accept: bool,
    reason: str,
    now: datetime,
) -> int:
    """Accept (or refuse) the pending late answers of these participants, with a reason;
    returns how many answers were decided. Accepted closed answers are scored at once."""
    reason = reason.strip()
    if not reason:
        raise OnlineError(_("Укажите причину решения."))
    decided = 0
    for participant in participants:
        if participant.olympiad.status not in WRITING_STATES:
            raise OnlineError(
                _("Проверка работ уже началась: поздние ответы больше не принимаются.")
            )
        attempt = attempts.lock(participant)
        if attempt is None:
            continue
        pending = db.session.scalars(
            select(LateAnswer)
            .where(LateAnswer.attempt_id == attempt.id, LateAnswer.status == PENDING)
            .options(joinedload(LateAnswer.paper_task))
            .execution_options(populate_existing=True)
        ).all()
        if not pending:
            continue
        tasks, superseded = [], []
        for late in pending:
            late.decided_by_id, late.decided_at, late.reason = actor.id, now, reason
            if not accept:
                late.status = REFUSED
            elif _apply(late, now):
                late.status = ACCEPTED
            else:
                late.status = SUPERSEDED
                superseded.append(late.paper_task.position)
                continue
            tasks.append(late.paper_task.position)
        db.session.flush()
        if accept and attempt.submitted_at is not None:
            db.session.expire(attempt, ["answers"])
            enter_answers(attempt, _("Онлайн-тур: организатор принял поздние ответы."))
        audit.record(
            actor,
            "online_late_accepted" if accept else "online_late_refused",
            attempt,
            new={"cipher": participant.cipher, "tasks": tasks, "superseded": superseded},
            reason=reason,
        )
        decided += len(pending)
    if not decided:
        raise OnlineError(_("Поздних ответов, ждущих решения, нет."))
    return decided


def pending_count(attempt: OnlineAttempt | None) -> int:
    if attempt is None:
        return 0
    return db.session.scalar(
        select(func.count())
        .select_from(LateAnswer)
        .where(LateAnswer.attempt_id == attempt.id, LateAnswer.status == PENDING)
    )
