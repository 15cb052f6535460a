"""The words of one document: the body template filled in so that it agrees with the person
(«ученица … приняла», the addressee in the dative), the date in Russian."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from olympiad.domain.person_names import (
    Case,
    Gender,
    by_gender,
    decline_full,
    place_in_words,
    roman,
)
from olympiad.pdf.certificates.model import Certificate, Design, Kind

MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
          "сентября", "октября", "ноября", "декабря")  # fmt: skip
_GENITIVE = {"победитель": "победителя", "призёр": "призёра", "призер": "призера",
             "участник": "участника"}  # fmt: skip
_PLURAL = {"победитель": "победителей", "призёр": "призёров", "призер": "призеров"}
_FIELD = re.compile(r"\{(\w+)\}")
_NAME = re.compile(r"\{name(?:_dat|_gen)?\}")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_LEADING_PUNCT = " ,;:—–-"


@dataclass(frozen=True)
class Wording:
    lead: list[str]  # paragraphs above the name
    name: str
    body: list[str]  # paragraphs below it


def _gender(cert: Certificate) -> Gender | None:
    return Gender(cert.gender) if cert.gender in ("m", "f") else None


def _prepared(statuses: list[str]) -> str:
    """Whom a mentor prepared, in the genitive: «победителя», «призёров», «победителя и
    призёров» (the winners first)."""
    words = []
    for status in ("победитель", "призёр"):
        count = sum(1 for s in statuses if s.lower().replace("ё", "е") == status.replace("ё", "е"))
        if count:
            words.append(_GENITIVE[status] if count == 1 else _PLURAL[status])
    return " и ".join(words)


def _pupil_line(name: str, grade: int, status: str) -> str:
    return f"{name}, {grade} класс — {status}"


def values(cert: Certificate, design: Design) -> dict[str, str]:
    mentor = cert.kind is Kind.MENTOR
    place = cert.place if design.show_place and cert.place else None
    gender = _gender(cert)
    statuses = [status for _name, _grade, status in cert.pupils]
    status_gen = _prepared(statuses) if mentor and statuses else None
    return {
        "name": cert.full_name,
        "name_dat": decline_full(cert.full_name, Case.DATIVE, gender),
        "name_gen": decline_full(cert.full_name, Case.GENITIVE, gender),
        "school": cert.school,
        "grade": str(cert.grade),
        "olympiad": cert.olympiad,
        "year": cert.year,
        "status": cert.status,
        "status_gen": status_gen or _GENITIVE.get(cert.status.lower(), cert.status),
        "place": roman(place) if place else "",
        "place_words": place_in_words(place) if place else "",
        "pupil": by_gender(gender, "ученик", "ученица", "ученик(ца)"),
        "took": by_gender(gender, "принял", "приняла", "принял(а)"),
        "pupils": "\n".join(_pupil_line(*pupil) for pupil in cert.pupils) or cert.participant,
        "mentor": cert.full_name if mentor else "",
        "participant": cert.participant,
    }


def fill(template: str, fields: dict[str, str]) -> str:
    """Put values in; an [optional part] goes when a placeholder in it has no value, and an
    unknown placeholder is printed as it is, so a typo shows on the proof, not as a crash."""

    def optional(m: re.Match) -> str:
        names = _FIELD.findall(m.group(1))
        return m.group(1) if all(fields.get(n) for n in names) else ""

    text = _OPTIONAL.sub(optional, template)
    return _FIELD.sub(lambda m: fields.get(m.group(1), m.group(0)), text)


def _paragraphs(template: str, fields: dict[str, str]) -> list[str]:
    """Filled lines; a value of several lines ({pupils}) makes a paragraph of each."""
    lines = (part.strip() for x in template.splitlines() for part in fill(x, fields).split("\n"))
    return [p for p in lines if p]


def wording(cert: Certificate, design: Design) -> Wording:
    fields = values(cert, design)
    found = _NAME.search(design.body)
    if found:
        before, after = design.body[: found.start()], design.body[found.end() :]
        name = fields[found.group(0)[1:-1]]
    else:
        before, after, name = "", design.body, cert.full_name
    lead = _paragraphs(before, fields)
    body = _paragraphs(after, fields)
    if body and found:  # "награждается {name}, ученица": the name has its own line
        body[0] = body[0].lstrip(_LEADING_PUNCT)
        body = [p for p in body if p]
    return Wording(lead, name, body)


def russian_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year} г."
