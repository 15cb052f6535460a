"""What the public home shows an anonymous visitor: the current olympiad and the published
ones with their number of participants. Nothing personal, nothing before publication."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from olympiad.domain.olympiad_rules import OlympiadStatus
from olympiad.extensions import db
from olympiad.models import Attendance, Olympiad, Participant, ParticipantStatus
from olympiad.results.states import PUBLIC_STATES


@dataclass(frozen=True)
class Listed:
    olympiad: Olympiad
    participants: int  # present, once the olympiad was held; enrolled before that


def _counts(ids: list[int]) -> dict[int, tuple[int, int]]:
    """Olympiad id -> (enrolled, present)."""
    if not ids:
        return {}
    present = func.sum(func.cast(Participant.attendance == Attendance.PRESENT, db.Integer))
    rows = db.session.execute(
        select(Participant.olympiad_id, func.count(), present)
        .where(Participant.olympiad_id.in_(ids), Participant.status == ParticipantStatus.ENROLLED)
        .group_by(Participant.olympiad_id)
    )
    return {oid: (enrolled, int(held or 0)) for oid, enrolled, held in rows}


def listed(olympiads: list[Olympiad]) -> list[Listed]:
    counts = _counts([o.id for o in olympiads])
    before = {
        OlympiadStatus.DRAFT,
        OlympiadStatus.REGISTRATION_OPEN,
        OlympiadStatus.REGISTRATION_CLOSED,
    }
    return [Listed(o, counts.get(o.id, (0, 0))[0 if o.status in before else 1]) for o in olympiads]


def published() -> list[Listed]:
    """Olympiads with published results, newest first."""
    query = select(Olympiad).where(Olympiad.status.in_(PUBLIC_STATES))
    return listed(
        list(db.session.scalars(query.order_by(Olympiad.academic_year.desc(), Olympiad.id.desc())))
    )


def current() -> Listed | None:
    """The newest olympiad that is no longer a draft."""
    query = (
        select(Olympiad)
        .where(Olympiad.status != OlympiadStatus.DRAFT)
        .order_by(Olympiad.academic_year.desc(), Olympiad.id.desc())
        .limit(1)
    )
    found = db.session.scalar(query)
    return listed([found])[0] if found else None
