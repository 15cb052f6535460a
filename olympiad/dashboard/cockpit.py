"""The facts the organizer's cockpit needs, gathered for each current olympiad.

Each count is one aggregate query; the marking progress (the heaviest) is computed only while
marking is open, where it is the figure that matters."""

from datetime import date

from sqlalchemy import func, select

from olympiad.domain import cockpit as rules
from olympiad.extensions import db
from olympiad.marking.progress import progress
from olympiad.models import (
    Appeal,
    AppealState,
    Attendance,
    Certificate,
    JuryMember,
    Olympiad,
    OlympiadStatus,
    OnlineAttempt,
    OnlineSitting,
    Participant,
    ParticipantStatus,
    School,
)
from olympiad.models.base import utcnow
from olympiad.tasks.papers import papers_by_group


def current_olympiads() -> list[Olympiad]:
    """Every olympiad not yet archived, the nearest first."""
    query = select(Olympiad).where(Olympiad.status != OlympiadStatus.ARCHIVED)
    return list(db.session.scalars(query.order_by(Olympiad.academic_year.desc(), Olympiad.id)))


def coordinator_olympiads() -> list[Olympiad]:
    """What a coordinator's home names: from registration until the results are published."""
    hidden = (OlympiadStatus.DRAFT, OlympiadStatus.ARCHIVED)
    query = select(Olympiad).where(Olympiad.status.not_in(hidden))
    return list(db.session.scalars(query.order_by(Olympiad.academic_year.desc()).limit(3)))


def _count(query) -> int:
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


def facts(olympiad: Olympiad, today: date | None = None) -> rules.Facts:
    status = OlympiadStatus(olympiad.status)
    attendance = dict(
        db.session.execute(
            select(Participant.attendance, func.count())
            .where(
                Participant.olympiad_id == olympiad.id,
                Participant.status == ParticipantStatus.ENROLLED,
            )
            .group_by(Participant.attendance)
        ).all()
    )
    with_participants = select(Participant.school_id).where(
        Participant.olympiad_id == olympiad.id, Participant.status == ParticipantStatus.ENROLLED
    )
    silent = db.session.scalars(
        select(School.short_name)
        .where(School.archived_at.is_(None), School.id.not_in(with_participants))
        .order_by(School.short_name)
    ).all()
    papers = papers_by_group(olympiad)
    jury = db.session.execute(
        select(func.count(JuryMember.id), func.max(JuryMember.is_chair.cast(db.Integer))).where(
            JuryMember.olympiad_id == olympiad.id
        )
    ).one()
    marking = progress(olympiad) if status == OlympiadStatus.MARKING else None
    return rules.Facts(
        status=status,
        today=today or date.today(),
        now=utcnow(),
        registration_closes_on=olympiad.registration_closes_on,
        held_on=olympiad.held_on,
        schools=_count(select(School.id).where(School.archived_at.is_(None))),
        schools_without_participants=tuple(silent),
        participants=sum(attendance.values()),
        present=attendance.get(Attendance.PRESENT, 0),
        attendance_unknown=attendance.get(Attendance.UNKNOWN, 0),
        groups_without_paper=tuple(
            g.name for g in olympiad.groups if g.id not in papers or not papers[g.id].items
        ),
        jurors=jury[0] or 0,
        has_chair=bool(jury[1]),
        works=marking.works if marking else 0,
        works_complete=sum(g.complete for g in marking.groups) if marking else 0,
        discrepancies=len(marking.queue) if marking else 0,
        writing_online=_count(
            select(OnlineAttempt.id)
            .join(OnlineSitting)
            .where(OnlineSitting.olympiad_id == olympiad.id, OnlineAttempt.submitted_at.is_(None))
        ),
        appeals_pending=_count(
            select(Appeal.id).where(
                Appeal.olympiad_id == olympiad.id, Appeal.state == AppealState.PENDING
            )
        ),
        appeals_close_at=olympiad.appeals_close_at,
        certificates=_count(
            select(Certificate.id).where(
                Certificate.olympiad_id == olympiad.id, Certificate.revoked_at.is_(None)
            )
        ),
    )


def cockpits(today: date | None = None) -> list[tuple[Olympiad, rules.Cockpit]]:
    return [(o, rules.cockpit(facts(o, today))) for o in current_olympiads()]
