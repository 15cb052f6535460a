"""Changing results: the award settings, the organizer's status overrides, the chair's
approval that freezes the final protocol. Each change is audited; the views commit."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy import func, select

from olympiad import audit
from olympiad.actions import Refused
from olympiad.database import begin_write
from olympiad.domain.appeal_window import ApprovalBar, approval_bar
from olympiad.domain.awards import AwardRules, Status
from olympiad.domain.olympiad_rules import FROZEN, OlympiadStatus
from olympiad.extensions import db
from olympiad.marking.access import is_chair
from olympiad.models import (
    Appeal,
    AppealState,
    FrozenResult,
    Olympiad,
    Participant,
    StatusOverride,
    User,
)
from olympiad.models.base import utcnow
from olympiad.results.rules import stored
from olympiad.results.states import has_results
from olympiad.results.tables import Line, Table, rating_tables
from olympiad.versions import is_stale


class ResultsError(Refused):
    """A refused change of results, with a message for the user."""


def _lock(olympiad: Olympiad) -> None:
    """Serialize changes of one olympiad's results and read its state again under the lock."""
    begin_write(db.session)
    status = db.session.scalar(
        select(Olympiad.status).where(Olympiad.id == olympiad.id).with_for_update()
    )
    if status in FROZEN:
        raise ResultsError(_("Итоговые результаты утверждены: их больше нельзя изменить."))


def _check_version(olympiad: Olympiad, version: int | None) -> None:
    if is_stale(version, olympiad.version):
        raise ResultsError(
            _("Пока вы редактировали, настройки изменил другой пользователь. Обновите страницу.")
        )


@dataclass(frozen=True)
class Change:
    line: Line
    old: Status
    new: Status


def preview(olympiad: Olympiad, rules: AwardRules, by_group: bool) -> list[Change]:
    """Whose status the rules would change (computed statuses, before any override)."""
    before = {
        line.participant.id: line for table in rating_tables(olympiad) for line in table.lines
    }
    after = [line for table in rating_tables(olympiad, rules, by_group) for line in table.lines]
    old = {key: line.computed for key, line in before.items()}
    return [
        Change(line, old[line.participant.id], line.computed)
        for line in after
        if line.participant.id in old and old[line.participant.id] != line.computed
    ]


def save_settings(
    actor: User,
    olympiad: Olympiad,
    rules: AwardRules,
    by_group: bool,
    appeals_close_at: datetime | None,
    version: int | None,
) -> None:
    _check_version(olympiad, version)
    _lock(olympiad)
    current = olympiad.appeals_close_at
    if (
        olympiad.status == OlympiadStatus.PRELIMINARY
        and current is not None
        and (appeals_close_at is None or appeals_close_at < current)
    ):
        raise ResultsError(
            _(
                "Срок подачи апелляций уже объявлен участникам: его можно продлить, но не "
                "сократить и не убрать."
            )
        )
    old = {
        "rules": olympiad.award_rules,
        "by_group": olympiad.rank_by_group,
        "appeals_close_at": str(olympiad.appeals_close_at or ""),
    }
    olympiad.award_rules = stored(rules)
    olympiad.rank_by_group = by_group
    olympiad.appeals_close_at = appeals_close_at
    db.session.flush()
    new = {
        "rules": olympiad.award_rules,
        "by_group": by_group,
        "appeals_close_at": str(appeals_close_at or ""),
    }
    audit.record(actor, "results_settings", olympiad, old=old, new=new)


def override_of(participant: Participant) -> StatusOverride | None:
    return db.session.scalar(
        select(StatusOverride).where(StatusOverride.participant_id == participant.id)
    )


def set_override(
    actor: User, olympiad: Olympiad, participant: Participant, status: Status | None, reason: str
) -> None:
    """The organizer's status for one participant (None: back to what the rules give)."""
    if participant.olympiad_id != olympiad.id:
        raise ResultsError(_("Этот участник не из этой олимпиады."))
    if not has_results(olympiad):
        raise ResultsError(_("Статусы появятся, когда проверка работ будет завершена."))
    reason = reason.strip()
    if not reason:
        raise ResultsError(_("Укажите причину: она попадёт в протокол."))
    _lock(olympiad)
    current = override_of(participant)
    old = {"status": current.status.value if current else None}
    if status is None:
        if current is None:
            return
        db.session.delete(current)
    elif current is None:
        current = StatusOverride(
            participant_id=participant.id, status=status, reason=reason, set_by_id=actor.id
        )
        db.session.add(current)
    else:
        current.status, current.reason, current.set_by_id = status, reason, actor.id
        current.set_at = utcnow()
    db.session.flush()
    new = {"status": status.value if status else None, "cipher": participant.cipher}
    audit.record(actor, "status_override", participant, old=old, new=new, reason=reason)


def approval_blockers(
    olympiad: Olympiad, now: datetime | None = None, tables: list[Table] | None = None
) -> list[str]:
    """What still stands between preliminary and final results (`tables`: the rating tables
    if the caller has them already)."""
    if olympiad.status != OlympiadStatus.PRELIMINARY:
        return [_("Утвердить можно только предварительные результаты.")]
    blockers = []
    closes = olympiad.appeals_close_at
    bar = approval_bar(closes, now or utcnow())
    if bar is ApprovalBar.NO_END:
        blockers.append(
            _(
                "У срока подачи апелляций нет окончания: организатор должен указать, до "
                "какого времени их принимают, и дождаться его."
            )
        )
    elif bar is ApprovalBar.NOT_ENDED:
        blockers.append(
            _(
                "Приём апелляций ещё не закончился: он идёт до %(when)s.",
                when=format_datetime(closes, "d MMMM y, HH:mm"),
            )
        )
    pending = db.session.scalar(
        select(func.count(Appeal.id)).where(
            Appeal.olympiad_id == olympiad.id, Appeal.state == AppealState.PENDING
        )
    )
    if pending:
        blockers.append(_("Не рассмотрено апелляций: %(n)s.", n=pending))
    tables = rating_tables(olympiad) if tables is None else tables
    undecided = sum(line.status == Status.UNDECIDED for t in tables for line in t.lines)
    if undecided:
        blockers.append(
            _(
                "У %(n)s участников статус «решает жюри»: организатор должен указать статус "
                "каждому из них.",
                n=undecided,
            )
        )
    return blockers


def approve_final(actor: User, olympiad: Olympiad, order: str, order_date: date) -> None:
    """The chair approves the final protocol: places and statuses are frozen as they are."""
    if not is_chair(olympiad, actor):
        raise ResultsError(_("Итоговый протокол утверждает председатель жюри."))
    order = order.strip()
    if not order:
        raise ResultsError(_("Укажите номер приказа (распоряжения) об утверждении."))
    _lock(olympiad)
    blockers = approval_blockers(olympiad)
    if blockers:
        raise ResultsError(" ".join(blockers))
    for table in rating_tables(olympiad):
        for position, line in enumerate(table.lines):
            db.session.add(
                FrozenResult(
                    olympiad_id=olympiad.id,
                    participant_id=line.participant.id,
                    unit=table.unit,
                    position=position,
                    place=line.place,
                    total=float(line.total),
                    max_total=float(table.max_total),
                    percent=float(line.percent),
                    status=line.status,
                    overridden=line.override is not None,
                )
            )
    olympiad.status = OlympiadStatus.FINAL
    olympiad.final_order, olympiad.final_order_date = order, order_date
    olympiad.final_approved_by_id, olympiad.final_approved_at = actor.id, utcnow()
    db.session.flush()
    audit.record(
        actor,
        "olympiad_status",
        olympiad,
        old={"status": OlympiadStatus.PRELIMINARY.value},
        new={"status": OlympiadStatus.FINAL.value, "order": order, "date": str(order_date)},
    )


@dataclass(frozen=True)
class Summary:
    """The olympiad in one line of the plan: schools, participants, awards, average %."""

    schools: int
    participants: int
    winners: int
    prize_winners: int
    average_percent: Decimal


def summary(olympiad: Olympiad) -> Summary | None:
    """From the approved protocol; None until the results are final."""
    if olympiad.status not in FROZEN:
        return None
    rows = db.session.execute(
        select(FrozenResult.status, FrozenResult.percent, Participant.school_id)
        .join(Participant, Participant.id == FrozenResult.participant_id)
        .where(FrozenResult.olympiad_id == olympiad.id)
    ).all()
    if not rows:
        return Summary(0, 0, 0, 0, Decimal(0))
    statuses = Counter(row.status for row in rows)
    average = Decimal(str(sum(row.percent for row in rows) / len(rows))).quantize(Decimal("0.1"))
    return Summary(
        schools=len({row.school_id for row in rows}),
        participants=len(rows),
        winners=statuses[Status.WINNER],
        prize_winners=statuses[Status.PRIZE_WINNER],
        average_percent=average,
    )


def plan_summaries(plan_item_ids: list[int]) -> dict[int, list[tuple[Olympiad, Summary]]]:
    """Plan item id -> its olympiads with final results and their summaries (for the plan)."""
    query = select(Olympiad).where(
        Olympiad.plan_item_id.in_(plan_item_ids), Olympiad.status.in_(FROZEN)
    )
    found: dict[int, list[tuple[Olympiad, Summary]]] = {}
    for olympiad in db.session.scalars(query):
        found.setdefault(olympiad.plan_item_id, []).append((olympiad, summary(olympiad)))
    return found
