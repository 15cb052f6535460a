"""Writing the audit trail. Every change of a status, an account or a mark goes through here."""

from olympiad.extensions import db
from olympiad.models import AuditEntry, User


def record(
    actor: User | None,
    action: str,
    obj,
    *,
    old: dict | None = None,
    new: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    entry = AuditEntry(
        user_id=actor.id if actor is not None else None,
        action=action,
        object_type=type(obj).__name__,
        object_id=getattr(obj, "id", None),
        old_value=old,
        new_value=new,
        reason=reason,
    )
    db.session.add(entry)
    return entry
