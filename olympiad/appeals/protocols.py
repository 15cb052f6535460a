"""Appeal protocols as files: the data the PDF builders take, and their Russian names."""

from __future__ import annotations

from flask import Response
from flask_babel import format_date, format_datetime
from sqlalchemy import select

from olympiad.appeals.records import appeals_of
from olympiad.domain.task_keys import TYPE_LABELS
from olympiad.downloads import attachment
from olympiad.extensions import db
from olympiad.marking.labels import show_points
from olympiad.models import Appeal, AppealState, JuryMember, Olympiad
from olympiad.pdf.appeals import (
    AppealProtocol,
    AppealRecord,
    GradeProtocol,
    build_appeal_protocol,
    build_grade_protocol,
)

# the protocols are documents in Russian whatever the reader's language
OUTCOMES = {
    AppealState.REJECTED: "апелляция отклонена, оценка сохранена",
    AppealState.ACCEPTED: "апелляция удовлетворена, оценка изменена",
}


def _day(moment) -> str:
    return format_datetime(moment, "dd.MM.yyyy") if moment else ""


def task_label(appeal: Appeal) -> str:
    item = appeal.paper_task
    version = item.task_version
    kind = TYPE_LABELS.get(version.type, "").split(" (")[0].lower()
    return f"№ {item.position} ({kind}), максимум {show_points(version.max_points)} б."


def record_of(appeal: Appeal) -> AppealRecord:
    decided = appeal.state != AppealState.PENDING
    return AppealRecord(
        number=appeal.number,
        cipher=appeal.participant.cipher or "",
        grade=appeal.participant.grade_competed,
        task=task_label(appeal),
        task_short=(
            f"№ {appeal.paper_task.position}, "
            f"макс. {show_points(appeal.paper_task.task_version.max_points)}"
        ),
        filed_on=_day(appeal.filed_at),
        filed_by="координатор школы" if appeal.filed_by_id else "участник",
        reasoning=appeal.reasoning,
        old_points=show_points(appeal.old_points),
        new_points=show_points(appeal.new_points) if decided else "",
        outcome=OUTCOMES.get(appeal.state, ""),
        reason=appeal.decision if decided else "",
        decided_on=_day(appeal.decided_at),
        accepted=appeal.state == AppealState.ACCEPTED,
        decided_by=appeal.decided_by.full_name if decided and appeal.decided_by else "",
        contested=appeal.contested or "",
    )


def chair_name(olympiad: Olympiad) -> str:
    member = db.session.scalar(
        select(JuryMember).where(JuryMember.olympiad_id == olympiad.id, JuryMember.is_chair)
    )
    return member.user.full_name if member else ""


def _held_on(olympiad: Olympiad) -> str:
    return format_date(olympiad.held_on, "d MMMM y") if olympiad.held_on else ""


def appeal_pdf(olympiad: Olympiad, appeal: Appeal) -> Response:
    chair = appeal.decided_by.full_name if appeal.decided_by else chair_name(olympiad)
    content = build_appeal_protocol(
        AppealProtocol(
            olympiad=olympiad.title,
            academic_year=olympiad.academic_year,
            held_on=_held_on(olympiad),
            chair=chair,
            appeal=record_of(appeal),
        )
    )
    cipher = appeal.participant.cipher or ""
    return attachment(
        content,
        f"Протокол апелляции № {appeal.number} ({cipher}).pdf",
        f"appeal-{appeal.number}.pdf",
    )


def decisions_day(appeals: list[Appeal]) -> str:
    """The protocol is dated with the day of its last decision, not the day it is printed
    (a 2021 olympiad's protocol printed in 2026 still says 2021); a blank line to fill in
    while nothing is decided."""
    decided = [a.decided_at for a in appeals if a.decided_at]
    return _day(max(decided)) if decided else "«____» ______________ 20____ г."


def grade_pdf(olympiad: Olympiad, grade: int) -> Response:
    appeals = appeals_of(olympiad, grade=grade)
    content = build_grade_protocol(
        GradeProtocol(
            olympiad=olympiad.title,
            academic_year=olympiad.academic_year,
            held_on=_held_on(olympiad),
            chair=chair_name(olympiad),
            grade=grade,
            printed_on=decisions_day(appeals),
            appeals=[record_of(a) for a in appeals],
        )
    )
    return attachment(
        content,
        f"Протокол апелляций, {grade} класс, {olympiad.academic_year}.pdf",
        f"appeals-grade-{grade}-{olympiad.academic_year}.pdf",
    )
