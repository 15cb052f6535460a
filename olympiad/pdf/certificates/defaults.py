"""Ready designs of the four kinds: the organiser starts from these and adjusts."""

from __future__ import annotations

from olympiad.pdf.certificates.model import Design, Kind

ISSUER = (
    "Управление образования МО «Селенгинский район»\n"
    "Районное методическое объединение школьных библиотекарей"
)
CITY = "г. Гусиноозёрск"

# Names are left blank: a wrong name printed on a thousand diplomas is worse than a blank line.
SIGNATORIES = (
    ("Начальник Управления образования", ""),
    ("Руководитель РМО школьных библиотекарей", ""),
)

_STUDENT_TAIL = "«{olympiad}»\n{year} учебного года"
_PUPIL = "{pupil} {grade} класса {school},\n"
_DIPLOMA = (
    "награждается\n{name}\n"
    + _PUPIL
    + "{status} муниципального этапа олимпиады\n"
    + _STUDENT_TAIL
    + "\n[за {place} место]"
)

_TEXTS = {
    Kind.WINNER: ("ДИПЛОМ", "победителя", _DIPLOMA),
    Kind.PRIZE_WINNER: ("ДИПЛОМ", "призёра", _DIPLOMA),
    Kind.PARTICIPANT: (
        "СЕРТИФИКАТ",
        "участника",
        "подтверждает, что\n{name}\n"
        + _PUPIL
        + "{took} участие в муниципальном этапе олимпиады\n"
        + _STUDENT_TAIL,
    ),
    Kind.MENTOR: (
        "БЛАГОДАРСТВЕННОЕ ПИСЬМО",
        "",
        "объявляется благодарность\n{name_dat}\n{school}\n"
        "за подготовку {status_gen} муниципального этапа олимпиады\n"
        "«{olympiad}» {year} учебного года:\n{pupils}\n"
        "Благодарим за профессионализм и творческий подход к работе!",
    ),
}

# winner gold, prize-winner blue, participant a calm green, the letter a deep claret
_ACCENTS = {
    Kind.WINNER: "#A0700C",
    Kind.PRIZE_WINNER: "#1F4E79",
    Kind.PARTICIPANT: "#3D6B5C",
    Kind.MENTOR: "#7B2233",
}


def default_designs(issuer: str = ISSUER, city: str = CITY) -> dict[Kind, Design]:
    """One good-looking design of each kind; only the mentor's letter is portrait."""
    designs = {}
    for kind, (title, subtitle, body) in _TEXTS.items():
        designs[kind] = Design(
            kind=kind,
            title=title,
            subtitle=subtitle,
            body=body,
            issuer=issuer,
            signatories=SIGNATORIES,
            city=city,
            landscape=kind is not Kind.MENTOR,
            accent=_ACCENTS[kind],
            show_place=False,  # the status says it; the place only where the rules ask
        )
    return designs
