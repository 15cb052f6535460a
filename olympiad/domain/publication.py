"""How a participant's name may be shown in public, as the parent's consent allows."""

from __future__ import annotations

import enum


class Shown(enum.StrEnum):
    FULL_NAME = "full_name"  # Иванова Анна Петровна
    INITIALS = "initials"  # Иванова А. П.
    CIPHER_ONLY = "cipher_only"  # KMT-482


def initials(surname: str, name: str, patronymic: str = "") -> str:
    letters = " ".join(f"{part[0]}." for part in (name, patronymic) if part)
    return f"{surname} {letters}".strip()


def public_name(
    surname: str, name: str, patronymic: str, cipher: str | None, form: Shown | None
) -> str:
    """The name as published: without a consent to publish, only the cipher."""
    if form == Shown.FULL_NAME:
        return " ".join(part for part in (surname, name, patronymic) if part)
    if form == Shown.INITIALS:
        return initials(surname, name, patronymic)
    return cipher or "—"
