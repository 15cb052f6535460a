"""Russian grammar of a person's name: gender, cases, and the words that agree with it.

The gender comes from the patronymic where there is one (-ович/-евич/-ич/«оглы» is a man,
-овна/-евна/-ична/-инична/«кызы» a woman), otherwise from what was recorded for the person,
otherwise it is unknown and the texts keep the neutral «принял(а)». Names are declined by
pytrovich, the Python port of petrovich: its rules were tried on the demo's Russian and
Buryat names (Сэсэг, Эрдэм, Баярма, Мунко, Тумэн, double surnames) and got every one right,
while pymorphy3's dictionary did not know half of the Buryat names and left them undeclined.
Initials («А. С.») are kept as they are.
"""

from __future__ import annotations

import enum
import re
from functools import cache

from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case as _Case
from pytrovich.enums import Gender as _Gender
from pytrovich.enums import NamePart
from pytrovich.maker import PetrovichDeclinationMaker


class Gender(enum.StrEnum):
    MALE = "m"
    FEMALE = "f"


class Case(enum.StrEnum):
    NOMINATIVE = "nom"
    GENITIVE = "gen"
    DATIVE = "dat"
    ACCUSATIVE = "acc"
    INSTRUMENTAL = "ins"


_CASES = {
    Case.GENITIVE: _Case.GENITIVE,
    Case.DATIVE: _Case.DATIVE,
    Case.ACCUSATIVE: _Case.ACCUSATIVE,
    Case.INSTRUMENTAL: _Case.INSTRUMENTAL,
}
_GENDERS = {Gender.MALE: _Gender.MALE, Gender.FEMALE: _Gender.FEMALE}
_MALE_PATRONYMIC = re.compile(r"(ич|\s+оглы|\s+улы|\s+уулу)$", re.IGNORECASE)
_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.$")
_TURKIC_TAIL = re.compile(r"\s+(оглы|улы|уулу|кызы|гызы)$", re.IGNORECASE)


@cache
def _maker() -> PetrovichDeclinationMaker:
    return PetrovichDeclinationMaker()


@cache
def _detector() -> PetrovichGenderDetector:
    return PetrovichGenderDetector()


def gender_from_patronymic(patronymic: str | None) -> Gender | None:
    """'Баирович' -> MALE, 'Цыреновна' -> FEMALE, 'Рашид кызы' -> FEMALE, '' -> None."""
    text = (patronymic or "").strip()
    if not text or _INITIAL.match(text):
        return None
    if _MALE_PATRONYMIC.search(text):
        return Gender.MALE
    if re.search(r"(вна|чна)$|\s+(кызы|гызы)$", text, re.IGNORECASE):
        return Gender.FEMALE
    return None


def gender_of(patronymic: str | None, recorded: str | None = None) -> Gender | None:
    """The patronymic decides; then what was recorded ('m'/'f'); None when neither tells."""
    found = gender_from_patronymic(patronymic)
    if found is not None:
        return found
    return Gender(recorded) if recorded in ("m", "f") else None


def split_name(full_name: str) -> tuple[str, str, str]:
    """'Аюшеева Дулма Цыреновна' -> the three parts; 'Мамедов Эльдар Рашид оглы' keeps the
    patronymic whole; 'Петрова А. С.' -> ('Петрова', 'А.', 'С.')."""
    text = " ".join((full_name or "").split())
    tail = _TURKIC_TAIL.search(text)
    if tail:
        head = text[: tail.start()].split()
        if len(head) >= 3:
            return head[0], " ".join(head[1:-1]), f"{head[-1]}{tail.group(0)}"
    text = re.sub(r"\.(?=\S)", ". ", text)  # «А.С.» -> «А. С.»
    parts = text.split()
    while len(parts) > 1 and _INITIAL.match(parts[0]) and not _INITIAL.match(parts[-1]):
        parts = [parts[-1], *parts[:-1]]  # «Т. Г. Николаева» is read as «Николаева Т. Г.»
    if len(parts) <= 1:
        return (parts[0] if parts else "", "", "")
    return parts[0], parts[1], " ".join(parts[2:])


def guess_gender(full_name: str) -> Gender | None:
    """A person without a recorded gender (a mentor typed as text): the patronymic, else
    petrovich's guess from the surname (-ова, -ин: reliable), else from the name."""
    surname, name, patronymic = split_name(full_name)
    found = gender_from_patronymic(patronymic)
    if found is not None:
        return found
    detector = _detector()
    answers = {_Gender.MALE: Gender.MALE, _Gender.FEMALE: Gender.FEMALE}
    if surname:
        found = answers.get(detector.detect(lastname=surname))
    if found is None and name and not _INITIAL.match(name):
        found = answers.get(detector.detect(firstname=name))
    return found


def _decline_part(part: NamePart, word: str, gender: Gender | None, case: Case) -> str:
    if not word or _INITIAL.match(word) or case is Case.NOMINATIVE:
        return word
    tail = _TURKIC_TAIL.search(word)
    if tail:  # «Рашид оглы» does not change
        return word
    target = _GENDERS.get(gender, _Gender.ANDROGYNOUS) if gender else _Gender.ANDROGYNOUS
    try:
        return _maker().make(part, target, _CASES[case], word)
    except Exception:  # an odd word petrovich has no rule for: print it as written
        return word


def decline(surname: str, name: str, patronymic: str, case: Case, gender: Gender | None) -> str:
    """'Андреева', 'Людмила', 'Михайловна', ACCUSATIVE -> 'Андрееву Людмилу Михайловну'."""
    words = (
        _decline_part(NamePart.LASTNAME, surname, gender, case),
        _decline_part(NamePart.FIRSTNAME, name, gender, case),
        _decline_part(NamePart.MIDDLENAME, patronymic, gender, case),
    )
    return " ".join(w for w in words if w)


def decline_full(full_name: str, case: Case, gender: Gender | None = None) -> str:
    """A name written in one line ('Петрова А. С.', 'Аюшеева Дулма Цыреновна') in a case;
    the gender is guessed when not given."""
    surname, name, patronymic = split_name(full_name)
    gender = gender or guess_gender(full_name)
    if gender is None and case is not Case.NOMINATIVE:
        return " ".join(full_name.split())  # unknown: better as written than wrongly declined
    declined = decline(surname, name, patronymic, case, gender)
    if re.match(r"[А-ЯЁA-Z]\.", full_name.strip()):  # «Т. Г. Николаева»: keep the initials first
        head, _, rest = declined.partition(" ")
        return f"{rest} {head}".strip()
    return declined


def by_gender(gender: Gender | None, male: str, female: str, neutral: str) -> str:
    """The word that agrees: ('принял', 'приняла', 'принял(а)')."""
    return {Gender.MALE: male, Gender.FEMALE: female}.get(gender, neutral)


_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_ORDINAL = {1: "первое", 2: "второе", 3: "третье", 4: "четвёртое", 5: "пятое", 6: "шестое",
            7: "седьмое", 8: "восьмое", 9: "девятое", 10: "десятое"}  # fmt: skip


def roman(number: int) -> str:
    """2 -> 'II' (places are printed so: «за II место»)."""
    out = []
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), *_ROMAN):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def place_in_words(number: int) -> str:
    """2 -> 'второе'; beyond ten the figure («11-е»)."""
    return _ORDINAL.get(number, f"{number}-е")
