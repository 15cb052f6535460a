"""The history of one work: every answer and mark entered or changed, by whom, when, why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import and_, or_, select

from olympiad.extensions import db
from olympiad.marking.labels import ACTIONS, SLOT_NAMES, show_points
from olympiad.marking.works import Work
from olympiad.models import Answer, AuditEntry, Mark, MarkSlot, User


@dataclass(frozen=True)
class Event:
    at: datetime
    author: str
    action: str
    task: int | None
    slot: str
    old: str
    new: str
    reason: str


def history(work: Work) -> list[Event]:
    answers = select(Answer.id).where(Answer.participant_id == work.id)
    marks = select(Mark.id).where(Mark.participant_id == work.id)
    entries = db.session.scalars(
        select(AuditEntry)
        .where(
            or_(
                and_(AuditEntry.object_type == "Answer", AuditEntry.object_id.in_(answers)),
                and_(AuditEntry.object_type == "Mark", AuditEntry.object_id.in_(marks)),
            )
        )
        .order_by(AuditEntry.at, AuditEntry.id)
    ).all()
    ids = {e.user_id for e in entries} | {(e.new_value or {}).get("juror_id") for e in entries}
    names = {
        u.id: u.full_name for u in db.session.scalars(select(User).where(User.id.in_(ids - {None})))
    }
    return [_event(entry, names) for entry in entries]


def _event(entry: AuditEntry, names: dict[int, str]) -> Event:
    new, old = entry.new_value or {}, entry.old_value or {}
    slot = ""
    if "slot" in new:
        slot = str(SLOT_NAMES[MarkSlot(new["slot"])])
        juror = new.get("juror_id")
        if juror and juror != entry.user_id:
            slot += f" ({names.get(juror, '')})"
    return Event(
        at=entry.at,
        author=names.get(entry.user_id, "—"),
        action=str(ACTIONS.get(entry.action, entry.action)),
        task=new.get("task"),
        slot=slot,
        old=describe(old),
        new=describe(new),
        reason=entry.reason,
    )


def describe(value: dict) -> str:
    """An answer or a mark as the history shows it."""
    if not value:
        return ""
    if "text" in value:
        text = value["text"] or _("(стёрт)")
        return _("«%(text)s» — %(p)s б.", text=text, p=show_points(value.get("points")))
    parts = "; ".join(show_points(c) for c in value.get("criteria") or [])
    result = _("%(p)s б.", p=show_points(value.get("total")))
    if parts:
        result += f" ({parts})"
    if value.get("comment"):
        result += f" «{value['comment']}»"
    return result
