"""Final results as approved: the rating tables read from the frozen protocol, never computed.

Once the chair has approved the results, `FrozenResult` holds every ranked line (its table,
order, place, total, percent and status). The pages of a final olympiad read those rows in
one query with their participants; points per task (the organizer's detailed view) and the
organizer's overrides are read only when asked for.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from olympiad.extensions import db
from olympiad.models import FrozenResult, Olympiad, Participant, StatusOverride
from olympiad.results.tables import Line, Table, rating_tables, units


def _rows(olympiad: Olympiad, only: str | None) -> list[FrozenResult]:
    query = (
        select(FrozenResult)
        .join(FrozenResult.participant)
        .join(Participant.school)
        .options(
            contains_eager(FrozenResult.participant).options(
                contains_eager(Participant.school), selectinload(Participant.consents)
            ),
        )
        .where(FrozenResult.olympiad_id == olympiad.id)
        .order_by(FrozenResult.unit, FrozenResult.position)
    )
    if only is not None:
        query = query.where(FrozenResult.unit == only)
    return list(db.session.scalars(query))


def _has_protocol(olympiad: Olympiad) -> bool:
    query = select(FrozenResult.id).where(FrozenResult.olympiad_id == olympiad.id).limit(1)
    return db.session.scalar(query) is not None


def _overrides(olympiad: Olympiad) -> dict[int, StatusOverride]:
    query = (
        select(StatusOverride)
        .join(Participant, Participant.id == StatusOverride.participant_id)
        .where(Participant.olympiad_id == olympiad.id)
    )
    return {o.participant_id: o for o in db.session.scalars(query)}


def frozen_tables(
    olympiad: Olympiad,
    only: str | None = None,
    overrides: bool = False,
    points: bool = False,
    by_group: bool | None = None,
) -> list[Table]:
    """The approved rating tables in the order of the olympiad's grades or groups (`only`: the
    table of that unit alone). `overrides`: each overridden line carries its override (the
    organizer's page shows the reason); `points`: the points per task and the papers, which
    are the only part computed from the marks."""
    rows = _rows(olympiad, only)
    if not rows and not _has_protocol(olympiad):
        # made final without a protocol (data from before it existed): computed as it was
        return rating_tables(olympiad, only=only, by_group=by_group)
    found: dict[str, list[FrozenResult]] = {}
    for row in rows:
        found.setdefault(row.unit, []).append(row)
    extra = _overrides(olympiad) if overrides and any(r.overridden for r in rows) else {}
    scored = None
    if points and rows:
        from olympiad.results.scores import scores

        scored = scores(olympiad)
    known = units(olympiad, by_group)
    # the protocol knows its units: a unit renamed since (a group) is still shown
    order = [unit for unit, _grades in known if unit in found]
    order += [unit for unit in found if unit not in order]
    grades = dict(known)
    tables = []
    for unit in order:
        lines = found[unit]
        paper = None
        if scored is not None:
            group = olympiad.group_of(lines[0].participant.grade_competed)
            paper = scored.papers.get(group.id) if group else None
        table = Table(
            unit,
            grades.get(unit, tuple(sorted({r.participant.grade_competed for r in lines}))),
            paper,
            Decimal(str(lines[0].max_total)),
        )
        for row in lines:
            status = row.status
            table.lines.append(
                Line(
                    participant=row.participant,
                    points=scored.points.get(row.participant_id, {}) if scored else {},
                    total=Decimal(str(row.total)),
                    percent=Decimal(str(row.percent)),
                    place=row.place,
                    status=status,
                    computed=status,
                    override=extra.get(row.participant_id),
                )
            )
        tables.append(table)
    return tables
