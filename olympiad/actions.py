"""Running an operation from a view, at the bottom of the house: every area's views use it.

`perform` commits on success or rolls back and explains a refusal; `confirm` renders the one
confirmation page that destructive and state-changing actions ask first."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import flash, render_template

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


def confirm(
    form,
    *,
    title: str,
    question: str,
    button: str,
    cancel: str,
    danger: bool = False,
    warning: str | None = None,
    **extra,
) -> str:
    """The confirmation page: the question, the button that does it, the way back."""
    return render_template(
        "confirm.html",
        form=form,
        title=title,
        question=question,
        button=button,
        cancel=cancel,
        danger=danger,
        warning=warning,
        **extra,
    )
