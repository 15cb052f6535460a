"""Filing an appeal: by the participant (signed in with their code) or by their school's
coordinator, on one task of their own paper, while the appeal window is open. It flushes;
the view commits.

The olympiad's row is locked first: numbers are given one after another without gaps or
doubles, two windows cannot file the same appeal twice, and nobody files while the results
are being made final.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from olympiad import audit
from olympiad.appeals.records import AppealError, item_for, lock, task_points, work_of
from olympiad.extensions import db
from olympiad.models import Appeal, AppealState, Olympiad, Participant, User
from olympiad.results.states import appeals_open

MAX_REASONING = 2000
MAX_CONTESTED = 1000


def closed_message() -> str:
    return _(
        "Приём апелляций закрыт: апелляцию подают, пока результаты предварительные "
        "и не закончился срок подачи."
    )


def _pending(participant: Participant, paper_task_id: int) -> Appeal | None:
    return db.session.scalar(
        select(Appeal).where(
            Appeal.participant_id == participant.id,
            Appeal.paper_task_id == paper_task_id,
            Appeal.state == AppealState.PENDING,
        )
    )


def file_appeal(
    actor: User | None,
    participant: Participant,
    paper_task_id: int | None,
    reasoning: str,
    contested: str = "",
) -> Appeal:
    """File an appeal on one task; `actor` is the coordinator, or None for the participant.
    `contested` quotes what is disputed (the answer, a criterion's mark)."""
    olympiad = participant.olympiad
    reasoning = reasoning.strip()
    contested = (contested or "").strip()
    if len(contested) > MAX_CONTESTED:
        raise AppealError(_("Цитата длиннее %(n)s знаков: сократите её.", n=MAX_CONTESTED))
    if not reasoning:
        raise AppealError(_("Опишите, с чем вы не согласны и почему."))
    if len(reasoning) > MAX_REASONING:
        raise AppealError(_("Обоснование длиннее %(n)s знаков: сократите его.", n=MAX_REASONING))
    lock(Olympiad, olympiad)
    if not appeals_open(olympiad):
        raise AppealError(closed_message())
    work = work_of(participant)
    if work is None:
        raise AppealError(
            _("Апелляцию подают только на работу участника, который писал олимпиаду.")
        )
    item = item_for(participant, paper_task_id)
    if item is None:
        raise AppealError(_("Такого задания нет в работе этого участника."))
    waiting = _pending(participant, item.id)
    if waiting is not None:
        raise AppealError(
            _(
                "Апелляция на задание № %(task)s уже подана (№ %(n)s) и ждёт решения.",
                task=item.position,
                n=waiting.number,
            )
        )
    points = task_points(olympiad, work, item)
    number = (
        db.session.scalar(select(func.max(Appeal.number)).where(Appeal.olympiad_id == olympiad.id))
        or 0
    ) + 1
    appeal = Appeal(
        olympiad_id=olympiad.id,
        number=number,
        participant_id=participant.id,
        paper_task_id=item.id,
        reasoning=reasoning,
        contested=contested,
        filed_by_id=actor.id if actor else None,
        old_points=float(points),
    )
    db.session.add(appeal)
    db.session.flush()
    audit.record(
        actor,
        "appeal_filed",
        appeal,
        new={
            "number": number,
            "cipher": work.cipher,
            "task": item.position,
            "points": float(points),
            "by": "coordinator" if actor else "participant",
            "contested": contested,
        },
        reason=reasoning,
    )
    return appeal
