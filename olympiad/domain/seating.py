"""Seating participants in rooms: first fit, grade by grade, within each room's grades and seats."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RoomSeats:
    id: int
    grades: Sequence[int]  # empty: any grade
    capacity: int | None  # None: no limit
    taken: int = 0  # seats already given to participants placed by hand


@dataclass(frozen=True)
class Seat:
    id: int
    grade: int  # grade competed


def seat(people: Sequence[Seat], rooms: Sequence[RoomSeats]) -> dict[int, int]:
    """Participant id -> room id, for everyone who fits.

    People are taken by grade (in the order given within a grade), rooms in their order, so
    one grade fills a room before spilling into the next; whoever fits nowhere is left out.
    """
    free = {r.id: None if r.capacity is None else r.capacity - r.taken for r in rooms}
    placed: dict[int, int] = {}
    for person in sorted(people, key=lambda p: p.grade):
        for room in rooms:
            if room.grades and person.grade not in room.grades:
                continue
            if free[room.id] is not None and free[room.id] <= 0:
                continue
            placed[person.id] = room.id
            if free[room.id] is not None:
                free[room.id] -= 1
            break
    return placed
