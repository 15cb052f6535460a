"""The grid of closed answers: one row per cipher, one column per closed task, each cell saved
on its own through a small JSON endpoint (static/js/marking-grid.js); without JavaScript, a
plain form per work.

JSON contract of ``POST /marking/<olympiad_id>/answers`` (the CSRF token in the X-CSRFToken
header, as the grid page carries it in its data-csrf attribute):

    request  {"cipher": "KMT-482", "paper_task_id": 17, "text": "Б", "version": 0,
              "reason": ""}            version: the cell's version as shown, 0 for an empty cell;
                                       reason: required when changing an entered answer
    200      {"points": 1.0, "version": 1, "display": "Б", "text": "Б"}
             (points null and version 0 when an empty cell stays empty; "-" enters "no
             answer": 0 points, display "—")
    400      {"error": "..."}  the text cannot be an answer, or a malformed request: nothing
             changed; with "reason_required": true when a change needs a reason
    403      {"error": "..."}  this user does not enter this group, or marking is not on
    404      {"error": "..."}  no such present work or task in this olympiad
    409      {"error": "...", "current": {"text", "display", "points", "version"}}  the cell
             changed since it was shown (a stale save): nothing was written over it
"""

from flask import jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from olympiad.actions import perform
from olympiad.extensions import db
from olympiad.marking import access
from olympiad.marking.answers import (
    InvalidEntry,
    MarkingError,
    ReasonRequired,
    StaleEntry,
    answer_of,
    cell,
)
from olympiad.marking.answers import save_answer as enter_answer
from olympiad.marking.answers import save_answers as enter_answers
from olympiad.marking.forms import AnswersForm
from olympiad.marking.views import STAFF, bp
from olympiad.marking.works import closed_items, find_work, item_of, paper_of, works_of
from olympiad.models import Answer, Olympiad, OlympiadStatus
from olympiad.permissions import roles

# a large group's grid comes in parts: 25 works × 30 tasks is a page a school PC renders at once
WORKS_PER_PART = 25


@bp.get("/<int:olympiad_id>/groups/<int:group_id>/answers")
@roles(*STAFF)
def grid(olympiad_id: int, group_id: int):
    olympiad = access.get_olympiad(olympiad_id)
    group = access.get_group(olympiad, group_id)
    paper = paper_of(group)
    items = closed_items(paper)
    everyone = works_of(olympiad, group)
    parts = max(1, -(-len(everyone) // WORKS_PER_PART))
    part = min(max(request.args.get("part", 1, type=int) or 1, 1), parts)
    works = everyone[(part - 1) * WORKS_PER_PART : part * WORKS_PER_PART]
    answers = {}
    if items and works:
        query = select(Answer).where(
            Answer.paper_task_id.in_([i.id for i in items]),
            Answer.participant_id.in_([w.id for w in works]),
        )
        answers = {(a.participant_id, a.paper_task_id): a for a in db.session.scalars(query)}
    rows = [
        (work, [(item, cell(item, answers.get((work.id, item.id)))) for item in items])
        for work in works
    ]
    return render_template(
        "marking/grid.html",
        olympiad=olympiad,
        group=group,
        paper=paper,
        items=items,
        rows=rows,
        part=part,
        parts=parts,
        first=(part - 1) * WORKS_PER_PART + 1,
        total=len(everyone),
        editable=olympiad.status == OlympiadStatus.MARKING,
    )


def _error(status: int, message: str, **extra):
    return jsonify({"error": message, **extra}), status


def _request_values():
    """(cipher, paper_task_id, text, version, reason) from the JSON body, or None."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return None
    cipher, task, text = data.get("cipher"), data.get("paper_task_id"), data.get("text")
    version, reason = data.get("version"), data.get("reason") or ""
    if not (isinstance(cipher, str) and isinstance(text, str) and isinstance(reason, str)):
        return None
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (task, version)):
        return None
    return cipher[:20], task, text[:1000], version, reason[:500]


@bp.post("/<int:olympiad_id>/answers")
@roles(*STAFF)
def save_answer(olympiad_id: int):
    values = _request_values()
    if values is None:
        return _error(400, _("Неверный запрос: нужны cipher, paper_task_id, text и version."))
    cipher, task_id, text, version, reason = values
    olympiad = db.session.get(Olympiad, olympiad_id)
    may_see = olympiad is not None and (
        access.is_organizer(current_user)
        or (olympiad.status in access.JURY_STATES and access.member_of(olympiad, current_user))
    )
    work = find_work(olympiad, cipher) if may_see else None
    item = item_of(olympiad, task_id) if work else None
    if item is None:
        return _error(404, _("Такой работы или такого задания в этой олимпиаде нет."))
    if work.group_id not in {g.id for g in access.groups_for(olympiad, current_user)}:
        return _error(403, _("Вы не вводите ответы этой группы классов."))
    try:
        answer = enter_answer(current_user, olympiad, work, item, text, version, reason)
        shown = cell(item, answer)
        db.session.commit()
    except StaleEntry as stale:
        db.session.rollback()
        return _error(409, str(stale), current=stale.current)
    except ReasonRequired as refusal:
        db.session.rollback()
        return _error(400, str(refusal), reason_required=True)
    except InvalidEntry as refusal:
        db.session.rollback()
        return _error(400, str(refusal))
    except MarkingError as refusal:
        db.session.rollback()
        return _error(403, str(refusal))
    except (StaleDataError, IntegrityError):  # a backstop: the work lock should prevent it
        db.session.rollback()
        current = cell(item, answer_of(work, item, fresh=True))
        return _error(409, _("Ответ только что изменили. Проверьте его."), current=current)
    return jsonify(shown)


@bp.route("/<int:olympiad_id>/works/<cipher>/answers", methods=["GET", "POST"])
@roles(*STAFF)
def work_answers(olympiad_id: int, cipher: str):
    """One work's closed answers as a plain form: the grid's row without JavaScript."""
    olympiad = access.get_olympiad(olympiad_id)
    work = find_work(olympiad, cipher)
    group = access.get_group(olympiad, work.group_id if work else 0)
    items = closed_items(paper_of(group))
    form = AnswersForm()
    posted = {}
    if form.validate_on_submit():
        posted = {item.id: request.form.get(f"text-{item.id}", "") for item in items}
        versions = {item.id: _int(request.form.get(f"version-{item.id}")) for item in items}
        if perform(
            lambda: _save_row(olympiad, work, items, posted, versions, form.reason.data or ""),
            _("Ответы работы %(cipher)s сохранены.", cipher=work.cipher),
        ):
            return redirect(url_for("marking.grid", olympiad_id=olympiad.id, group_id=group.id))
    cells = [(item, cell(item, answer_of(work, item))) for item in items]
    return render_template(
        "marking/work_answers.html",
        olympiad=olympiad,
        group=group,
        work=work,
        cells=cells,
        posted=posted,
        form=form,
        editable=olympiad.status == OlympiadStatus.MARKING,
    )


def _int(value) -> int | None:
    """A posted version; a missing one is refused as stale (olympiad.versions)."""
    return int(value) if value and value.isdigit() and len(value) < 12 else None


def _save_row(olympiad, work, items, posted, versions, reason) -> None:
    """Every changed cell of the row, or none of them."""
    changed = [
        (item, posted[item.id], versions[item.id])
        for item in items
        if " ".join(posted[item.id].split()) != cell(item, answer_of(work, item))["text"]
    ]
    if changed:
        enter_answers(current_user, olympiad, work, changed, reason)
