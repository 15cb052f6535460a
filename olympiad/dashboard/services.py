"""What each dashboard counts."""

from sqlalchemy import func, select

from olympiad.extensions import db
from olympiad.models import Plan, Role, School, User


def organizer_overview() -> dict:
    active_schools = select(School).where(School.archived_at.is_(None))
    schools_without_coordinator = db.session.scalars(
        active_schools.where(~School.coordinators.any(User.active.is_(True))).order_by(
            School.short_name
        )
    ).all()
    counts = dict(
        db.session.execute(
            select(User.role, func.count()).where(User.active.is_(True)).group_by(User.role)
        ).all()
    )
    return {
        "school_count": db.session.scalar(
            select(func.count()).select_from(active_schools.subquery())
        ),
        "schools_without_coordinator": schools_without_coordinator,
        "coordinator_count": counts.get(Role.COORDINATOR, 0),
        "juror_count": counts.get(Role.JUROR, 0),
        "plan": _latest_plan(),
    }


def coordinator_overview(user: User) -> dict:
    return {"school": user.school, "plan": _latest_plan()}


def juror_overview(user: User) -> dict:
    return {"plan": _latest_plan()}


def _latest_plan() -> Plan | None:
    return db.session.scalar(select(Plan).order_by(Plan.academic_year.desc()).limit(1))
