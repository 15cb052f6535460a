"""Operations: running a service operation from a view (commit on success, explain a refusal);
the submodules keep the installation itself: backup and restore, purging personal data,
the read-only API and the health check."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import flash

from olympiad.extensions import db


class Refused(ValueError):
    """A change the rules refuse; the message (in the user's language) says why."""


@dataclass
class Outcome:
    ok: bool
    value: Any = None

    def __bool__(self) -> bool:
        return self.ok


def perform(operation: Callable[[], Any], success: str | None = None) -> Outcome:
    """Run `operation`; commit and flash `success`, or roll back and flash the refusal."""
    try:
        value = operation()
    except Refused as refusal:
        db.session.rollback()
        flash(str(refusal), "danger")
        return Outcome(False)
    db.session.commit()
    if success:
        flash(success, "success")
    return Outcome(True, value)
