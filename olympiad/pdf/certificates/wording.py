"""The words of one document: the body template filled in, the date in Russian."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from olympiad.pdf.certificates.model import Certificate, Design, Kind

MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
          "сентября", "октября", "ноября", "декабря")  # fmt: skip
_GENITIVE = {"победитель": "победителя", "призёр": "призёра", "призер": "призера",
             "участник": "участника"}  # fmt: skip
_FIELD = re.compile(r"\{(\w+)\}")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_LEADING_PUNCT = " ,;:—–-"


@dataclass(frozen=True)
class Wording:
    lead: list[str]  # paragraphs above the name
    name: str
    body: list[str]  # paragraphs below it


def values(cert: Certificate, design: Design) -> dict[str, str]:
    mentor = cert.kind is Kind.MENTOR
    place = cert.place if design.show_place and cert.place else None
    return {
        "name": cert.full_name,
        "school": cert.school,
        "grade": str(cert.grade),
        "olympiad": cert.olympiad,
        "year": cert.year,
        "status": cert.status,
        "status_gen": _GENITIVE.get(cert.status.lower(), cert.status),
        "place": str(place) if place else "",
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


def wording(cert: Certificate, design: Design) -> Wording:
    fields = values(cert, design)
    before, marker, after = design.body.partition("{name}")
    if not marker:
        before, after = "", design.body
    lead = [p for p in (fill(x, fields).strip() for x in before.splitlines()) if p]
    body = [p for p in (fill(x, fields).strip() for x in after.splitlines()) if p]
    if body and marker:  # "награждается {name}, ученица": the name has its own line
        body[0] = body[0].lstrip(_LEADING_PUNCT)
        body = [p for p in body if p]
    return Wording(lead, cert.full_name, body)


def russian_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year} г."
