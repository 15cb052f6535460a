"""The public protocol per grade as PDF, once results are published: names as consented."""

from __future__ import annotations

from flask import abort

from olympiad.downloads import attachment
from olympiad.models import Olympiad
from olympiad.pdf.public_protocol import PublicProtocol, PublicRow, build_public_protocol
from olympiad.permissions import get_or_404, public
from olympiad.results.labels import day, percent, points, status_name, table_title
from olympiad.results.publication import name_is_public, public_name_of
from olympiad.results.states import is_public
from olympiad.results.tables import rating_tables
from olympiad.results.views import bp


@bp.get("/public/<int:olympiad_id>/protocol/<unit>.pdf")
@public
def public_protocol(olympiad_id: int, unit: str):
    olympiad = get_or_404(Olympiad, olympiad_id)
    if not is_public(olympiad):
        abort(404)
    table = next((t for t in rating_tables(olympiad) if t.unit == unit), None)
    if table is None:
        abort(404)
    rows = [
        PublicRow(
            line.place,
            public_name_of(line.participant),
            line.participant.school.short_name if name_is_public(line.participant) else "",
            points(line.total),
            percent(line.percent),
            status_name(line.status),
        )
        for line in table.lines
    ]
    title = table_title(table)
    content = build_public_protocol(
        PublicProtocol(
            title=olympiad.title,
            academic_year=olympiad.academic_year,
            unit=title,
            order=f"Итоги утверждены приказом № {olympiad.final_order} "
            f"от {day(olympiad.final_order_date)}.",
            max_total=points(table.max_total),
            rows=rows,
            note="Имена участников показаны так, как разрешили родители в согласии на "
            "публикацию; остальные участники указаны по шифру.",
        )
    )
    return attachment(
        content,
        f"Итоги, {title}, {olympiad.academic_year}.pdf",
        f"results-{olympiad.id}-{olympiad.academic_year}.pdf",
    )
