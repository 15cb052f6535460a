"""Operations on the parts of a plan: items, directions, meetings and their records.

Adding, moving and removing change the plan's order, so they check and bump the plan's
version; a meeting's own text and record are guarded by the meeting's version. PlanItem ids
never change on edit or move: an olympiad links to the item it fulfils.
"""

import re
from dataclasses import dataclass
from datetime import date

from olympiad import audit
from olympiad.extensions import db
from olympiad.models import (
    Plan,
    PlanChapter,
    PlanDirection,
    PlanItem,
    PlanMeeting,
    PlanSection,
    User,
)
from olympiad.plan.services import check_version, ensure_unlinked, flush, touch

Part = PlanItem | PlanDirection | PlanMeeting
KINDS: dict[str, type] = {"item": PlanItem, "direction": PlanDirection, "meeting": PlanMeeting}
_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]|[-–—•])\s*")


@dataclass
class MeetingData:
    planned_when: str
    venue_school_id: int | None
    venue_text: str
    topic: str
    practical_part: str
    theoretical_points: list[str]
    responsible: str = ""


@dataclass
class MeetingRecord:
    held_on: date | None
    held_venue: str
    attendance_count: int | None
    attending_school_ids: list[int]
    open_event: str
    decisions: str


def points_from_text(text: str) -> list[str]:
    """One point per line; a typed "1." or "-" in front is dropped, the list numbers itself."""
    return [point for line in text.splitlines() if (point := _MARKER.sub("", line).strip())]


def kind_of(part: Part) -> str:
    return next(kind for kind, model in KINDS.items() if isinstance(part, model))


def group_of(part: Part) -> list:
    """The ordered list the part is moved within."""
    if isinstance(part, PlanMeeting):
        group = part.plan.meetings
    elif isinstance(part, PlanDirection):
        group = part.plan.directions
    elif part.direction is not None:
        group = part.direction.items
    elif part.chapter is not None:
        group = part.chapter.items
    else:
        group = part.plan.section_items(part.section)
    return sorted(group, key=lambda other: other.position)


def _renumber(group: list) -> None:
    """Positions 1..n; a meeting's number is its row in the table."""
    meetings = [part for part in group if isinstance(part, PlanMeeting)]
    if [m.number for m in meetings] != list(range(1, len(meetings) + 1)):
        # (plan, number) is unique at every statement: step aside through negative numbers
        for number, meeting in enumerate(meetings, 1):
            meeting.number = -number
        flush()
        for number, meeting in enumerate(meetings, 1):
            meeting.number = number
    for position, part in enumerate(group, 1):
        part.position = position


def _next_position(group: list) -> int:
    return max((part.position for part in group), default=0) + 1


def add_item(
    actor: User,
    plan: Plan,
    section: PlanSection,
    direction: PlanDirection | None,
    text: str,
    version: int | None,
    planned_when: str = "",
    responsible: str = "",
    chapter: PlanChapter | None = None,
) -> PlanItem:
    """A new last item of a direction (4.N), of a section after the sixth, or of section 3 or 6."""
    check_version(version, plan.version)
    if direction is not None:
        group = direction.items
    elif chapter is not None:
        group = chapter.items
    else:
        group = plan.section_items(section)
    item = PlanItem(
        plan=plan,
        section=section,
        direction=direction,
        chapter=chapter,
        position=_next_position(group),
        text=text.strip(),
        planned_when=planned_when.strip(),
        responsible=responsible.strip(),
    )
    db.session.add(item)
    touch(plan)
    flush()
    audit.record(actor, "plan_item_added", item, new={"section": section.value, "text": item.text})
    return item


def update_item(
    actor: User,
    item: PlanItem,
    text: str,
    version: int | None,
    planned_when: str | None = None,
    responsible: str | None = None,
) -> None:
    """Change the text (and, when given, the term and the people responsible)."""
    check_version(version, item.plan.version)
    keys = ("text", "planned_when", "responsible")
    old = {key: getattr(item, key) for key in keys}
    item.text = text.strip()
    if planned_when is not None:
        item.planned_when = planned_when.strip()
    if responsible is not None:
        item.responsible = responsible.strip()
    touch(item.plan)
    flush()
    new = {key: getattr(item, key) for key in keys}
    audit.record(actor, "plan_item_updated", item, old=old, new=new)


def add_direction(actor: User, plan: Plan, title: str, version: int | None) -> PlanDirection:
    check_version(version, plan.version)
    direction = PlanDirection(
        plan=plan, position=_next_position(plan.directions), title=title.strip()
    )
    db.session.add(direction)
    touch(plan)
    flush()
    audit.record(actor, "plan_direction_added", direction, new={"title": direction.title})
    return direction


def update_direction(
    actor: User, direction: PlanDirection, title: str, version: int | None
) -> None:
    check_version(version, direction.plan.version)
    old = direction.title
    direction.title = title.strip()
    touch(direction.plan)
    flush()
    audit.record(
        actor, "plan_direction_updated", direction, old={"title": old}, new={"title": title}
    )


def _meeting_values(data: MeetingData) -> dict:
    values = {
        key: value.strip() if isinstance(value, str) else value for key, value in vars(data).items()
    }
    values["theoretical_points"] = [point.strip() for point in data.theoretical_points]
    return values


def add_meeting(actor: User, plan: Plan, data: MeetingData, version: int | None) -> PlanMeeting:
    check_version(version, plan.version)
    meeting = PlanMeeting(
        plan=plan,
        position=_next_position(plan.meetings),
        number=max((m.number for m in plan.meetings), default=0) + 1,
        **_meeting_values(data),
    )
    db.session.add(meeting)
    touch(plan)
    flush()
    audit.record(actor, "plan_meeting_added", meeting, new=_meeting_values(data))
    return meeting


def update_meeting(
    actor: User, meeting: PlanMeeting, data: MeetingData, version: int | None
) -> None:
    check_version(version, meeting.version)
    new = _meeting_values(data)
    old = {key: getattr(meeting, key) for key in new}
    for key, value in new.items():
        setattr(meeting, key, value)
    flush()
    audit.record(actor, "plan_meeting_updated", meeting, old=old, new=new)


def record_meeting(
    actor: User, meeting: PlanMeeting, record: MeetingRecord, version: int | None
) -> None:
    """Write down how the meeting went: date, venue, who came, what was shown and decided."""
    check_version(version, meeting.version)
    new = {
        key: value.strip() if isinstance(value, str) else value
        for key, value in vars(record).items()
    }
    old = {key: getattr(meeting, key) for key in new}
    for key, value in new.items():
        setattr(meeting, key, value)
    flush()
    for values in (old, new):
        values["held_on"] = values["held_on"].isoformat() if values["held_on"] else None
    audit.record(actor, "plan_meeting_recorded", meeting, old=old, new=new)


def move(actor: User, part: Part, up: bool, version: int | None) -> bool:
    """Swap the part with its neighbour; False when it is already first (or last)."""
    plan = part.plan
    check_version(version, plan.version)
    group = group_of(part)
    index = group.index(part)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(group):
        return False
    old = part.position
    group[index], group[other] = group[other], group[index]
    _renumber(group)
    touch(plan)
    flush()
    audit.record(
        actor,
        f"plan_{kind_of(part)}_moved",
        part,
        old={"position": old},
        new={"position": part.position},
    )
    return True


def remove(actor: User, part: Part) -> None:
    """Delete the part (a direction with its items) and close the gap in the numbering."""
    plan = part.plan
    items = [part] if isinstance(part, PlanItem) else []
    if isinstance(part, PlanDirection):
        items = list(part.items)
    ensure_unlinked(items)
    audit.record(actor, f"plan_{kind_of(part)}_deleted", part, old=_describe(part))
    group = [other for other in group_of(part) if other is not part]
    for item in items:
        if item is not part:
            db.session.delete(item)
    db.session.delete(part)
    flush()
    _renumber(group)
    touch(plan)
    flush()


def _describe(part: Part) -> dict:
    if isinstance(part, PlanItem):
        return {"section": part.section.value, "text": part.text}
    if isinstance(part, PlanDirection):
        return {"title": part.title, "items": [item.text for item in part.items]}
    return {"number": part.number, "topic": part.topic, "planned_when": part.planned_when}
