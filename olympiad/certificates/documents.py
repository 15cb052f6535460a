"""From issued rows to what the renderer prints, and the names of the files."""

from __future__ import annotations

from datetime import date

from flask_babel import to_user_timezone

from olympiad.certificates.labels import (
    DOCUMENT_NAMES,
    STATUS_WORDS,
    olympiad_words,
    russian_name,
    safe_name,
)
from olympiad.certificates.letters import pupils_of
from olympiad.domain.awards import Status
from olympiad.domain.person_names import gender_of, guess_gender
from olympiad.links import public_url
from olympiad.models import Certificate, Olympiad
from olympiad.pdf.certificates import Certificate as Document
from olympiad.pdf.certificates import Kind

__all__ = ["public_url"]  # the download views take the address from here


def verify_url(code: str, base: str | None = None) -> str:
    return f"{base or public_url()}/v/{code}"


def issued_on(certificate: Certificate) -> date:
    """The day of issue in the district's time zone."""
    return to_user_timezone(certificate.issued_at).date()


def document(certificate: Certificate, base: str | None = None) -> Document:
    """What the renderer needs to print one certificate."""
    person = certificate.participant
    olympiad: Olympiad = certificate.olympiad
    mentor = certificate.kind is Kind.MENTOR
    pupils: tuple = ()
    if mentor:
        pupils = tuple(
            (p.full_name, p.grade_competed, _status_word(r.status if r else certificate.status))
            for r, p in pupils_of(certificate)
        )
        gender = guess_gender(certificate.mentor)
    else:
        gender = gender_of(person.patronymic, person.gender)
    return Document(
        kind=certificate.kind,
        serial=certificate.serial,
        verify_url=verify_url(certificate.code, base),
        full_name=certificate.mentor if mentor else person.full_name,
        school=person.school.full_name,
        grade=person.grade_competed,
        olympiad=olympiad_words(olympiad.title),
        year=olympiad.academic_year,
        status=_status_word(certificate.status),
        place=certificate.place,
        issued_on=issued_on(certificate),
        participant="; ".join(f"{name}, {grade} класс" for name, grade, _s in pupils),
        gender=gender.value if gender else "",
        pupils=pupils,
    )


def _status_word(status) -> str:
    return STATUS_WORDS.get(Status(status), "участник")


def _subject(certificate: Certificate) -> str:
    person = certificate.participant
    if certificate.kind is Kind.MENTOR:
        return f"{certificate.mentor} ({person.school.short_name})"
    return person.full_name


def file_names(certificate: Certificate) -> tuple[str, str]:
    """('Диплом победителя — Иванова Анна Петровна.pdf', 'Diplom pobeditelya - ....pdf')."""
    title = f"{DOCUMENT_NAMES[certificate.kind]} — {_subject(certificate)}"
    return russian_name(title, ".pdf"), safe_name(title.replace("—", "-"), ".pdf")


def member_name(certificate: Certificate, folder: bool = False) -> str:
    """A file's name inside a ZIP: its number first, so names never clash and sort in the
    order of the serials; in a folder per school when the archive holds several schools."""
    title = f"{certificate.number:04d} {DOCUMENT_NAMES[certificate.kind]} - {_subject(certificate)}"
    name = safe_name(title, ".pdf")
    if folder:
        return f"{safe_name(certificate.participant.school.short_name, limit=60)}/{name}"
    return name


def sample(kind: Kind, olympiad: Olympiad) -> Document:
    """A participant with a long name and a long school, for the preview of a design."""
    return Document(
        kind=kind,
        serial=f"{olympiad.academic_year}/ИК/0123",
        verify_url=verify_url("K7MX4QPR9TWZ"),
        full_name=(
            "Петрова Ольга Викторовна"
            if kind is Kind.MENTOR
            else "Константинопольская-Верхнеудинская Александра-Мария Владиславовна"
        ),
        school=(
            "Муниципальное бюджетное общеобразовательное учреждение «Гусиноозёрская "
            "средняя общеобразовательная школа № 1 с углублённым изучением отдельных предметов»"
        ),
        grade=9,
        olympiad=olympiad_words(olympiad.title),
        year=olympiad.academic_year,
        status={Kind.WINNER: "победитель", Kind.PARTICIPANT: "участник"}.get(kind, "призёр"),
        place=1 if kind is Kind.WINNER else 2,
        issued_on=date.today(),
        participant=(
            "Константинопольская-Верхнеудинская Александра-Мария Владиславовна, 9 класс"
            if kind is Kind.MENTOR
            else ""
        ),
        gender="f",
        pupils=(
            (
                (
                    "Константинопольская-Верхнеудинская Александра-Мария Владиславовна",
                    9,
                    "победитель",
                ),
                ("Бадмаев Баир Баирович", 10, "призёр"),
            )
            if kind is Kind.MENTOR
            else ()
        ),
    )
