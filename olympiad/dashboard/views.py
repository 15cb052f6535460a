"""Routes of the dashboard area."""

from flask import Blueprint, render_template
from flask_login import current_user

from olympiad.dashboard import cockpit, labels, services
from olympiad.domain import cockpit as rules
from olympiad.models import Role
from olympiad.permissions import login_required

bp = Blueprint("dashboard", __name__, url_prefix="/")


@bp.get("/")
@login_required
def index():
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
