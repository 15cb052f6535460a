"""Routes of the dashboard area."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from olympiad.dashboard import cockpit, labels, services
from olympiad.dashboard import public as public_home
from olympiad.domain import cockpit as rules
from olympiad.models import Role
from olympiad.participant import session
from olympiad.permissions import public

bp = Blueprint("dashboard", __name__, url_prefix="/")


@bp.app_context_processor
def _public_helpers():
    # the public list of olympiads shows each one's number of participants
    return {"public_listed": public_home.listed}


@bp.get("/")
@public
def index():
    """Staff land on their dashboard, a participant on their home, anyone else on the
    public home."""
    if not current_user.is_authenticated:
        if session.current() is not None:
            return redirect(url_for("participant.home"))
        return render_template(
            "dashboard/public.html",
            current=public_home.current(),
            published=public_home.published(),
        )
    if current_user.must_change_password:
        return redirect(url_for("auth.change_password"))
    if current_user.role == Role.ORGANIZER:
        return render_template(
            "dashboard/organizer.html",
            cockpits=cockpit.cockpits(),
            labels=labels,
            **services.organizer_overview(),
        )
    if current_user.role == Role.COORDINATOR:
        olympiads = [
            (o, rules.coordinator_tasks(o.status)) for o in cockpit.coordinator_olympiads()
        ]
        return render_template(
            "dashboard/coordinator.html",
            olympiads=olympiads,
            labels=labels,
            **services.coordinator_overview(current_user),
        )
    return render_template("dashboard/juror.html", **services.juror_overview(current_user))
