"""A participant as the public may see them: the name only as the publication consent allows."""

from __future__ import annotations

from olympiad.domain.publication import Shown, public_name
from olympiad.models import ConsentKind, Participant


def shown_as(participant: Participant) -> Shown:
    consent = participant.consent(ConsentKind.PUBLICATION)
    if consent is None or not consent.granted or consent.publication_form is None:
        return Shown.CIPHER_ONLY
    return Shown(consent.publication_form.value)


def public_name_of(participant: Participant) -> str:
    return public_name(
        participant.surname,
        participant.name,
        participant.patronymic or "",
        participant.cipher,
        shown_as(participant),
    )


def name_is_public(participant: Participant) -> bool:
    return shown_as(participant) != Shown.CIPHER_ONLY
