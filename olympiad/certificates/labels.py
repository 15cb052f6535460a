"""Words of the certificates area: kinds on the screen and in the document, the olympiad's
name as the documents print it, file names safe on Windows."""

from __future__ import annotations

import re

from anyascii import anyascii
from flask_babel import lazy_gettext as _l

from olympiad.domain.awards import Status
from olympiad.pdf.certificates import Kind

KINDS = (Kind.WINNER, Kind.PRIZE_WINNER, Kind.PARTICIPANT, Kind.MENTOR)

KIND_NAMES = {
    Kind.WINNER: _l("Диплом победителя"),
    Kind.PRIZE_WINNER: _l("Диплом призёра"),
    Kind.PARTICIPANT: _l("Сертификат участника"),
    Kind.MENTOR: _l("Благодарственное письмо наставнику"),
}

# the documents are Russian whatever the language of the screen
DOCUMENT_NAMES = {
    Kind.WINNER: "Диплом победителя",
    Kind.PRIZE_WINNER: "Диплом призёра",
    Kind.PARTICIPANT: "Сертификат участника",
    Kind.MENTOR: "Благодарственное письмо",
}
STATUS_WORDS = {
    Status.WINNER: "победитель",
    Status.PRIZE_WINNER: "призёр",
    Status.PARTICIPANT: "участник",
}

KIND_OF_STATUS = {Status.WINNER: Kind.WINNER, Status.PRIZE_WINNER: Kind.PRIZE_WINNER}
AWARDED = frozenset(KIND_OF_STATUS)

_STAGE = re.compile(r"^\s*муниципальн\w+\s+этап\w*\s+олимпиад\w*\s+", re.IGNORECASE)


def olympiad_words(title: str) -> str:
    """The olympiad as the documents print it after «муниципального этапа олимпиады»:
    'Муниципальный этап олимпиады по информационной культуре личности' gives
    'по информационной культуре личности'; any other title is quoted whole."""
    rest = _STAGE.sub("", title, count=1)
    if rest != title and rest.strip():
        return rest.strip()
    return f"«{title.strip()}»"


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\']')
_SPACES = re.compile(r"\s+")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
MAX_NAME = 100


def safe_name(text: str, ending: str = "", limit: int = MAX_NAME) -> str:
    """A file name in Latin letters that every system and every unzip tool accepts:
    transliterated, without the characters Windows refuses, no trailing dot or space,
    at most `limit` characters with the ending ('.pdf')."""
    ascii_text = anyascii(text).replace("<<", "").replace(">>", "")
    name = _SPACES.sub(" ", _UNSAFE.sub("", ascii_text)).strip()
    name = name[: max(1, limit - len(ending))].rstrip(". ")
    if not name or _RESERVED.match(name):
        name = f"_{name}"
    return name + ending


def russian_name(text: str, ending: str = "", limit: int = 150) -> str:
    """The same for the Russian name of a download (RFC 6266 filename*): only the
    characters Windows refuses go."""
    name = _SPACES.sub(" ", _UNSAFE.sub("", text.replace("«", "").replace("»", ""))).strip()
    return name[: limit - len(ending)].rstrip(". ") + ending


def group_code(code: str) -> str:
    """K7MX4QPR9TWZ -> K7MX-4QPR-9TWZ for reading aloud."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
