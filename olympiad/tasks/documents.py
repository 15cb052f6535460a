"""The papers of a grade group as PDF bytes: booklet, answer sheet and key."""

from __future__ import annotations

from sqlalchemy.orm import undefer

from olympiad.extensions import db
from olympiad.models import Paper, TaskVersion
from olympiad.pdf.papers import (
    PaperData,
    PaperItem,
    build_answer_sheet,
    build_booklet,
    build_key,
)


def paper_data(paper: Paper) -> PaperData:
    ids = [item.task_version_id for item in paper.items]
    # one query for the pictures, which are deferred
    versions = {
        v.id: v
        for v in db.session.scalars(
            db.select(TaskVersion)
            .where(TaskVersion.id.in_(ids))
            .options(undefer(TaskVersion.image))
        )
    }
    items = []
    for number, item in enumerate(paper.items, start=1):
        version = versions[item.task_version_id]
        items.append(
            PaperItem(
                number=number,
                code=version.task.code,
                type=version.type.value,
                text=version.text,
                max_points=version.max_points,
                key=version.key,
                image=version.image,
            )
        )
    olympiad = paper.olympiad
    return PaperData(
        olympiad=olympiad.title,
        academic_year=olympiad.academic_year,
        group=paper.group.name,
        grades=tuple(paper.group.grades),
        time_limit_minutes=paper.time_limit_minutes,
        instructions=paper.instructions,
        held_on=olympiad.held_on,
        items=items,
    )


BUILDERS = {"booklet": build_booklet, "answer_sheet": build_answer_sheet, "key": build_key}


def render(paper: Paper, kind: str) -> bytes:
    return BUILDERS[kind](paper_data(paper))
