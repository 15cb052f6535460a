"""Rules of an olympiad's life: its states, the registration window, its grade groups."""

import enum
import re
from dataclasses import dataclass
from datetime import date


class OlympiadStatus(enum.StrEnum):
    """The life of an olympiad, in order (domain.md, "Life of an olympiad")."""

    DRAFT = "draft"
    REGISTRATION_OPEN = "registration_open"
    REGISTRATION_CLOSED = "registration_closed"
    HELD = "held"
    MARKING = "marking"
    PRELIMINARY = "preliminary"
    FINAL = "final"
    PUBLISHED = "published"
    ARCHIVED = "archived"


S = OlympiadStatus

# what may follow each state; reopening registration keeps the codes already issued
TRANSITIONS: dict[S, tuple[S, ...]] = {
    S.DRAFT: (S.REGISTRATION_OPEN,),
    S.REGISTRATION_OPEN: (S.REGISTRATION_CLOSED,),
    S.REGISTRATION_CLOSED: (S.REGISTRATION_OPEN, S.HELD),
    S.HELD: (S.MARKING,),
    S.MARKING: (S.PRELIMINARY,),
    S.PRELIMINARY: (S.FINAL,),
    S.FINAL: (S.PUBLISHED,),
    S.PUBLISHED: (S.ARCHIVED,),
    S.ARCHIVED: (),
}

# results approved by the chair: marks and statuses no longer change
FROZEN = frozenset({S.FINAL, S.PUBLISHED, S.ARCHIVED})
# results exist (marking is closed): they may be shown as each state allows
WITH_RESULTS = frozenset({S.PRELIMINARY}) | FROZEN

ALL_GRADES = range(1, 12)


def can_move(current: S, target: S) -> bool:
    return target in TRANSITIONS[current]


def registration_is_open(
    status: S, opens_on: date | None, closes_on: date | None, today: date
) -> bool:
    """Open while the organizer keeps it open, and within the dates if they are set."""
    if status != S.REGISTRATION_OPEN:
        return False
    if opens_on and today < opens_on:
        return False
    return not (closes_on and today > closes_on)


@dataclass(frozen=True)
class Group:
    name: str
    grades: tuple[int, ...]


class GradeGroupError(ValueError):
    pass


_RANGE = re.compile(r"^\s*(\d{1,2})\s*(?:[-–—]\s*(\d{1,2}))?\s*$")


def parse_grades(text: str) -> list[int]:
    """'7-11' or '7, 8, 9' -> [7, 8, 9, ...]."""
    grades: list[int] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = _RANGE.match(part)
        if not match:
            raise GradeGroupError(f"Не удалось понять «{part}»: пишите, например, 7-11.")
        low = int(match.group(1))
        high = int(match.group(2) or low)
        if low > high or low not in ALL_GRADES or high not in ALL_GRADES:
            raise GradeGroupError(f"Классы «{part}» вне диапазона 1–11.")
        grades.extend(range(low, high + 1))
    if not grades:
        raise GradeGroupError("Укажите хотя бы один класс.")
    return sorted(set(grades))


def parse_groups(text: str, grades: list[int]) -> list[Group]:
    """'7-8; 9-11' -> groups; every grade taking part must fall into exactly one group."""
    groups = []
    seen: set[int] = set()
    for part in filter(None, (p.strip() for p in re.split(r"[;\n]", text))):
        members = parse_grades(part)
        overlap = seen & set(members)
        if overlap:
            raise GradeGroupError(
                f"Класс {min(overlap)} входит в две группы: каждый класс — в одну группу."
            )
        seen.update(members)
        name = f"{members[0]}–{members[-1]}" if len(members) > 1 else str(members[0])
        groups.append(Group(name=name, grades=tuple(members)))
    missing = sorted(set(grades) - seen)
    if missing:
        raise GradeGroupError(
            "Классы " + ", ".join(map(str, missing)) + " не входят ни в одну группу."
        )
    extra = sorted(seen - set(grades))
    if extra:
        raise GradeGroupError(
            "В группах есть классы, которые не участвуют: " + ", ".join(map(str, extra)) + "."
        )
    return groups


def format_grades(grades: list[int]) -> str:
    """[7, 8, 9, 11] -> '7-9, 11'."""
    runs: list[list[int]] = []
    for grade in sorted(grades):
        if runs and grade == runs[-1][-1] + 1:
            runs[-1].append(grade)
        else:
            runs.append([grade])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
