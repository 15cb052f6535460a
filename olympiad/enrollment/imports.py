"""Import from a spreadsheet: preview every row's problems, then save all rows or none.

Nothing is kept between the preview and the save: the save reads and checks the same file
again, against the database as it is then.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from flask_babel import gettext as _
from sqlalchemy import func, select

from olympiad import audit
from olympiad.enrollment.columns import LABELS
from olympiad.enrollment.services import EnrollmentError, check_window, enroll_many
from olympiad.enrollment.spreadsheet import ImportPreview, RowResult, read_table, validate_rows
from olympiad.enrollment.values import normalize_school
from olympiad.extensions import db
from olympiad.models import Olympiad, Participant, ParticipantStatus, School, User


class ImportRefused(EnrollmentError):
    """Some rows have errors: nothing was saved. Carries the preview to show them."""

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__(
            _("В файле есть ошибки (строк: %(n)s); ничего не сохранено.", n=preview.error_count)
        )
        self.preview = preview


class ImportUnconfirmed(EnrollmentError):
    """The file has no publication-consent column and the user has not confirmed "no"."""

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__(
            _(
                "В файле нет столбцов согласий (%(names)s): подтвердите, что у всех учеников "
                "из файла эти согласия не получены, или добавьте столбцы в файл.",
                names=", ".join(f"«{name}»" for name in preview.missing_consents),
            )
        )
        self.preview = preview


def school_names() -> dict[str, int]:
    """Full and short names of the active schools; a short name two schools share is left
    out, so that it cannot send a student to the wrong school."""
    schools = db.session.scalars(select(School).where(School.archived_at.is_(None))).all()
    shorts = Counter(normalize_school(s.short_name) for s in schools)
    names = {s.short_name: s.id for s in schools if shorts[normalize_school(s.short_name)] == 1}
    names.update({s.full_name: s.id for s in schools})
    return names


def _enrolled(olympiad: Olympiad, school_id: int | None):
    query = select(Participant).where(
        Participant.olympiad_id == olympiad.id,
        Participant.status == ParticipantStatus.ENROLLED,
    )
    if school_id is not None:
        query = query.where(Participant.school_id == school_id)
    return query


def preview_import(
    olympiad: Olympiad, filename: str, content: bytes, school_id: int | None
) -> ImportPreview:
    """Read and check the file. `school_id` fixes the school (a coordinator's upload);
    None means the file names each row's school. Raises SpreadsheetError for a bad file."""
    table = read_table(filename, content)
    enrolled = _enrolled(olympiad, school_id).subquery()
    existing = db.session.execute(
        select(
            enrolled.c.school_id,
            enrolled.c.surname,
            enrolled.c.name,
            enrolled.c.patronymic,
            enrolled.c.grade_studied,
        )
    ).all()
    preview = validate_rows(
        table.rows,
        schools=school_names(),
        fixed_school_id=school_id,
        existing=[tuple(row) for row in existing],
        grades_allowed=olympiad.grades,
    )
    warnings = [
        _(
            "Столбец «%(name)s» не распознан и не будет загружен. Если в нём нужные данные, "
            "переименуйте его, как в шаблоне.",
            name=name,
        )
        for name in table.ignored
    ]
    missing = [LABELS[name] for name in table.missing_consents]
    preview = replace(preview, warnings=warnings, missing_consents=missing)
    return _apply_limit(olympiad, preview)


def _apply_limit(olympiad: Olympiad, preview: ImportPreview) -> ImportPreview:
    """Rows beyond the per-school, per-grade limit become errors, in file order."""
    limit = olympiad.school_grade_limit
    if not limit:
        return preview
    enrolled = _enrolled(olympiad, None).subquery()
    counts = Counter(
        {
            (school_id, grade): n
            for school_id, grade, n in db.session.execute(
                select(enrolled.c.school_id, enrolled.c.grade_competed, func.count()).group_by(
                    enrolled.c.school_id, enrolled.c.grade_competed
                )
            )
        }
    )
    rows = []
    for row in preview.rows:
        if row.data is not None:
            key = (row.data.school_id, row.data.grade_competed)
            counts[key] += 1
            if counts[key] > limit:
                message = _(
                    "Сверх ограничения: от школы в %(grade)s классе можно записать не больше "
                    "%(n)s участников.",
                    grade=key[1],
                    n=limit,
                )
                row = replace(row, data=None, errors=[message])
        rows.append(row)
    return replace(preview, rows=rows)


def save_import(
    actor: User | None,
    olympiad: Olympiad,
    filename: str,
    content: bytes,
    school_id: int | None,
    *,
    no_consent_confirmed: bool = False,
) -> int:
    """Check the file again and enroll every row, or raise ImportRefused and save nothing.
    A file without a publication-consent column is saved only when the user confirmed that
    those consents are recorded as refused."""
    check_window(actor, olympiad)
    preview = preview_import(olympiad, filename, content, school_id)
    if not preview.ok:
        raise ImportRefused(preview)
    if preview.missing_consents and not no_consent_confirmed:
        raise ImportUnconfirmed(preview)
    count = enroll_many(actor, olympiad, preview.students)
    audit.record(
        actor,
        "participants_imported",
        olympiad,
        new={"file": filename[:200], "rows": count, "school_id": school_id},
    )
    return count


__all__ = [
    "ImportRefused",
    "ImportUnconfirmed",
    "RowResult",
    "preview_import",
    "save_import",
    "school_names",
]
