"""Routes of the participant area: sign in by access code, the participant's home, sign out."""

from collections.abc import Callable

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from olympiad import ratelimits
from olympiad.domain.codes import normalize_access_code
from olympiad.domain.olympiad_rules import WITH_RESULTS, OlympiadStatus
from olympiad.extensions import db, limiter
from olympiad.models import Participant
from olympiad.participant import session
from olympiad.participant.forms import CodeForm
from olympiad.permissions import participant_only, public
from olympiad.redirects import is_local_path

bp = Blueprint("participant", __name__, url_prefix="/participant")

# the day itself is still ahead or under way: the home page tells where and when
BEFORE_RESULTS = frozenset(
    {OlympiadStatus.REGISTRATION_CLOSED, OlympiadStatus.HELD, OlympiadStatus.MARKING}
)

# (endpoint, label, shown when) on the participant's home page; a later area adds its line
HOME_LINKS: list = [
    ("results.mine", _l("Мой результат"), lambda p: p.olympiad.status in WITH_RESULTS),
]

# where a participant lands on signing in, if not on their home page: functions of the
# participant that name an endpoint or None; a later area adds its own (the online round: the
# child goes straight to the round while it can be started or is being written)
LANDINGS: list[Callable[[Participant], str | None]] = []


def _landing(participant: Participant) -> str:
    for landing in LANDINGS:
        endpoint = landing(participant)
        if endpoint is not None and endpoint in current_app.view_functions:
            return url_for(endpoint)
    return url_for("participant.home")


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(
    ratelimits.setting("CODE_RATE_LIMIT"),
    methods=["POST"],
    key_func=ratelimits.typed("code", normalize=normalize_access_code),
    deduct_when=ratelimits.not_redirected,
)
@limiter.limit(
    ratelimits.setting("CODE_ADDRESS_RATE_LIMIT"),
    methods=["POST"],
    key_func=ratelimits.address,
    deduct_when=ratelimits.not_redirected,
)
def login():
    form = CodeForm()
    if request.method == "GET" and request.args.get("code"):  # the slip's QR code
        form.code.data = request.args["code"][:40]
    if form.validate_on_submit():
        participant = session.find(form.code.data)
        if participant is not None:
            session.sign_in(participant)
            target = request.args.get("next")
            return redirect(target if is_local_path(target) else _landing(participant))
        flash(
            _(
                "Такого кода нет, или вход по нему сейчас закрыт. Проверьте код на листке "
                "или спросите координатора школы."
            ),
            "danger",
        )
    return render_template("participant/login.html", form=form)


@bp.get("/")
@participant_only
def home():
    participant = session.current()
    links = [
        (endpoint, label)
        for endpoint, label, shown in HOME_LINKS
        if endpoint in current_app.view_functions and shown(participant)
    ]
    olympiad = participant.olympiad
    before = olympiad.status in BEFORE_RESULTS
    return render_template(
        "participant/home.html",
        participant=participant,
        links=links,
        before=before,
        sitting=_sitting(participant) if before else None,
    )


def _sitting(participant):
    """The online sitting this participant writes in, if the online round is installed."""
    try:
        from olympiad.online.sittings import sitting_for
    except ImportError:  # pragma: no cover  (the online round is an optional area)
        return None
    return sitting_for(participant)


@bp.post("/logout")
@public
def logout():
    session.sign_out()
    db.session.commit()
    flash(_l("Вы вышли. Чтобы войти снова, понадобится код доступа."), "info")
    return redirect(url_for("participant.login"))
