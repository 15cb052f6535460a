"""Results pages outside the jury room: a coordinator's school, a participant's own line,
the public tables once published. Each shows only what its reader may see."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user

from olympiad.extensions import db
from olympiad.models import Olympiad, Role
from olympiad.participant import session
from olympiad.permissions import get_or_404, participant_only, public, roles
from olympiad.results import cache
from olympiad.results.frozen import frozen_tables
from olympiad.results.publication import name_is_public, public_name_of
from olympiad.results.states import has_results, is_public
from olympiad.results.tables import line_of, rating_tables
from olympiad.results.views import bp


@bp.get("/<int:olympiad_id>/school")
@roles(Role.COORDINATOR)
def school(olympiad_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    if not has_results(olympiad):
        abort(404)
    tables = rating_tables(olympiad)
    for table in tables:
        table.lines = [
            line for line in table.lines if line.participant.school_id == current_user.school_id
        ]
    return render_template(
        "results/school.html",
        olympiad=olympiad,
        tables=[t for t in tables if t.lines],
        school=current_user.school,
    )


@bp.get("/mine")
@participant_only
def mine():
    participant = session.current()
    olympiad = participant.olympiad
    found = line_of(olympiad, participant) if has_results(olympiad) else None
    table, line = found if found else (None, None)
    return render_template(
        "results/mine.html", olympiad=olympiad, participant=participant, table=table, line=line
    )


@bp.get("/public/")
@public
def public_index():
    from olympiad.results.listing import published

    return render_template("results/public_index.html", olympiads=published())


@bp.get("/public/<int:olympiad_id>")
@public
def public_tables(olympiad_id: int):
    found = cache.head(olympiad_id)  # the olympiad itself is loaded only to render
    if found is None or not is_public(found):
        abort(404)

    def render(**extra) -> str:
        olympiad = db.session.get(Olympiad, olympiad_id)
        return render_template(
            "results/public.html",
            olympiad=olympiad,
            tables=frozen_tables(olympiad),
            public_name=public_name_of,
            name_is_public=name_is_public,
            **extra,
        )

    return cache.page(found, ("public",), render)
