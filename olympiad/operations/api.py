"""The read-only API of published results: /api/v1/...

It shows exactly what the public pages show and nothing more: olympiads with published
results, their rating tables with names as the parents consented (the school only next to a
public name), and certificate checks by code (rate-limited like the page). Anything else,
unpublished included, is 404. The description is served at /api/v1/openapi.json.
"""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask_babel import gettext as _

from olympiad import ratelimits
from olympiad.certificates import records, verification
from olympiad.certificates.documents import issued_on
from olympiad.certificates.records import normalize_code
from olympiad.certificates.verification import verdict
from olympiad.extensions import db
from olympiad.models import Certificate, Olympiad
from olympiad.operations.openapi import spec
from olympiad.permissions import public
from olympiad.results import cache
from olympiad.results.frozen import frozen_tables
from olympiad.results.listing import published
from olympiad.results.publication import name_is_public, public_name_of
from olympiad.results.states import is_public
from olympiad.results.tables import Line, Table

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def not_found(message: str | None = None):
    return jsonify(error=message or _("Не найдено.")), 404


def _olympiad(olympiad: Olympiad) -> dict:
    return {
        "id": olympiad.id,
        "title": olympiad.title,
        "academic_year": olympiad.academic_year,
        "stage": olympiad.stage,
        "held_on": olympiad.held_on.isoformat() if olympiad.held_on else None,
        "grades": list(olympiad.grades),
        "final_order": olympiad.final_order or None,
        "final_order_date": (
            olympiad.final_order_date.isoformat() if olympiad.final_order_date else None
        ),
        "published_at": olympiad.published_at.isoformat() if olympiad.published_at else None,
    }


def _table_summary(table: Table) -> dict:
    return {
        "unit": table.unit,
        "grades": list(table.grades),
        "max_total": float(table.max_total),
        "participants": len(table.lines),
    }


def _line(line: Line) -> dict:
    person = line.participant
    shown = name_is_public(person)
    return {
        "place": line.place,
        "name": public_name_of(person),
        "name_is_public": shown,
        "school": person.school.short_name if shown else None,
        "total": float(line.total),
        "percent": float(line.percent),
        "status": line.status.value,
    }


MAX_ID = 2**31 - 1  # PostgreSQL's integer: a larger id would be a database error, not a 404


def _published_head(olympiad_id: int):
    """The id, state and results stamp only: a stored document is found by them."""
    if olympiad_id > MAX_ID:
        return None
    found = cache.head(olympiad_id)
    return found if found is not None and is_public(found) else None


@bp.get("/openapi.json")
@public
def openapi():
    return jsonify(spec())


@bp.get("/olympiads")
@public
def olympiads():
    return jsonify(olympiads=[_olympiad(o) for o in published()])


@bp.get("/olympiads/<int:olympiad_id>")
@public
def olympiad(olympiad_id: int):
    found = _published_head(olympiad_id)
    if found is None:
        return not_found(_("Олимпиады с опубликованными итогами с таким номером нет."))

    def build() -> dict:
        olympiad = db.session.get(Olympiad, olympiad_id)
        return {
            "olympiad": _olympiad(olympiad),
            "tables": [_table_summary(t) for t in frozen_tables(olympiad)],
        }

    return cache.json(found, ("api-olympiad",), build)


@bp.get("/olympiads/<int:olympiad_id>/tables/<unit>")
@public
def table(olympiad_id: int, unit: str):
    found = _published_head(olympiad_id)
    if found is None:
        return not_found(_("Олимпиады с опубликованными итогами с таким номером нет."))

    def build() -> dict | None:
        chosen = next(iter(frozen_tables(db.session.get(Olympiad, olympiad_id), only=unit)), None)
        if chosen is None:
            return None
        return {
            "olympiad_id": found.id,
            **_table_summary(chosen),
            "lines": list(map(_line, chosen.lines)),
        }

    answer = cache.json(found, ("api-table", unit), build)
    if answer is None:
        return not_found(_("Такой таблицы в этой олимпиаде нет."))
    return answer


def _certificate(certificate: Certificate) -> dict:
    result = verdict(certificate, by_code=True)
    return {
        "state": result.state,
        "replaced": result.replaced,
        "kind": certificate.kind.value,
        "serial": certificate.serial,
        "issued_on": issued_on(certificate).isoformat(),
        "name": result.name or None,  # the cipher when the consent allows no name
        "name_is_public": bool(result.name) and not result.name_hidden,
        "participant": result.participant or None,
        "status": certificate.status.value,
        "olympiad": {
            "id": certificate.olympiad.id,
            "title": certificate.olympiad.title,
            "academic_year": certificate.olympiad.academic_year,
        },
    }


@bp.get("/certificates/<code>")
@public
@verification.limits(ratelimits.in_url("code", normalize=normalize_code))
def certificate(code: str):
    found = records.by_code(code)
    if found is None or not is_public(found.olympiad):
        return not_found(_("Документа с таким кодом нет."))
    return jsonify(_certificate(found))
