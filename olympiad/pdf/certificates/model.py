"""Kinds of award documents, the organiser's design of each kind, one document's data."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


class Kind(enum.StrEnum):
    WINNER = "winner"  # Диплом победителя
    PRIZE_WINNER = "prize_winner"  # Диплом призёра
    PARTICIPANT = "participant"  # Сертификат участника
    MENTOR = "mentor"  # Благодарственное письмо наставнику


@dataclass(frozen=True)
class Design:
    """What the organiser adjusts for one kind of document.

    `body` is a template, one paragraph a line, with the placeholders {name} (or {name_dat},
    {name_gen}: the name in the dative or genitive) {school} {grade} {olympiad} {year} {status}
    {status_gen} (genitive: «победителя»; in a letter «победителей и призёров») {place} (Roman:
    «II») {place_words} («второе») {pupil} («ученик»/«ученица») {took} («принял»/«приняла»)
    {pupils} (a letter's pupils, a line each) {mentor} {participant}. Text before the name is
    set as a lead-in above it; the name always stands large on its own lines (a body without
    one gets the name right under the subtitle). A part in [square brackets] is left out when
    a placeholder in it has no value, such as {place} with `show_place` off; so is a
    paragraph that ends up empty.
    """

    kind: Kind
    title: str  # "ДИПЛОМ"; a line break in it is kept
    subtitle: str  # "победителя", or ""
    body: str
    issuer: str  # the header over the title, a line each
    signatories: tuple[tuple[str, str], ...]  # (title, name), 1 to 3 of them
    city: str
    landscape: bool
    accent: str  # "#1F4E79": frame and title
    show_place: bool
    logo: bytes | None = None  # PNG or JPEG, already checked by the caller
    stamp: bytes | None = None
    signature: bytes | None = None  # over the first signatory's line

    def __post_init__(self) -> None:
        # tuples all the way down: designs are hashed to cache their layout
        object.__setattr__(self, "signatories", tuple(tuple(s) for s in self.signatories))
        if not 1 <= len(self.signatories) <= 3:
            raise ValueError("Нужно от одной до трёх подписей.")
        if not _HEX.fullmatch(self.accent):
            raise ValueError("Цвет задаётся в виде #RRGGBB.")


@dataclass(frozen=True)
class Certificate:
    """The data of one document."""

    kind: Kind
    serial: str  # "2020-2021/ИК/0123"
    verify_url: str  # short: the QR payload
    full_name: str  # the participant's, or the mentor's for MENTOR
    school: str
    grade: int  # grade competed
    olympiad: str
    year: str  # "2020-2021"
    status: str  # "победитель" / "призёр" / "участник"
    place: int | None
    issued_on: date
    participant: str = ""  # MENTOR: the participants the mentor prepared, in one line
    gender: str = ""  # "m" / "f" / "" (unknown: the texts keep «принял(а)»)
    # MENTOR: (full name, grade, status) of each awarded pupil the letter thanks for
    pupils: tuple[tuple[str, int, str], ...] = ()
