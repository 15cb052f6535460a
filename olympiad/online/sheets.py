"""From the screen to the jury: a submitted attempt becomes an answer sheet.

Closed answers become `Answer` rows exactly like answers typed in from a paper sheet (the
same text format, scored by the same engine, "-" for no answer, audited as entered), so the
jury's grid, progress, key corrections and results treat online works and paper works alike.
Open answers stay in the attempt; the jury's marking pages show them by cipher
(`open_answer`), and marks go through the usual marking code.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from olympiad import audit
from olympiad.domain.online import sheet_answer
from olympiad.domain.scoring import score
from olympiad.extensions import db
from olympiad.marking.works import Work, is_open, paper_of
from olympiad.models import Answer, OnlineAnswer, OnlineAttempt, PaperTask, Participant


def _snapshot(cipher: str | None, item: PaperTask, answer: Answer) -> dict:
    return {
        "cipher": cipher,
        "task": item.position,
        "text": answer.text,
        "points": float(answer.points),
    }


def enter_answers(attempt: OnlineAttempt, reason: str | None = None) -> int:
    """Write the attempt's closed answers as scored sheet answers; returns how many were
    answered. A re-submission (after an extension, or when the organizer accepts late answers)
    updates the rows it wrote before, audited with `reason`."""
    participant: Participant = attempt.participant
    paper = paper_of(attempt.sitting.group)
    typed = {a.paper_task_id: a.value for a in attempt.answers}
    query = select(Answer).where(Answer.participant_id == participant.id)
    existing = {a.paper_task_id: a for a in db.session.scalars(query)}
    entered, changed, answered = [], [], 0
    for item in paper.items if paper else []:
        if is_open(item):
            continue
        version = item.task_version
        value, text = sheet_answer(version.type, version.key, typed.get(item.id))
        points = float(score(version.type, version.key, version.max_points, value))
        answered += text != "-"
        answer = existing.get(item.id)
        if answer is None:
            answer = Answer(participant_id=participant.id, paper_task_id=item.id)
            answer.value, answer.text, answer.points = value, text, points
            db.session.add(answer)
            entered.append((item, answer))
        elif (answer.text, float(answer.points)) != (text, points):
            changed.append((item, answer, _snapshot(participant.cipher, item, answer)))
            answer.value, answer.text, answer.points = value, text, points
    db.session.flush()
    for item, answer in entered:
        audit.record(
            None, "answer_entered", answer, new=_snapshot(participant.cipher, item, answer)
        )
    for item, answer, old in changed:
        audit.record(
            None,
            "answer_changed",
            answer,
            old=old,
            new=_snapshot(participant.cipher, item, answer),
            reason=reason or _("Онлайн-тур: работа сдана снова после продления времени."),
        )
    return answered


def open_answer(work: Work, item: PaperTask) -> str | None:
    """The text a participant typed online for an open task, once the work is submitted;
    None if the work was written on paper (or is still being written)."""
    row = db.session.execute(
        select(OnlineAnswer.text)
        .join(OnlineAttempt, OnlineAttempt.id == OnlineAnswer.attempt_id)
        .where(
            OnlineAttempt.participant_id == work.id,
            OnlineAttempt.submitted_at.is_not(None),
            OnlineAnswer.paper_task_id == item.id,
        )
    ).first()
    if row is not None:
        return row.text
    submitted = db.session.scalar(
        select(OnlineAttempt.id).where(
            OnlineAttempt.participant_id == work.id, OnlineAttempt.submitted_at.is_not(None)
        )
    )
    return "" if submitted is not None else None
