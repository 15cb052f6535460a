"""Online sittings: the organizer opens one per grade group (for every school or for some),
with its window, time limit and supervision. They flush; the view commits.

A sitting may be changed or removed until its window starts; after that only a single
participant's time can be extended (attempts.extend).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from flask import g, has_request_context
from flask_babel import gettext as _
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from olympiad import audit
from olympiad.actions import Refused
from olympiad.domain.online import MAX_LIMIT, MIN_LIMIT, Window, WindowProblem, window_problems
from olympiad.extensions import db
from olympiad.models import (
    GradeGroup,
    Olympiad,
    OlympiadStatus,
    OnlineAttempt,
    OnlineSitting,
    Participant,
    ParticipantStatus,
    School,
    User,
)
from olympiad.versions import is_stale

S = OlympiadStatus
# sittings are planned until the olympiad is held, and written once the codes are issued
PLANNING_STATES = frozenset({S.DRAFT, S.REGISTRATION_OPEN, S.REGISTRATION_CLOSED, S.HELD})
WRITING_STATES = frozenset({S.REGISTRATION_CLOSED, S.HELD})


class OnlineError(Refused):
    """A refused action of the online round, with a message for the user."""


@dataclass
class SittingData:
    group_id: int
    school_ids: list[int]
    starts_at: datetime
    ends_at: datetime
    time_limit_minutes: int
    supervised: bool


def window(sitting: OnlineSitting) -> Window:
    return Window(sitting.starts_at, sitting.ends_at, sitting.time_limit_minutes)


# built once: each page of a participant writing online asks (see participant/session.py)
_OF_OLYMPIAD = (
    select(OnlineSitting)
    .where(OnlineSitting.olympiad_id == bindparam("olympiad_id"))
    .options(joinedload(OnlineSitting.group))
    .order_by(OnlineSitting.starts_at, OnlineSitting.id)
)


def sittings_of(olympiad: Olympiad, school_id: int | None = None) -> list[OnlineSitting]:
    """The olympiad's sittings; with a school, only those its students write."""
    found = db.session.scalars(_OF_OLYMPIAD, {"olympiad_id": olympiad.id}).all()
    return [s for s in found if school_id is None or includes_school(s, school_id)]


def includes_school(sitting: OnlineSitting, school_id: int) -> bool:
    return not sitting.school_ids or school_id in sitting.school_ids


def sitting_for(participant: Participant) -> OnlineSitting | None:
    """The sitting in which this participant writes online, if any (looked up once a request:
    the participant's home page asks twice)."""
    memo = g.setdefault("online_sittings", {}) if has_request_context() else {}
    if participant.id not in memo:
        memo[participant.id] = next(
            (
                sitting
                for sitting in sittings_of(participant.olympiad, participant.school_id)
                if participant.grade_competed in sitting.group.grades
            ),
            None,
        )
    return memo[participant.id]


def members(sitting: OnlineSitting, school_id: int | None = None):
    """A query of the participants who write in this sitting (of one school, if given)."""
    query = select(Participant).where(
        Participant.olympiad_id == sitting.olympiad_id,
        Participant.status == ParticipantStatus.ENROLLED,
        Participant.grade_competed.in_(sitting.group.grades),
    )
    if sitting.school_ids:
        query = query.where(Participant.school_id.in_(sitting.school_ids))
    if school_id is not None:
        query = query.where(Participant.school_id == school_id)
    return query.order_by(
        Participant.grade_competed, Participant.surname, Participant.name, Participant.id
    )


def has_started(sitting: OnlineSitting, now: datetime) -> bool:
    started = db.session.scalar(
        select(OnlineAttempt.id).where(OnlineAttempt.sitting_id == sitting.id).limit(1)
    )
    return started is not None or now >= sitting.starts_at


def _messages(problems: list[WindowProblem]) -> list[str]:
    text = {
        WindowProblem.LIMIT: _(
            "Время на работу — от %(low)s до %(high)s минут.", low=MIN_LIMIT, high=MAX_LIMIT
        ),
        WindowProblem.ORDER: _("Окно должно закончиться позже, чем начнётся."),
        WindowProblem.SHORT: _(
            "Окно короче, чем время на работу: начавший в начале окна не успеет использовать "
            "всё время. Продлите окно или уменьшите время."
        ),
        WindowProblem.STARTED: _("Начало окна уже прошло: укажите время в будущем."),
    }
    return [text[p] for p in problems]


def _check(olympiad: Olympiad, data: SittingData, now: datetime, sitting_id: int | None):
    if olympiad.status not in PLANNING_STATES:
        raise OnlineError(_("Онлайн-тур назначают, пока олимпиада не перешла к проверке работ."))
    group = db.session.get(GradeGroup, data.group_id)
    if group is None or group.olympiad_id != olympiad.id:
        raise OnlineError(_("Такой группы классов в этой олимпиаде нет."))
    if data.school_ids:
        found = db.session.scalars(select(School.id).where(School.id.in_(data.school_ids))).all()
        if len(found) != len(set(data.school_ids)):
            raise OnlineError(_("В списке есть школы, которых нет в реестре."))
    limit = data.time_limit_minutes
    problems = window_problems(Window(data.starts_at, data.ends_at, limit), now)
    if problems:
        raise OnlineError(" ".join(_messages(problems)))
    for other in sittings_of(olympiad):
        if other.id == sitting_id or other.group_id != group.id:
            continue
        if (
            not other.school_ids
            or not data.school_ids
            or set(other.school_ids) & set(data.school_ids)
        ):
            raise OnlineError(
                _(
                    "У группы «%(group)s» уже есть онлайн-тур для этих школ: одна школа пишет "
                    "в одном туре.",
                    group=group.name,
                )
            )


def _snapshot(data: SittingData) -> dict:
    values = asdict(data)
    values["starts_at"] = data.starts_at.isoformat()
    values["ends_at"] = data.ends_at.isoformat()
    return values


def _apply(sitting: OnlineSitting, data: SittingData) -> None:
    sitting.group_id = data.group_id
    sitting.school_ids = sorted(set(data.school_ids))
    sitting.starts_at, sitting.ends_at = data.starts_at, data.ends_at
    sitting.time_limit_minutes = data.time_limit_minutes
    sitting.supervised = data.supervised


def create_sitting(actor: User, olympiad: Olympiad, data: SittingData, now: datetime):
    _check(olympiad, data, now, None)
    sitting = OnlineSitting(olympiad_id=olympiad.id)
    _apply(sitting, data)
    db.session.add(sitting)
    db.session.flush()
    audit.record(actor, "online_sitting_created", sitting, new=_snapshot(data))
    return sitting


def data_of(sitting: OnlineSitting) -> SittingData:
    return SittingData(
        sitting.group_id,
        list(sitting.school_ids),
        sitting.starts_at,
        sitting.ends_at,
        sitting.time_limit_minutes,
        sitting.supervised,
    )


def _ensure_not_started(sitting: OnlineSitting, now: datetime) -> None:
    if has_started(sitting, now):
        raise OnlineError(
            _(
                "Онлайн-тур уже начался: его окно и время не меняются. Продлить время одному "
                "участнику можно на странице хода тура."
            )
        )


def update_sitting(
    actor: User, sitting: OnlineSitting, data: SittingData, version: int | None, now: datetime
) -> None:
    if is_stale(version, sitting.version):
        raise OnlineError(
            _("Пока вы редактировали, онлайн-тур изменил другой пользователь. Обновите страницу.")
        )
    _ensure_not_started(sitting, now)
    _check(sitting.olympiad, data, now, sitting.id)
    old = _snapshot(data_of(sitting))
    _apply(sitting, data)
    db.session.flush()
    audit.record(actor, "online_sitting_updated", sitting, old=old, new=_snapshot(data))


def delete_sitting(actor: User, sitting: OnlineSitting, now: datetime) -> None:
    _ensure_not_started(sitting, now)
    audit.record(actor, "online_sitting_deleted", sitting, old=_snapshot(data_of(sitting)))
    db.session.delete(sitting)
    db.session.flush()
