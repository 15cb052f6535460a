"""One letter of thanks per mentor, listing the awarded pupils they prepared.

A mentor is known by the name typed into the pupils' records, within one school (two
teachers of one name in two schools are two people). The letter's row points to the first
of the pupils in the order of the rating tables; whom it thanks for is read from the final
results, so a re-issued letter lists the same pupils.
"""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import select

from olympiad.certificates.labels import AWARDED
from olympiad.extensions import db
from olympiad.models import FrozenResult, Olympiad, Participant
from olympiad.results.tables import units

MentorKey = tuple[int, str]  # (school id, the name folded)


def mentors_of(text: str | None) -> list[str]:
    """'Петрова А. С.; Иванов И. И., ' -> the two names (each once)."""
    names = (" ".join(name.split()) for name in re.split(r"[,;]", text or ""))
    return list(dict.fromkeys(name for name in names if name))


def mentor_key(school_id: int, name: str) -> MentorKey:
    return school_id, " ".join(name.split()).casefold().replace("ё", "е")


def ranked_results(olympiad: Olympiad) -> list[tuple[FrozenResult, Participant]]:
    """The final protocol's lines with their participants, in the order of the tables."""
    rows = db.session.execute(
        select(FrozenResult, Participant)
        .join(Participant, Participant.id == FrozenResult.participant_id)
        .where(FrozenResult.olympiad_id == olympiad.id)
    ).all()
    order = {unit: n for n, (unit, _grades) in enumerate(units(olympiad))}
    rows.sort(key=lambda row: (order.get(row[0].unit, len(order)), row[0].unit, row[0].position))
    return [(result, person) for result, person in rows]


def awarded_by_mentor(
    olympiad: Olympiad, rows: list[tuple[FrozenResult, Participant]] | None = None
) -> dict[MentorKey, tuple[str, list[tuple[FrozenResult, Participant]]]]:
    """Each mentor of a winner or prize-winner: their name as first written, and their
    awarded pupils in the order of the tables."""
    found: dict[MentorKey, tuple[str, list]] = {}
    pupils: dict[MentorKey, list] = defaultdict(list)
    for result, person in rows if rows is not None else ranked_results(olympiad):
        if result.status not in AWARDED:
            continue
        for name in mentors_of(person.mentor):
            key = mentor_key(person.school_id, name)
            found.setdefault(key, (name, pupils[key]))
            pupils[key].append((result, person))
    return found


def pupils_of(certificate) -> list[tuple[FrozenResult, Participant]]:
    """The awarded pupils a mentor's letter thanks for (of the letter's school)."""
    first = certificate.participant
    rows = [
        (result, person)
        for result, person in ranked_results(certificate.olympiad)
        if person.school_id == first.school_id
    ]
    found = awarded_by_mentor(certificate.olympiad, rows)
    _name, pupils = found.get(mentor_key(first.school_id, certificate.mentor), ("", []))
    return pupils or [(None, first)]
