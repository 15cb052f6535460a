"""Numbers of the plan's items as readers cite them (3.1, 4.3.2, 6.2, 7.1), and which items an
olympiad can fulfil. Plain attribute access: works on the models and on any look-alike."""

import re

_EVENT = re.compile(r"олимпиад|olympiad", re.IGNORECASE)


def item_numbers(plan) -> dict[int, str]:
    """Item id -> its number: objectives 3.N, items of direction 4.D as 4.D.N, work between
    meetings 6.N, items of a later section 7.N (the section's own number)."""
    numbers = {}
    for section, prefix in (("objective", "3"), ("between_meetings", "6")):
        for index, item in enumerate(plan.section_items(section), 1):
            numbers[item.id] = f"{prefix}.{index}"
    for d_index, direction in enumerate(plan.directions, 1):
        for index, item in enumerate(direction.items, 1):
            numbers[item.id] = f"4.{d_index}.{index}"
    for chapter in plan.chapters:
        for index, item in enumerate(chapter.items, 1):
            numbers[item.id] = f"{chapter.number}.{index}"
    return numbers


def number_key(number: str) -> list[int]:
    return [int(part) if part.isdigit() else 0 for part in number.split(".")]


def may_be_olympiad(section: str, text: str) -> bool:
    """An event of the plan that names an olympiad; an objective is a goal, not an event."""
    return section != "objective" and bool(_EVENT.search(text))
