"""Parse and normalise the values of one enrollment: shared by the form and the import."""

from __future__ import annotations

import re
from typing import Literal

Publication = Literal["full_name", "initials", "cipher_only", "none"]
PUBLICATION_LABELS: dict[str, str] = {
    "full_name": "ФИО",
    "initials": "Фамилия и инициалы",
    "cipher_only": "Только шифр",
    "none": "Нет",
}

NAME_RE = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")
_GRADE = re.compile(
    r"(\d{1,2})(?:[ -]*[\"«“']?[а-яёa-z][\"»”']?)?(?:\s*(?:класс|кл\.?))?", re.IGNORECASE
)
NO_PATRONYMIC = {"-", "—", "–", "нет"}
_YES = {"да", "д", "+", "1", "yes", "y", "true", "истина", "согласен", "согласна", "есть", "v"}
_NO = {"нет", "н", "-", "—", "–", "0", "no", "n", "false", "ложь", "не согласен", "не согласна"}
_PUBLICATION_WORDS = {
    "full_name": "фио|ф и о|полностью|полное имя|фамилия имя отчество|full name|full_name",
    "initials": "фамилия и инициалы|фамилия инициалы|инициалы|фамилия и о|фамилия и и о|initials",
    "cipher_only": "только шифр|шифр|под шифром|только код|код|cipher only|cipher_only",
    "none": "|".join([*_NO, "не публиковать", "none"]),
}
_PUBLICATION: dict[str, Publication] = {
    word: form for form, words in _PUBLICATION_WORDS.items() for word in words.split("|")
}


def clean(text: str) -> str:
    """Strip and collapse all whitespace (including non-breaking spaces) to single spaces."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """Comparison form: case, ё/е and spacing do not matter."""
    return clean(text).casefold().replace("ё", "е")


def normalize_school(name: str) -> str:
    """Comparison form of a school name: «МБОУ СОШ № 5» == "мбоу сош №5" == "МБОУ  СОШ 5"."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(name)).split())


def normalize_person_name(text: str) -> str:
    """Strip, collapse spaces, capital first letter of each part; ИВАНОВ and иванов -> Иванов."""

    def part(word: str) -> str:
        if word.islower() or word.isupper():
            word = word.lower()
        return word[:1].upper() + word[1:]

    return re.sub(r"[^\s'’-]+", lambda m: part(m.group()), clean(text))


def person_key(
    school_id: int, surname: str, name: str, patronymic: str, grade: int
) -> tuple[int, str, str, str, int]:
    """Identity of an enrollment for duplicate checks: same school, full name and grade."""
    return (school_id, fold(surname), fold(name), fold(patronymic), grade)


def parse_grade(text: str) -> int | None:
    """'7', '7А', '7 «Б» класс' -> 7; None when it is not a grade."""
    m = _GRADE.fullmatch(clean(text))
    return int(m.group(1)) if m else None


def parse_consent(text: str) -> bool | None:
    """да/нет, +/-, 1/0, yes/no (and Excel's ИСТИНА/ЛОЖЬ); None when not recognised."""
    value = fold(text).strip(" .!")
    return True if value in _YES else False if value in _NO else None


def parse_publication(text: str) -> Publication | None:
    """The form of publication of results; a bare «да» is ambiguous and gives None."""
    return _PUBLICATION.get(" ".join(re.sub(r"[^\w+\-—–]+", " ", fold(text)).split()))


def is_formula_like(text: str) -> bool:
    """A cell a spreadsheet could run as a formula; bare '+'/'-' are consent marks."""
    value = text.lstrip()
    return value[:1] in ("=", "+", "-", "@") and value not in ("+", "-")
