"""The notices: each kind with its addressees and its Russian text, which the organizer reads
on the mail page before switching it on. `notify` puts messages into the outbox in the
caller's transaction (it flushes, never commits), so a notice exists exactly when its change
does."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import NoticeSetting, OutboxMessage, Participant, Role, User


@dataclass(frozen=True)
class Notice:
    kind: str
    audience: object  # lazy text: who receives it
    subject: object  # lazy text with %(title)s
    body: object  # lazy text with %(name)s, %(title)s and the kind's own fields


NOTICES = (
    Notice(
        "registration_opened",
        _l("координаторы всех школ"),
        _l("Открыта регистрация: %(title)s"),
        _l(
            "Здравствуйте, %(name)s!\n\nОткрыта регистрация участников олимпиады "
            "«%(title)s». Внесите участников от вашей школы до %(closes)s.\n\n%(link)s"
        ),
    ),
    Notice(
        "registration_closing",
        _l("координаторы всех школ"),
        _l("Через два дня закрывается регистрация: %(title)s"),
        _l(
            "Здравствуйте, %(name)s!\n\nРегистрация участников олимпиады «%(title)s» "
            "закрывается %(closes)s. Проверьте список участников от вашей школы.\n\n%(link)s"
        ),
    ),
    Notice(
        "codes_issued",
        _l("координаторы школ, чьи ученики участвуют"),
        _l("Выданы коды участников: %(title)s"),
        _l(
            "Здравствуйте, %(name)s!\n\nРегистрация на олимпиаду «%(title)s» закрыта, "
            "участникам выданы коды доступа. Распечатайте бланки с кодами и раздайте их "
            "ученикам.\n\n%(link)s"
        ),
    ),
    Notice(
        "jury_appointed",
        _l("член жюри"),
        _l("Вы включены в жюри: %(title)s"),
        _l(
            "Здравствуйте, %(name)s!\n\nВы включены в жюри олимпиады «%(title)s»%(chair)s. "
            "О начале проверки работ мы сообщим отдельно.\n\n%(link)s"
        ),
    ),
    Notice(
        "marking_opened",
        _l("жюри олимпиады"),
        _l("Началась проверка работ: %(title)s"),
        _l(
            "Здравствуйте, %(name)s!\n\nРаботы участников олимпиады «%(title)s» ждут "
            "проверки. Войдите в систему и откройте раздел «Проверка».\n\n%(link)s"
        ),
    ),
    Notice(
        "discrepancies",
        _l("председатель жюри"),
        _l("Расхождения в оценках ждут решения: %(title)s"),
        _l(
            "Здравствуйте, %(name)s!\n\nВ олимпиаде «%(title)s» оценки членов жюри "
            "разошлись; работ, ждущих решения председателя: %(count)s.\n\n%(link)s"
        ),
    ),
    Notice(
        "preliminary_results",
        _l("координаторы школ, чьи ученики участвуют"),
        _l("Предварительные результаты и срок апелляций: %(title)s"),
        _l(
            "Здравствуйте, %(name)s!\n\nОпубликованы предварительные результаты олимпиады "
            "«%(title)s». Апелляции от ваших учеников принимаются до %(deadline)s.\n\n%(link)s"
        ),
    ),
    Notice(
        "appeal_decided",
        _l("координатор школы участника"),
        _l("Решение по апелляции № %(number)s: %(title)s"),
        _l(
            "Здравствуйте, %(name)s!\n\nПо апелляции № %(number)s (олимпиада «%(title)s») "
            "принято решение: %(decision)s. Сообщите его ученику.\n\n%(link)s"
        ),
    ),
    Notice(
        "certificates_ready",
        _l("координаторы школ, чьи ученики участвуют"),
        _l("Дипломы и сертификаты готовы: %(title)s"),
        _l(
            "Здравствуйте, %(name)s!\n\nДипломы и сертификаты участников олимпиады "
            "«%(title)s» готовы. Их можно скачать в системе.\n\n%(link)s"
        ),
    ),
)
BY_KIND = {notice.kind: notice for notice in NOTICES}

SAMPLE = {
    "name": "Иванова Мария Петровна",
    "title": "Муниципальный этап олимпиады по информационной культуре",
    "closes": "15.12.2026",
    "deadline": "20.12.2026 18:00",
    "chair": " председателем",
    "count": 3,
    "number": 2,
    "decision": "удовлетворена (новая оценка: 7 б.)",
    "link": "https://olymp.example.org/",
}


def enabled_kinds() -> set[str]:
    return set(db.session.scalars(select(NoticeSetting.kind).where(NoticeSetting.enabled)))


def set_enabled(kind: str, enabled: bool) -> None:
    if kind not in BY_KIND:
        raise KeyError(kind)
    setting = db.session.get(NoticeSetting, kind) or NoticeSetting(kind=kind)
    setting.enabled = enabled
    db.session.add(setting)
    db.session.flush()


def render(kind: str, **fields) -> tuple[str, str]:
    """The subject and body in Russian (a message is read by Russian staff)."""
    notice = BY_KIND[kind]
    with force_locale("ru"):
        return str(notice.subject % fields), str(notice.body % fields)


def sample(kind: str) -> tuple[str, str]:
    notice = BY_KIND[kind]
    return str(notice.subject % SAMPLE), str(notice.body % SAMPLE)


def coordinators(school_ids: Iterable[int] | None = None) -> list[User]:
    query = select(User).where(User.role == Role.COORDINATOR, User.active)
    if school_ids is not None:
        query = query.where(User.school_id.in_(list(school_ids)))
    return list(db.session.scalars(query.order_by(User.id)))


def coordinators_of(olympiad_id: int) -> list[User]:
    """The coordinators of the schools that have participants in the olympiad."""
    schools = select(Participant.school_id).where(Participant.olympiad_id == olympiad_id)
    return coordinators(db.session.scalars(schools.distinct()))


def notify(kind: str, users: Iterable[User], topic: str = "", **fields) -> int:
    """Queue the notice for each user with an address, if the organizer switched it on."""
    if kind not in enabled_kinds():
        return 0
    queued = 0
    for user in users:
        if not user.email or not user.active:
            continue
        subject, body = render(kind, name=user.full_name, **fields)
        db.session.add(
            OutboxMessage(kind=kind, topic=topic, recipient=user.email, subject=subject, body=body)
        )
        queued += 1
    db.session.flush()
    return queued


def already_sent(topic: str) -> bool:
    query = select(OutboxMessage.id).where(OutboxMessage.topic == topic).limit(1)
    return db.session.scalar(query) is not None
