"""The chair's decision on an appeal: rejected (the mark is kept) or accepted with a new mark,
higher or lower. It flushes; the view commits.

The new mark goes the way every mark goes, audited with the appeal's number in the reason:
an open task gets the chair's final mark (marks.save_mark in its appeal mode), a closed task
its answer's points. Places and statuses follow by themselves: preliminary rating tables are
computed from the marks whenever they are shown.
"""

from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _

from olympiad import audit
from olympiad.appeals.records import DECIDED, AppealError, lock, task_points, work_of
from olympiad.domain.marking import criteria_errors
from olympiad.extensions import db
from olympiad.marking.access import is_chair
from olympiad.marking.answers import answer_of, lock_work
from olympiad.marking.labels import show_points
from olympiad.marking.marks import read_number, save_mark
from olympiad.marking.works import Work, is_open
from olympiad.models import (
    Answer,
    Appeal,
    AppealState,
    Olympiad,
    OlympiadStatus,
    PaperTask,
    User,
)
from olympiad.models.base import utcnow
from olympiad.versions import UNCHECKED, is_stale

MAX_REASON = 2000


def read_points(item: PaperTask, text: str | None) -> Decimal:
    """The new mark typed in: 0 to the task's maximum, whole points or halves."""
    top = item.task_version.max_points
    value = read_number(text or "")
    if value is None:
        raise AppealError(_("Укажите новую оценку: от 0 до %(max)s баллов.", max=show_points(top)))
    errors = criteria_errors([{"title": _("Новая оценка"), "max": top}], [value])
    if errors:
        raise AppealError(" ".join(errors))
    return Decimal(value)


def decide(
    actor: User,
    appeal: Appeal,
    state: AppealState | str,
    new_points: str | None,
    reason: str,
    version: int | None,
) -> Appeal:
    """Decide a pending appeal. `version` is the appeal's version the form showed."""
    reason = reason.strip()
    if state not in DECIDED:
        raise AppealError(_("Выберите решение: отклонить апелляцию или удовлетворить её."))
    state = AppealState(state)
    if not reason:
        raise AppealError(_("Укажите обоснование решения."))
    if len(reason) > MAX_REASON:
        raise AppealError(_("Обоснование длиннее %(n)s знаков: сократите его.", n=MAX_REASON))
    item = appeal.paper_task
    after = read_points(item, new_points) if state == AppealState.ACCEPTED else None
    participant = appeal.participant
    olympiad = participant.olympiad
    lock(Olympiad, olympiad, read=True)
    if olympiad.status != OlympiadStatus.PRELIMINARY:
        raise AppealError(
            _("Апелляции рассматривают, пока результаты предварительные: решение принять нельзя.")
        )
    if not is_chair(olympiad, actor):
        raise AppealError(_("Решение по апелляции принимает председатель жюри."))
    lock(Appeal, appeal)
    if appeal.state != AppealState.PENDING or is_stale(version, appeal.version):
        raise AppealError(
            _(
                "Пока форма была открыта, по апелляции № %(n)s уже приняли решение. "
                "Посмотрите его.",
                n=appeal.number,
            )
        )
    work = work_of(participant)
    if work is None:
        raise AppealError(_("Работа этого участника не оценивается: он не отмечен как писавший."))
    before = task_points(olympiad, work, item)
    if after is None:
        after = before
    elif after == before:
        raise AppealError(
            _(
                "Новая оценка совпадает с нынешней (%(p)s б.). Если оценка не меняется, "
                "отклоните апелляцию.",
                p=show_points(before),
            )
        )
    else:
        _change_mark(actor, appeal, work, item, after, reason)
    appeal.state = state
    appeal.old_points = float(before)  # the mark the decision was taken on
    appeal.new_points = float(after)
    appeal.decision = reason
    appeal.decided_by_id = actor.id
    appeal.decided_at = utcnow()
    db.session.flush()
    audit.record(
        actor,
        "appeal_decided",
        appeal,
        old={"state": AppealState.PENDING.value, "points": float(before)},
        new={
            "number": appeal.number,
            "cipher": work.cipher,
            "task": item.position,
            "state": state.value,
            "points": float(after),
        },
        reason=reason,
    )
    from olympiad.mail import events

    events.appeal_decided(appeal, olympiad, participant.school_id, state == AppealState.ACCEPTED)
    return appeal


def _change_mark(
    actor: User, appeal: Appeal, work: Work, item: PaperTask, points: Decimal, reason: str
) -> None:
    olympiad = appeal.participant.olympiad
    why = _("Апелляция № %(n)s: %(reason)s", n=appeal.number, reason=reason)
    if is_open(item):
        save_mark(
            actor,
            olympiad,
            work,
            item,
            [],
            why,
            UNCHECKED,
            why,
            total_points=float(points),
            appeal=True,
        )
        return
    lock_work(olympiad, work, appeal=True)
    answer = answer_of(work, item, fresh=True)
    old = {"cipher": work.cipher, "task": item.position, "points": 0.0}
    if answer is None:  # nothing was typed in for the task: the row is made for its points
        answer = Answer(participant_id=work.id, paper_task_id=item.id, value=None, text="")
        db.session.add(answer)
    else:
        old |= {"text": answer.text, "points": float(answer.points)}
    answer.points = float(points)
    db.session.flush()
    new = {"cipher": work.cipher, "task": item.position, "points": answer.points}
    if answer.text:
        new["text"] = answer.text
    audit.record(actor, "answer_points_appealed", answer, old=old, new=new, reason=why)
