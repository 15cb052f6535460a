"""Operations on whole plans: import, header, next year, removal. They flush; the view (or the
demo) commits. The parts of a plan are edited in parts.py; document.py shapes it for reading."""

import re
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from olympiad import audit
from olympiad.extensions import db
from olympiad.models import (
    Olympiad,
    Plan,
    PlanChapter,
    PlanDirection,
    PlanItem,
    PlanMeeting,
    PlanSection,
    PlanStatus,
    School,
    User,
)
from olympiad.plan.importer import ParsedPlan, match_school, parse_plan_file
from olympiad.versions import is_stale

SEED = Path(__file__).parent / "seed" / "rmo-plan-2020-2021.txt"


class PlanError(ValueError):
    """A refused change, with a message for the user."""


def stale_error() -> PlanError:
    return PlanError(
        _(
            "Пока вы редактировали, план изменил другой пользователь. Ваши изменения не "
            "сохранены: откройте план заново и повторите правку."
        )
    )


def check_version(sent: int | None, current: int) -> None:
    """A form carries the version it was opened at; a missing or older one is refused."""
    if is_stale(sent, current):
        raise stale_error()


def flush() -> None:
    try:
        db.session.flush()
    except StaleDataError:  # another request saved between our read and our write
        raise stale_error() from None


def touch(plan: Plan) -> None:
    """Count a change of any part as a change of the plan, so older forms become stale."""
    flag_modified(plan, "title")


@dataclass
class PlanData:
    title: str
    academic_year: str
    theme: str
    goal: str
    status: PlanStatus


def all_plans() -> list[Plan]:
    return list(db.session.scalars(select(Plan).order_by(Plan.academic_year.desc())))


def newest_plan() -> Plan | None:
    return db.session.scalar(select(Plan).order_by(Plan.academic_year.desc()).limit(1))


def registry() -> list[School]:
    """Schools a venue can be matched to: the registry without the archive."""
    return list(
        db.session.scalars(
            select(School).where(School.archived_at.is_(None)).order_by(School.full_name)
        )
    )


def school_choices(keep: list[int] | None = None) -> list[tuple[int, str]]:
    """The registry for a select; archived schools only when already chosen (`keep`)."""
    query = select(School).order_by(School.full_name)
    if keep:
        query = query.where(School.archived_at.is_(None) | School.id.in_(keep))
    else:
        query = query.where(School.archived_at.is_(None))
    return [(school.id, school.full_name) for school in db.session.scalars(query)]


def match_venues(parsed: ParsedPlan) -> list[School | None]:
    """The registry school of each meeting's venue, in the order of the meetings."""
    schools = registry()
    by_id = {school.id: school for school in schools}
    pairs = [(school.id, school.full_name, school.short_name) for school in schools]
    return [by_id.get(match_school(m.venue_text, pairs)) for m in parsed.meetings]


def venue_warnings(parsed: ParsedPlan, venues: list[School | None]) -> list[str]:
    return [
        _(
            "Заседание %(n)s: место «%(venue)s» не найдено в реестре школ; оно сохранится "
            "текстом, школу можно выбрать потом при правке заседания.",
            n=meeting.number,
            venue=meeting.venue_text,
        )
        for meeting, school in zip(parsed.meetings, venues, strict=True)
        if school is None and meeting.venue_text
    ]


def ensure_year_free(academic_year: str, plan: Plan | None = None) -> None:
    query = select(Plan.id).where(Plan.academic_year == academic_year)
    if plan is not None:
        query = query.where(Plan.id != plan.id)
    if db.session.scalar(query):
        raise PlanError(
            _(
                "План на %(year)s учебный год уже есть. Исправьте его на странице плана или "
                "удалите его и загрузите файл заново.",
                year=academic_year,
            )
        )


def import_plan(actor: User | None, parsed: ParsedPlan, source: str) -> Plan:
    """Save what the importer understood, as the approved plan of its year."""
    ensure_year_free(parsed.academic_year)
    plan = Plan(
        academic_year=parsed.academic_year,
        title=parsed.title,
        theme=parsed.theme,
        goal=parsed.goal,
        status=PlanStatus.APPROVED,
        headings=dict(parsed.headings),
        author=parsed.author,
    )
    _add_items(plan, PlanSection.OBJECTIVE, parsed.objectives)
    for position, parsed_direction in enumerate(parsed.directions, 1):
        direction = PlanDirection(plan=plan, position=position, title=parsed_direction.title)
        _add_items(plan, PlanSection.DIRECTION, parsed_direction.items, direction)
    for position, (meeting, school) in enumerate(
        zip(parsed.meetings, match_venues(parsed), strict=True), 1
    ):
        plan.meetings.append(
            PlanMeeting(
                position=position,
                number=meeting.number,
                planned_when=meeting.planned_when,
                venue_text=meeting.venue_text,
                venue_school=school,
                topic=meeting.topic,
                practical_part=meeting.practical_part,
                theoretical_points=list(meeting.theoretical_points),
                responsible=meeting.responsible,
            )
        )
    _add_items(plan, PlanSection.BETWEEN_MEETINGS, parsed.between_meetings)
    for position, parsed_chapter in enumerate(parsed.chapters, 1):
        chapter = PlanChapter(
            plan=plan,
            position=position,
            number=parsed_chapter.number,
            heading=parsed_chapter.heading,
        )
        _add_items(plan, PlanSection.CHAPTER, parsed_chapter.items, chapter=chapter)
    db.session.add(plan)
    db.session.flush()
    audit.record(
        actor,
        "plan_imported",
        plan,
        new={"academic_year": plan.academic_year, "title": plan.title, "source": source},
    )
    return plan


def _add_items(plan, section, texts, direction=None, chapter=None) -> None:
    """Items from the importer (texts with their term and people) or copied items."""
    for position, text in enumerate(texts, 1):
        plan.items.append(
            PlanItem(
                section=section,
                direction=direction,
                chapter=chapter,
                position=position,
                text=str(getattr(text, "text", text)),
                planned_when=getattr(text, "planned_when", ""),
                responsible=getattr(text, "responsible", ""),
            )
        )


def load_seed(actor: User | None = None) -> Plan:
    """The association's real 2020-2021 plan, through the same importer as an upload."""
    return import_plan(actor, parse_plan_file(SEED.name, SEED.read_bytes()), SEED.name)


def update_plan(actor: User, plan: Plan, data: PlanData, version: int | None) -> None:
    check_version(version, plan.version)
    data = PlanData(*(v.strip() if isinstance(v, str) else v for v in vars(data).values()))
    ensure_year_free(data.academic_year, plan)
    old = {key: str(getattr(plan, key)) for key in vars(data)}
    for key, value in vars(data).items():
        setattr(plan, key, value)
    flush()
    audit.record(
        actor, "plan_updated", plan, old=old, new={k: str(v) for k, v in vars(data).items()}
    )


def set_approver(actor: User, plan: Plan, position: str, name: str, approved_on) -> None:
    """Who approved the plan («УТВЕРЖДАЮ»): printed on the plan when set."""
    old = [plan.approver_position, plan.approver_name, str(plan.approved_on or "")]
    plan.approver_position = (position or "").strip()
    plan.approver_name = " ".join((name or "").split())
    plan.approved_on = approved_on
    new = [plan.approver_position, plan.approver_name, str(plan.approved_on or "")]
    if new != old:
        flush()
        audit.record(actor, "plan_approver_set", plan, old={"approver": old}, new={"approver": new})


def next_academic_year(academic_year: str) -> str:
    first = int(academic_year[:4]) + 1
    return f"{first}-{first + 1}"


def _retitle(title: str, old_year: str, new_year: str) -> str:
    """Put the new year where the title names the old one ("2020-2021", "2020–21", "2020/2021")."""
    first, second = old_year.split("-")
    pattern = rf"(?<!\d){first}\s*[-–—/]\s*(?:{second}|{second[2:]})(?!\d)"
    return re.sub(pattern, new_year, title)


def copy_to_next_year(actor: User, plan: Plan) -> Plan:
    """A draft of the next academic year with the same content and no meeting records."""
    year = next_academic_year(plan.academic_year)
    ensure_year_free(year)
    copy = Plan(
        academic_year=year,
        title=_retitle(plan.title, plan.academic_year, year),
        theme=plan.theme,
        goal=plan.goal,
        status=PlanStatus.DRAFT,
        headings=dict(plan.headings or {}),
        author=plan.author,
    )
    for section in (PlanSection.OBJECTIVE, PlanSection.BETWEEN_MEETINGS):
        _add_items(copy, section, plan.section_items(section))
    for direction in plan.directions:
        new_direction = PlanDirection(plan=copy, position=direction.position, title=direction.title)
        _add_items(copy, PlanSection.DIRECTION, direction.items, new_direction)
    for chapter in plan.chapters:
        new_chapter = PlanChapter(
            plan=copy, position=chapter.position, number=chapter.number, heading=chapter.heading
        )
        _add_items(copy, PlanSection.CHAPTER, chapter.items, chapter=new_chapter)
    for meeting in plan.meetings:
        copy.meetings.append(
            PlanMeeting(
                position=meeting.position,
                number=meeting.number,
                planned_when=meeting.planned_when,
                venue_text=meeting.venue_text,
                venue_school_id=meeting.venue_school_id,
                topic=meeting.topic,
                practical_part=meeting.practical_part,
                theoretical_points=list(meeting.theoretical_points),
                responsible=meeting.responsible,
            )
        )
    db.session.add(copy)
    db.session.flush()
    audit.record(actor, "plan_copied", copy, new={"academic_year": year, "from_plan": plan.id})
    return copy


def linked_olympiads(item_ids: list[int]) -> list[Olympiad]:
    if not item_ids:
        return []
    return list(db.session.scalars(select(Olympiad).where(Olympiad.plan_item_id.in_(item_ids))))


def ensure_unlinked(items: list[PlanItem]) -> None:
    """An olympiad's results land in the item it fulfils: such an item must stay."""
    olympiads = linked_olympiads([item.id for item in items])
    if olympiads:
        raise PlanError(
            _(
                "Удалить нельзя: с пунктом плана связана олимпиада «%(title)s». "
                "Сначала отвяжите её от плана.",
                title=olympiads[0].title,
            )
        )


def delete_plan(actor: User, plan: Plan) -> None:
    ensure_unlinked(plan.items)
    audit.record(
        actor,
        "plan_deleted",
        plan,
        old={"academic_year": plan.academic_year, "title": plan.title},
    )
    db.session.delete(plan)
    flush()
