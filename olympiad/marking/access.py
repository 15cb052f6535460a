"""Who may see and do what in marking: the organizer everything, a jury member only the
olympiads, grade groups and tasks they are appointed to, the chair the queue and histories.

A juror who is not on an olympiad's jury gets 404 for it, as if it did not exist.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from olympiad.domain.olympiad_rules import WITH_RESULTS
from olympiad.extensions import db
from olympiad.models import GradeGroup, JuryMember, Olympiad, OlympiadStatus, PaperTask, Role, User
from olympiad.permissions import get_or_404

S = OlympiadStatus
# the jury sees the papers and works from the olympiad's day on
JURY_STATES = frozenset({S.HELD, S.MARKING}) | WITH_RESULTS


def is_organizer(user: User) -> bool:
    return user.role == Role.ORGANIZER


def member_of(olympiad: Olympiad, user: User) -> JuryMember | None:
    if user.role != Role.JUROR:
        return None
    return db.session.scalar(
        select(JuryMember).where(
            JuryMember.olympiad_id == olympiad.id, JuryMember.user_id == user.id
        )
    )


def is_chair(olympiad: Olympiad, user: User) -> bool:
    member = member_of(olympiad, user)
    return bool(member and member.is_chair)


def visible_olympiads(user: User) -> list[Olympiad]:
    query = select(Olympiad).order_by(Olympiad.academic_year.desc(), Olympiad.id.desc())
    if not is_organizer(user):
        query = query.join(JuryMember, JuryMember.olympiad_id == Olympiad.id).where(
            JuryMember.user_id == user.id, Olympiad.status.in_(JURY_STATES)
        )
    return list(db.session.scalars(query))


def get_olympiad(olympiad_id: int) -> Olympiad:
    """The olympiad, if the current user may work on its marking; 404 otherwise."""
    olympiad = get_or_404(Olympiad, olympiad_id)
    if is_organizer(current_user):
        return olympiad
    if olympiad.status not in JURY_STATES or member_of(olympiad, current_user) is None:
        abort(404)
    return olympiad


def ensure_chair(olympiad: Olympiad, *, or_organizer: bool = False) -> None:
    if or_organizer and is_organizer(current_user):
        return
    if not is_chair(olympiad, current_user):
        abort(403)


def group_allowed(member: JuryMember, group_id: int) -> bool:
    return not member.group_ids or group_id in member.group_ids


def may_mark(member: JuryMember | None, item: PaperTask) -> bool:
    """A jury member marks the tasks of their groups, or only the tasks listed for them."""
    if member is None or not group_allowed(member, item.paper.group_id):
        return False
    return not member.paper_task_ids or item.id in member.paper_task_ids


def groups_for(olympiad: Olympiad, user: User) -> list[GradeGroup]:
    """The grade groups whose works this user enters and marks."""
    if is_organizer(user):
        return list(olympiad.groups)
    member = member_of(olympiad, user)
    if member is None:
        return []
    groups = [g for g in olympiad.groups if group_allowed(member, g.id)]
    if member.paper_task_ids:
        listed = db.session.scalars(
            select(PaperTask).where(PaperTask.id.in_(member.paper_task_ids))
        ).all()
        with_tasks = {item.paper.group_id for item in listed}
        groups = [g for g in groups if g.id in with_tasks]
    return groups


def get_group(olympiad: Olympiad, group_id: int) -> GradeGroup:
    """A grade group of this olympiad the current user works on; 404 otherwise."""
    group = next((g for g in groups_for(olympiad, current_user) if g.id == group_id), None)
    if group is None:
        abort(404)
    return group
