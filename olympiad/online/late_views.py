"""The organizer's page of late answers of a sitting (online/late.py): who sent answers after
the deadline, and the decision on them, for one participant or a whole school at once."""

from itertools import groupby

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from olympiad.actions import perform
from olympiad.extensions import db
from olympiad.models import LateAnswer, OnlineAttempt, Participant, Role
from olympiad.online import clock, late
from olympiad.online.forms import LateDecisionForm
from olympiad.online.sittings import WRITING_STATES, members
from olympiad.online.staff_views import get_sitting
from olympiad.online.views import bp
from olympiad.permissions import roles


def _targets(sitting, target: str) -> list[Participant] | None:
    """The participants a decision is about: "p<id>" one, "s<id>" a school's; None if unknown."""
    kind, number = target[:1], target[1:]
    if kind not in ("p", "s") or not number.isdigit():
        return None
    query = members(sitting, None)
    if kind == "p":
        query = query.where(Participant.id == int(number))
    else:
        query = query.where(Participant.school_id == int(number))
    people = list(db.session.scalars(query))
    return people or None


@bp.route("/sittings/<int:sitting_id>/late", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def late_answers(sitting_id: int):
    sitting = get_sitting(sitting_id)
    form = LateDecisionForm()
    if form.validate_on_submit():
        people = _targets(sitting, form.target.data)
        accept = form.decision.data == "accept"
        if people is None or form.decision.data not in ("accept", "refuse"):
            flash(_("Не удалось понять, о ком решение. Обновите страницу."), "danger")
        else:
            perform(
                lambda: late.decide(current_user, people, accept, form.reason.data, clock.now()),
                _("Поздние ответы приняты и оценены.")
                if accept
                else _("Поздние ответы отклонены; они остаются в истории работы."),
            )
        return redirect(url_for("online.late_answers", sitting_id=sitting.id))
    rows = late.waiting(sitting)
    schools = [
        (school, list(group))
        for school, group in groupby(rows, key=lambda row: row.participant.school)
    ]
    return render_template(
        "online/late.html",
        sitting=sitting,
        olympiad=sitting.olympiad,
        schools=schools,
        open=sitting.olympiad.status in WRITING_STATES,
        form=form,
    )


def late_count(sitting) -> int:
    """How many late answers of a sitting wait for a decision (the progress page's link)."""
    return db.session.scalar(
        select(func.count())
        .select_from(LateAnswer)
        .join(OnlineAttempt, OnlineAttempt.id == LateAnswer.attempt_id)
        .where(OnlineAttempt.sitting_id == sitting.id, LateAnswer.status == late.PENDING)
    )


@bp.app_context_processor
def _helpers():
    return {"online_late_count": late_count, "online_late_pending": late.pending_count}
