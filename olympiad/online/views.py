"""The participant's side of the online round: start, write (one task a screen or all on a
page), review, hand in. The staff's side (sittings, progress, extensions) is in staff_views.

Answers are saved by a plain form per task (works without JavaScript) and, as they are typed,
by static/js/online-work.js posting the same form to `save` (CSRF token in a header):

    POST /online/tasks/<n>/save   the task form's fields, "seq" (the page's save counter)
    200 {"stored": bool, "seq": n, "answered": bool, "left": seconds}
        stored false: a save with this or a higher number was stored before ("seq")
    409 {"error": "...", "closed": true}   the work is submitted or its time is over
    202 {"late": true, "stored": bool, "seq": n}   after the deadline, a save marked "late=1"
        (typed before it, the page says; "typed_left": its countdown then, informative) is
        kept as a late answer for the organizer to accept or refuse (online/late.py)
    400 {"error": "..."}                   the fields cannot come from the task's form
    GET /online/state   {"left": seconds, "submitted": bool}; after the deadline it submits

The page keeps every change in the browser's storage until the server acknowledges its number,
and a service worker (`sw.js`, scoped to /online/) keeps the work's pages for a reload offline.
"""

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import undefer

from olympiad.domain import online as rules
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.models import Attendance, TaskVersion
from olympiad.online import attempts, blocks, clock, late, screen
from olympiad.online.sittings import WRITING_STATES, OnlineError, sitting_for, window
from olympiad.participant import session
from olympiad.participant.views import HOME_LINKS, LANDINGS
from olympiad.permissions import participant_only, public

bp = Blueprint("online", __name__, url_prefix="/online")
MAX_SEQ = 2**31 - 1


def _offered(participant) -> bool:
    return participant.olympiad.status in WRITING_STATES and sitting_for(participant) is not None


def _landing(participant) -> str | None:
    """Signing in while the round can be started: its page; while the work is being written:
    the work. Otherwise (on paper, before or after the window, handed in) the home page."""
    if not _may_write(participant):
        return None
    sitting = sitting_for(participant)
    if sitting is None:
        return None
    attempt = attempts.attempt_of(participant)
    if attempt is not None:
        return "online.work" if attempt.submitted_at is None else None
    open_now = rules.window_state(window(sitting), clock.now()) == rules.WindowState.OPEN
    return "online.index" if open_now else None


HOME_LINKS.append(("online.index", _l("Написать олимпиаду онлайн"), _offered))
LANDINGS.append(_landing)
bp.add_app_template_global(blocks.task_labels, "online_task_labels")


def _seat():
    """(participant, sitting) of the signed-in participant; 404 if they write on paper."""
    participant = session.current()
    sitting = sitting_for(participant)
    if sitting is None:
        abort(404)
    return participant, sitting


def _place():
    """(participant, sitting, attempt or None)."""
    participant, sitting = _seat()
    return participant, sitting, attempts.attempt_of(participant)


def _may_write(participant) -> bool:
    return (
        participant.olympiad.status in WRITING_STATES
        and participant.attendance != Attendance.DISQUALIFIED
    )


def _writing():
    """The place of a participant whose work is being written, or a redirect to the start page
    (not started, submitted, or the time is over: then it is submitted now)."""
    participant, sitting, attempt = _place()
    if attempt is None or not _may_write(participant):
        return None, redirect(url_for("online.index"))
    if attempts.finish_if_over(participant, attempt, clock.now()):
        db.session.commit()
        return None, redirect(url_for("online.index"))
    return (participant, sitting, attempt), None


@bp.get("/")
@participant_only
def index():
    participant, sitting, attempt = _place()
    now = clock.now()
    if attempt is not None and attempt.submitted_at is None:
        if _may_write(participant) and not attempts.finish_if_over(participant, attempt, now):
            return redirect(url_for("online.work"))
        db.session.commit()
    return render_template(
        "online/index.html",
        participant=participant,
        sitting=sitting,
        attempt=attempt,
        state=rules.window_state(window(sitting), now),
        writing=participant.olympiad.status in WRITING_STATES,
        form=ConfirmForm(),
    )


@bp.post("/start")
@participant_only
def start():
    participant, sitting = _seat()
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            attempts.start(participant, sitting, clock.now())
        except OnlineError as refusal:
            db.session.rollback()
            flash(str(refusal), "warning")
            return redirect(url_for("online.index"))
        db.session.commit()
    return redirect(url_for("online.work"))


def _page(participant, sitting, attempt, items, given=None, **extra):
    now = clock.now()
    due = attempts.deadline_of(attempt)
    return render_template(
        extra.pop("template", "online/work.html"),
        participant=participant,
        sitting=sitting,
        attempt=attempt,
        items=items,
        given=screen.given(attempt) if given is None else given,
        due=due,
        left=int(rules.time_left(due, now).total_seconds()),
        **extra,
    )


def _commit_keeping_loaded() -> None:
    """Commit without expiring what the page is about to show: only `seen`'s plain UPDATE was
    written, so reading the participant, sitting, attempt and paper again would be wasted."""
    session = db.session()
    expiring, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expiring


@bp.get("/work")
@participant_only
def work():
    place, leave = _writing()
    if leave:
        return leave
    participant, sitting, attempt = place
    items = screen.paper_items(sitting.group_id)
    if not items:
        abort(404)
    n = request.args.get("n", type=int) or attempt.position
    n = n if 1 <= n <= len(items) else 1
    attempts.seen(attempt, clock.now(), n if attempt.layout == "one" else None)
    given = screen.given(attempt)
    _commit_keeping_loaded()
    one = attempt.layout == "one"
    forms = blocks.task_forms(items, given, [items[n - 1]] if one else items, one)
    return _page(participant, sitting, attempt, items, given, n=n, forms=forms, form=ConfirmForm())


def _fields():
    return {name: request.form.getlist(name) for name in request.form}


def _seq() -> int | None:
    seq = request.form.get("seq", type=int)
    return seq if seq is not None and 1 <= seq <= MAX_SEQ else None


@bp.post("/tasks/<int:n>")
@participant_only
def save_form(n: int):
    """The plain form's save (no script needed): store, then go where the button said."""
    participant, sitting = _seat()
    try:
        saved = attempts.save(participant, sitting, n, _fields(), _seq(), clock.now())
    except attempts.TimeUp as refusal:
        db.session.commit()
        flash(str(refusal), "warning")
        return redirect(url_for("online.index"))
    except OnlineError as refusal:
        db.session.rollback()
        flash(str(refusal), "danger")
        return redirect(url_for("online.work", n=n))
    db.session.commit()
    if not saved.stored:
        flash(_("Этот ответ уже изменён в другом окне: показан сохранённый."), "warning")
    then = request.form.get("then", "")
    if then == "review":
        return redirect(url_for("online.review"))
    if then in ("next", "prev"):
        return redirect(url_for("online.work", n=n + (1 if then == "next" else -1)))
    flash(_("Ответ на задание %(n)s сохранён.", n=n), "success")
    return redirect(url_for("online.work", n=n, _anchor=f"task-{n}"))


@bp.post("/tasks/<int:n>/save")
@participant_only
def save(n: int):
    participant, sitting = _seat()
    seq = _seq()
    if seq is None:
        return jsonify({"error": _("Ответ не удалось прочитать. Обновите страницу.")}), 400
    try:
        saved = attempts.save(participant, sitting, n, _fields(), seq, clock.now())
    except attempts.TimeUp as refusal:
        db.session.commit()
        if request.form.get("late") != "1":
            return jsonify({"error": str(refusal), "closed": True}), 409
        return _late(participant, sitting, n, seq)
    except OnlineError as refusal:
        db.session.rollback()
        return jsonify({"error": str(refusal)}), 400
    db.session.commit()
    return jsonify(
        {
            "stored": saved.stored,
            "seq": saved.seq,
            "answered": saved.answered,
            "left": int(saved.left.total_seconds()),
        }
    )


def _late(participant, sitting, n: int, seq: int):
    """A save after the deadline that the page kept while offline: a late answer."""
    left = late.client_left(request.form.get("typed_left"))
    try:
        kept = late.receive(participant, sitting, n, _fields(), seq, left, clock.now())
    except attempts.TimeUp as refusal:
        db.session.rollback()
        return jsonify({"error": str(refusal), "closed": True}), 409
    except OnlineError as refusal:
        db.session.rollback()
        return jsonify({"error": str(refusal)}), 400
    db.session.commit()
    return jsonify({"late": True, "stored": kept.stored, "seq": kept.seq}), 202


@bp.get("/sw.js")
@public
def service_worker():
    """The service worker that keeps the work's pages for a reload offline. Served from here,
    its scope is /online/ (the participant's pages only)."""
    response = current_app.send_static_file("js/online-sw.js")
    response.headers["Content-Type"] = "text/javascript; charset=utf-8"
    response.headers["Service-Worker-Allowed"] = url_for("online.index")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/state")
@participant_only
def state():
    participant, _sitting, attempt = _place()
    if attempt is None:
        return jsonify({"left": None, "submitted": False})
    now = clock.now()
    submitted = attempts.finish_if_over(participant, attempt, now)
    db.session.commit()
    left = rules.time_left(attempts.deadline_of(attempt), now)
    return jsonify({"left": 0 if submitted else int(left.total_seconds()), "submitted": submitted})


@bp.get("/tasks/<int:n>/image")
@participant_only
def image(n: int):
    _participant, sitting, attempt = _place()
    item = attempts.item_at(sitting, n) if attempt is not None else None
    if item is None:
        abort(404)
    version = db.session.get(
        TaskVersion, item.task_version_id, options=[undefer(TaskVersion.image)]
    )
    if not version.image:
        abort(404)
    response = Response(version.image, mimetype=version.image_type or "application/octet-stream")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.post("/layout")
@participant_only
def layout():
    place, leave = _writing()
    if leave:
        return leave
    if ConfirmForm().validate_on_submit():
        attempts.set_layout(place[2], request.form.get("layout", ""))
        db.session.commit()
    return redirect(url_for("online.work"))


@bp.get("/review")
@participant_only
def review():
    place, leave = _writing()
    if leave:
        return leave
    items = screen.paper_items(place[1].group_id)
    views = {item.id: screen.task_view(item) for item in items}
    return _page(*place, items, template="online/review.html", views=views, form=ConfirmForm())


@bp.post("/submit")
@participant_only
def submit():
    participant, _sitting, attempt = _place()
    if ConfirmForm().validate_on_submit() and attempt is not None:
        try:
            attempts.submit(participant, clock.now())
        except OnlineError as refusal:
            db.session.rollback()
            flash(str(refusal), "danger")
            return redirect(url_for("online.index"))
        db.session.commit()
        flash(_("Работа сдана. Результаты появятся, когда жюри её проверит."), "success")
    return redirect(url_for("online.index"))
