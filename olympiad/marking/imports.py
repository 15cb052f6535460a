"""Saving a checked spreadsheet of answers and marks: every cell, or none."""

from __future__ import annotations

from flask_babel import gettext as _

from olympiad import audit
from olympiad.marking.answers import MarkingError, answers_of, check_open, save_answers
from olympiad.marking.marks import marks_of, own_mark, save_mark
from olympiad.marking.sheets import Preview, preview_marks
from olympiad.marking.works import is_open, paper_of
from olympiad.models import GradeGroup, Olympiad, User
from olympiad.versions import UNCHECKED


class ImportRefused(MarkingError):
    """Some rows have errors: nothing was saved. Carries the preview to show them."""

    def __init__(self, preview: Preview) -> None:
        super().__init__(
            _(
                "В файле есть ошибки (строк: %(n)s); ничего не сохранено.",
                n=preview.error_count or len(preview.errors),
            )
        )
        self.preview = preview


def preview(olympiad, group, filename, content, juror, reason="") -> Preview:
    paper = paper_of(group)
    if paper is None or not paper.items:
        raise MarkingError(_("Для группы %(name)s вариант не составлен.", name=group.name))
    return preview_marks(olympiad, group, paper, filename, content, juror, reason)


def save_import(
    actor: User | None,
    olympiad: Olympiad,
    group: GradeGroup,
    filename: str,
    content: bytes,
    juror: User | None,
    reason: str = "",
) -> int:
    """Check the file again and save every filled cell, or raise and save nothing.
    Returns how many cells were entered or changed."""
    check_open(olympiad)
    checked = preview(olympiad, group, filename, content, juror, reason)
    if not checked.ok:
        raise ImportRefused(checked)
    saved = 0
    for row in checked.rows:
        closed = [(c.item, c.text, UNCHECKED) for c in row.cells if not is_open(c.item)]
        if closed:
            before = {a.paper_task_id: a.text for a in answers_of(row.work)}
            save_answers(actor, olympiad, row.work, closed, reason)
            saved += sum(before.get(item.id) != text for item, text, _ in closed)
        for cell in row.cells:
            if not is_open(cell.item):
                continue
            mine = own_mark(marks_of(row.work, cell.item), juror)
            if mine is not None and mine.total == cell.value:
                continue
            save_mark(
                actor,
                olympiad,
                row.work,
                cell.item,
                [],
                mine.comment if mine else "",
                UNCHECKED,
                reason,
                juror=juror,
                total_points=cell.value,
            )
            saved += 1
    audit.record(
        actor,
        "marks_imported",
        olympiad,
        new={
            "group": group.name,
            "file": filename[:200],
            "rows": len(checked.rows),
            "cells": saved,
            "juror": juror.login if juror else None,
        },
        reason=reason,
    )
    return saved
