"""Cipher codes for anonymous marking and secret access codes for participants.

Cipher: ``KMT-482`` — three letters and three digits. The letters are the ten capitals that
look the same in Latin and Cyrillic and cannot be taken for a digit (A B C E H K M P T X), so
a cipher written by hand reads the same to everyone and typed on a Russian keyboard still
matches (see `normalize_cipher`). 10**3 * 10**3 = one million ciphers; an olympiad has at
most a few thousand participants, so a random draw with a retry on collision is instant.
A cipher carries no grade, name or order: each one is drawn independently at random.

Access code: ``K7MX-4QPR-9TWZ`` — 12 characters from 31 without look-alikes (no 0 O 1 I L),
about 59 bits, grouped by four for reading aloud and typing.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Mapping
from random import Random

CIPHER_LETTERS = "ABCEHKMPTX"
CIPHER_DIGITS = "0123456789"
CIPHER_RE = re.compile(r"[ABCEHKMPTX]{3}-\d{3}")
CIPHER_SPACE = len(CIPHER_LETTERS) ** 3 * len(CIPHER_DIGITS) ** 3

ACCESS_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ACCESS_GROUPS = 3
ACCESS_GROUP_LEN = 4
ACCESS_CODE_RE = re.compile(rf"[{ACCESS_ALPHABET}]{{4}}(?:-[{ACCESS_ALPHABET}]{{4}}){{2}}")

# Cyrillic capitals that a reader, or a Russian keyboard layout, gives for Latin ones.
_LOOKALIKES = str.maketrans("АВСЕНКМРТХОУ", "ABCEHKMPTXOY")

_SYSTEM_RANDOM = secrets.SystemRandom()


def new_cipher(rng: Random = _SYSTEM_RANDOM) -> str:
    letters = "".join(rng.choice(CIPHER_LETTERS) for _ in range(3))
    digits = "".join(rng.choice(CIPHER_DIGITS) for _ in range(3))
    return f"{letters}-{digits}"


def issue_ciphers(
    participant_ids: Iterable[int],
    existing: Mapping[int, str],
    *,
    rng: Random = _SYSTEM_RANDOM,
) -> dict[int, str]:
    """Ciphers for all `participant_ids`: issued ones are kept, the others drawn at random.

    Every code in `existing` stays reserved, even one whose participant has since left,
    so a cipher never names two people in one olympiad.
    """
    ids = list(dict.fromkeys(participant_ids))
    taken = set(existing.values())
    if len(taken) != len(existing):
        raise ValueError("existing ciphers are not unique")
    fresh = [pid for pid in ids if pid not in existing]
    if len(taken) + len(fresh) > CIPHER_SPACE // 2:
        raise ValueError("too many participants for the cipher format")
    result = {pid: existing[pid] for pid in ids if pid in existing}
    for pid in fresh:
        code = new_cipher(rng)
        while code in taken:
            code = new_cipher(rng)
        taken.add(code)
        result[pid] = code
    return {pid: result[pid] for pid in ids}


def normalize_cipher(text: str) -> str | None:
    """Typed or handwritten cipher -> canonical ``KMT-482``; None if it cannot be one."""
    compact = re.sub(r"[\s\-–—_.]", "", text.upper().translate(_LOOKALIKES))
    code = f"{compact[:3]}-{compact[3:]}"
    return code if CIPHER_RE.fullmatch(code) else None


def new_access_code(rng: Random = _SYSTEM_RANDOM) -> str:
    groups = (
        "".join(rng.choice(ACCESS_ALPHABET) for _ in range(ACCESS_GROUP_LEN))
        for _ in range(ACCESS_GROUPS)
    )
    return "-".join(groups)


def issue_access_codes(
    participant_ids: Iterable[int],
    existing: Mapping[int, str],
    *,
    rng: Random = _SYSTEM_RANDOM,
) -> dict[int, str]:
    """Access codes for all `participant_ids`, keeping the ones already issued."""
    ids = list(dict.fromkeys(participant_ids))
    taken = set(existing.values())
    result = {}
    for pid in ids:
        code = existing.get(pid)
        while code is None or (pid not in existing and code in taken):
            code = new_access_code(rng)
        taken.add(code)
        result[pid] = code
    return result


def normalize_access_code(text: str) -> str | None:
    """What a participant typed -> canonical ``K7MX-4QPR-9TWZ``; None if it cannot be one."""
    compact = re.sub(r"[\s\-–—_.]", "", text.upper().translate(_LOOKALIKES))
    size = ACCESS_GROUP_LEN
    code = "-".join(compact[i : i + size] for i in range(0, len(compact), size))
    return code if ACCESS_CODE_RE.fullmatch(code) else None
