"""The organizer's downloads of results: protocols, the per-school summary, CSV and JSON."""

from __future__ import annotations

from flask import abort

from olympiad.downloads import JSON, attachment
from olympiad.models import Olympiad, Role
from olympiad.permissions import get_or_404, roles
from olympiad.results import protocol_pdf, records, workbook
from olympiad.results.states import has_results
from olympiad.results.tables import rating_tables
from olympiad.results.views import bp


def _with_results(olympiad_id: int) -> Olympiad:
    olympiad = get_or_404(Olympiad, olympiad_id)
    if not has_results(olympiad):
        abort(404)
    return olympiad


def _name(olympiad: Olympiad, what: str, ending: str) -> tuple[str, str]:
    return (
        f"{what} {olympiad.academic_year}.{ending}",
        f"results-{olympiad.academic_year}.{ending}",
    )


@bp.get("/<int:olympiad_id>/protocol.xlsx")
@roles(Role.ORGANIZER)
def protocol_xlsx(olympiad_id: int):
    olympiad = _with_results(olympiad_id)
    content = workbook.rating_xlsx(olympiad, rating_tables(olympiad))
    return attachment(content, *_name(olympiad, "Протокол жюри", "xlsx"))


@bp.get("/<int:olympiad_id>/protocol.pdf")
@roles(Role.ORGANIZER)
def protocol_pdf_file(olympiad_id: int):
    olympiad = _with_results(olympiad_id)
    content = protocol_pdf.rating_pdf(olympiad, rating_tables(olympiad))
    return attachment(content, *_name(olympiad, "Протокол жюри", "pdf"))


@bp.get("/<int:olympiad_id>/schools.xlsx")
@roles(Role.ORGANIZER)
def schools_xlsx(olympiad_id: int):
    olympiad = _with_results(olympiad_id)
    content = workbook.school_summary_xlsx(olympiad, rating_tables(olympiad))
    return attachment(content, *_name(olympiad, "Итоги по школам", "xlsx"))


@bp.get("/<int:olympiad_id>/results.<fmt>")
@roles(Role.ORGANIZER)
def export(olympiad_id: int, fmt: str):
    olympiad = _with_results(olympiad_id)
    rows = records.records(olympiad, rating_tables(olympiad))
    if fmt == "csv":
        return attachment(
            records.to_csv(rows), *_name(olympiad, "Результаты", "csv"), "text/csv; charset=utf-8"
        )
    if fmt == "json":
        return attachment(
            records.to_json(olympiad, rows), *_name(olympiad, "Результаты", "json"), JSON
        )
    abort(404)
