"""A participant's attempt: starting it, saving answers as they are typed, submitting it
(by the participant, or automatically when the time is up), and the organizer's extension.
They flush; the view commits (also after a refusal that submitted the work, see save()).

Every change of an attempt runs under a lock on its row (`lock`), taken as BEGIN IMMEDIATE on
SQLite and SELECT ... FOR UPDATE elsewhere, so a save, a submission and an extension of one
attempt never interleave, and a save never lands in a submitted work. The server's clock
decides: saves are accepted until the deadline plus domain.online.GRACE.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload

from olympiad import audit
from olympiad.database import begin_write
from olympiad.domain import online as rules
from olympiad.domain.online import MAX_EXTENSION, FieldError, is_answered, read_fields
from olympiad.domain.task_keys import TaskType
from olympiad.extensions import db
from olympiad.models import (
    Attendance,
    OnlineAnswer,
    OnlineAttempt,
    OnlineSitting,
    Paper,
    PaperTask,
    Participant,
    User,
)
from olympiad.online.sheets import enter_answers
from olympiad.online.sittings import WRITING_STATES, OnlineError, window
from olympiad.text import check_text

LAYOUTS = ("one", "all")
SEEN_EVERY = timedelta(seconds=30)


class TimeUp(OnlineError):
    """The work is submitted (or its time is over): nothing more is saved."""


class InvalidAnswer(OnlineError):
    """The request cannot come from the task's form."""


@dataclass(frozen=True)
class Saved:
    stored: bool  # False: a newer save of this task was already stored
    seq: int  # the stored save's number
    answered: bool
    left: timedelta


# built once: each page of a participant writing online runs some of them
_OF_PARTICIPANT = select(OnlineAttempt).where(
    OnlineAttempt.participant_id == bindparam("participant_id")
)
_LOCKED = _OF_PARTICIPANT.with_for_update().execution_options(populate_existing=True)
_PARTICIPANT_LOCKED = (
    select(Participant.id).where(Participant.id == bindparam("participant_id")).with_for_update()
)
_ANY_TASK = select(PaperTask.id).join(Paper).where(Paper.group_id == bindparam("group_id")).limit(1)


def attempt_of(participant: Participant) -> OnlineAttempt | None:
    return db.session.scalar(_OF_PARTICIPANT, {"participant_id": participant.id})


def deadline_of(attempt: OnlineAttempt) -> datetime:
    return rules.deadline(window(attempt.sitting), attempt.started_at, attempt.extra_minutes)


def item_at(sitting: OnlineSitting, position: int) -> PaperTask | None:
    """Task number `position` of the sitting's paper: never a task of another paper."""
    return db.session.scalar(
        select(PaperTask)
        .join(Paper)
        .where(Paper.group_id == sitting.group_id, PaperTask.position == position)
        .options(joinedload(PaperTask.task_version))
    )


def _has_tasks(sitting: OnlineSitting) -> bool:
    return db.session.scalar(_ANY_TASK, {"group_id": sitting.group_id}) is not None


def lock(participant: Participant) -> OnlineAttempt | None:
    """The participant's attempt, read afresh under the row lock."""
    begin_write(db.session)
    return db.session.scalar(_LOCKED, {"participant_id": participant.id})


def _check_writing(participant: Participant) -> None:
    if participant.olympiad.status not in WRITING_STATES:
        raise TimeUp(_("Онлайн-тур закрыт: олимпиада уже перешла к проверке работ."))
    if participant.attendance == Attendance.DISQUALIFIED:
        raise TimeUp(_("Работа остановлена: участник дисквалифицирован."))


def start(participant: Participant, sitting: OnlineSitting, now: datetime) -> OnlineAttempt:
    """Start the participant's work now (or return the one already started)."""
    _check_writing(participant)
    state = rules.window_state(window(sitting), now)
    if state != rules.WindowState.OPEN:
        raise OnlineError(
            _("Онлайн-тур ещё не начался.")
            if state == rules.WindowState.BEFORE
            else _("Время онлайн-тура закончилось.")
        )
    if not _has_tasks(sitting):
        raise OnlineError(_("Задания ещё не готовы. Сообщите организатору."))
    if sitting.supervised and participant.attendance != Attendance.PRESENT:
        raise OnlineError(
            _("Дождитесь, пока координатор отметит, что вы пришли, и нажмите «Начать» снова.")
        )
    begin_write(db.session)
    # two clicks on "start" at once: the participant's row serializes them (no attempt yet)
    db.session.execute(_PARTICIPANT_LOCKED, {"participant_id": participant.id})
    attempt = lock(participant)
    if attempt is not None:
        return attempt
    if participant.attendance != Attendance.PRESENT:  # at home: starting is being present
        old = {"attendance": participant.attendance.value, "reason": ""}
        participant.attendance = Attendance.PRESENT
        reason = _("Онлайн-тур: участник начал работу.")
        new = {"attendance": Attendance.PRESENT.value, "reason": ""}
        audit.record(None, "attendance_marked", participant, old=old, new=new, reason=reason)
    attempt = OnlineAttempt(
        sitting_id=sitting.id, participant_id=participant.id, started_at=now, last_seen_at=now
    )
    db.session.add(attempt)
    db.session.flush()
    due = deadline_of(attempt).isoformat()
    audit.record(
        None, "online_started", attempt, new={"cipher": participant.cipher, "deadline": due}
    )
    return attempt


def _writable(participant: Participant, attempt: OnlineAttempt | None, now: datetime):
    """Refuse a save into a work that is not being written; submit one whose time is over."""
    if attempt is None:
        raise TimeUp(_("Работа ещё не начата."))
    if attempt.submitted_at is not None:
        raise TimeUp(_("Работа уже сдана: ответы больше не меняются."))
    _check_writing(participant)
    if not rules.accepts_saves(deadline_of(attempt), now):
        submit_locked(attempt, now, auto=True)
        raise TimeUp(_("Время вышло: работа сдана автоматически."))


def save(
    participant: Participant,
    sitting: OnlineSitting,
    position: int,
    fields,
    seq: int | None,
    now: datetime,
) -> Saved:
    """Store what the task's form holds, unless a save with a higher `seq` is already stored
    (None: one more than the stored one, a plain form's save). Raises TimeUp (the view still
    commits: the work may just have been submitted) or InvalidAnswer."""
    item = item_at(sitting, position)
    if item is None:
        raise InvalidAnswer(_("Такого задания в вашей работе нет."))
    version = item.task_version
    try:
        raw = read_fields(version.type, version.key, fields)
    except FieldError:
        raise InvalidAnswer(_("Ответ не удалось прочитать. Обновите страницу.")) from None
    if isinstance(raw, str) and (problem := check_text(raw)):
        raise InvalidAnswer(problem)
    attempt = lock(participant)
    _writable(participant, attempt, now)
    query = select(OnlineAnswer).where(
        OnlineAnswer.attempt_id == attempt.id, OnlineAnswer.paper_task_id == item.id
    )
    answer = db.session.scalar(query.execution_options(populate_existing=True))
    stored_seq = answer.seq if answer else 0
    seq = stored_seq + 1 if seq is None else seq
    left = rules.time_left(deadline_of(attempt), now)
    if seq <= stored_seq:
        return Saved(False, stored_seq, bool(answer and answer.answered), left)
    if answer is None:
        answer = OnlineAnswer(attempt_id=attempt.id, paper_task_id=item.id)
        db.session.add(answer)
    is_text = version.type == TaskType.OPEN
    answer.value, answer.text = (None, raw) if is_text else (raw, "")
    answer.answered, answer.seq, answer.saved_at = is_answered(raw), seq, now
    if now - attempt.last_seen_at > SEEN_EVERY:  # idle is minutes: no write on every save
        attempt.last_seen_at = now
    db.session.flush()
    return Saved(True, seq, answer.answered, left)


def seen(attempt: OnlineAttempt, now: datetime, position: int | None = None) -> None:
    """The participant opened a page: not idle, and (for one task a screen) where they are.
    Nothing is written when neither changed (the first page right after the start, pages
    within SEEN_EVERY on the same task): idle is minutes, as for saves."""
    if now - attempt.last_seen_at < SEEN_EVERY and position in (None, attempt.position):
        return
    values: dict = {"last_seen_at": now}
    if position is not None:
        values["position"] = position
    db.session.execute(
        update(OnlineAttempt)
        .where(OnlineAttempt.id == attempt.id, OnlineAttempt.submitted_at.is_(None))
        .values(**values)
    )


def set_layout(attempt: OnlineAttempt, layout: str) -> None:
    if layout in LAYOUTS:
        db.session.execute(
            update(OnlineAttempt).where(OnlineAttempt.id == attempt.id).values(layout=layout)
        )


def submit_locked(attempt: OnlineAttempt, now: datetime, *, auto: bool) -> None:
    """Submit an attempt whose row is locked; an automatic submission counts at the deadline."""
    if attempt.submitted_at is not None:
        return
    due = deadline_of(attempt)
    attempt.submitted_at = min(now, due) if auto else now
    attempt.auto_submitted = auto
    answered = enter_answers(attempt)
    texts = sum(1 for a in attempt.answers if a.text.strip())
    audit.record(
        None,
        "online_submitted",
        attempt,
        new={
            "cipher": attempt.participant.cipher,
            "auto": auto,
            "closed_answered": answered,
            "open_answered": texts,
            "at": attempt.submitted_at.isoformat(),
        },
    )


def submit(participant: Participant, now: datetime) -> OnlineAttempt:
    """The participant hands in the work (or asks after the deadline: it is then automatic)."""
    attempt = lock(participant)
    if attempt is None:
        raise OnlineError(_("Работа ещё не начата."))
    if attempt.submitted_at is None:
        auto = now >= deadline_of(attempt)
        submit_locked(attempt, now, auto=auto)
    return attempt


def finish_if_over(participant: Participant, attempt: OnlineAttempt, now: datetime) -> bool:
    """The participant's own page after the deadline: submit now (no save of theirs is in
    flight any more). True if the work is (now) submitted."""
    if attempt.submitted_at is not None:
        return True
    if now < deadline_of(attempt):
        return False
    submit(participant, now)
    return True


def extend(actor: User, participant: Participant, minutes: int, reason: str, now: datetime):
    """Give one participant more time, with a reason. A work submitted automatically at the
    deadline is reopened if the new deadline is still ahead; one handed in is not."""
    reason = reason.strip()
    if not reason:
        raise OnlineError(_("Укажите причину продления."))
    if not 1 <= minutes <= MAX_EXTENSION:
        raise OnlineError(_("Продлить можно на 1–%(n)s минут.", n=MAX_EXTENSION))
    if participant.olympiad.status not in WRITING_STATES:
        raise OnlineError(_("Онлайн-тур закрыт: олимпиада уже перешла к проверке работ."))
    attempt = lock(participant)
    if attempt is None:
        raise OnlineError(_("Участник ещё не начал работу: продлевать нечего."))
    if attempt.submitted_at is not None and not attempt.auto_submitted:
        raise OnlineError(_("Участник сам сдал работу: её время не продлевают."))
    old_due = deadline_of(attempt)
    attempt.extra_minutes += minutes
    new_due = deadline_of(attempt)
    if attempt.submitted_at is not None:
        if now >= new_due:
            raise OnlineError(_("И с этим продлением время уже вышло: добавьте больше минут."))
        attempt.submitted_at, attempt.auto_submitted = None, False
    db.session.flush()
    audit.record(
        actor,
        "online_extended",
        attempt,
        old={"deadline": old_due.isoformat()},
        new={"deadline": new_due.isoformat(), "minutes": minutes},
        reason=reason,
    )
    return attempt
