"""Which olympiads a user finds in the results area."""

from __future__ import annotations

from sqlalchemy import select

from olympiad.domain.olympiad_rules import WITH_RESULTS
from olympiad.extensions import db
from olympiad.models import JuryMember, Olympiad, Role, User
from olympiad.results.states import PUBLIC_STATES


def olympiads_for(user: User) -> list[Olympiad]:
    """The organizer: every olympiad; the jury: theirs with results; coordinators: with results."""
    query = select(Olympiad).order_by(Olympiad.academic_year.desc(), Olympiad.id.desc())
    if user.role != Role.ORGANIZER:
        query = query.where(Olympiad.status.in_(WITH_RESULTS))
    if user.role == Role.JUROR:
        query = query.join(JuryMember, JuryMember.olympiad_id == Olympiad.id).where(
            JuryMember.user_id == user.id
        )
    return list(db.session.scalars(query))


def published() -> list[Olympiad]:
    query = select(Olympiad).where(Olympiad.status.in_(PUBLIC_STATES))
    return list(db.session.scalars(query.order_by(Olympiad.academic_year.desc())))
