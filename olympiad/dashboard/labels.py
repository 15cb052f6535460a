"""The cockpit's words: short stage names, next steps as buttons, warnings and counts."""

from flask import url_for
from flask_babel import format_date, format_datetime
from flask_babel import gettext as _

from olympiad.domain.cockpit import Warning
from olympiad.models import Olympiad
from olympiad.models import OlympiadStatus as S


def stage_names() -> dict[S, str]:
    """Short names for the stepper (the full ones are in olympiads/labels.py)."""
    return {
        S.DRAFT: _("Черновик"),
        S.REGISTRATION_OPEN: _("Регистрация"),
        S.REGISTRATION_CLOSED: _("Списки закрыты"),
        S.HELD: _("Проведена"),
        S.MARKING: _("Проверка"),
        S.PRELIMINARY: _("Предварительные итоги"),
        S.FINAL: _("Итоги утверждены"),
        S.PUBLISHED: _("Опубликованы"),
        S.ARCHIVED: _("Архив"),
    }


def _move(olympiad: Olympiad, target: S) -> str:
    return url_for("olympiads.change_status", olympiad_id=olympiad.id, target=target.value)


def next_step(olympiad: Olympiad, key: str) -> tuple[str, str | None, str]:
    """(button or text, link or None, hint) for the next step's key."""
    o = olympiad.id
    steps = {
        "open_registration": (
            _("Открыть регистрацию"),
            _move(olympiad, S.REGISTRATION_OPEN),
            _("Координаторы школ смогут записывать учеников."),
        ),
        "close_registration": (
            _("Закрыть регистрацию и выдать шифры"),
            _move(olympiad, S.REGISTRATION_CLOSED),
            _("Каждый участник получит шифр и код доступа."),
        ),
        "mark_held": (
            _("Олимпиада проведена"),
            _move(olympiad, S.HELD),
            _("В день олимпиады отметьте явку, затем отметьте, что олимпиада проведена."),
        ),
        "start_marking": (
            _("Начать проверку работ"),
            _move(olympiad, S.MARKING),
            _("Жюри получит доступ к работам по шифрам."),
        ),
        "close_marking": (
            _("Завершить проверку"),
            _move(olympiad, S.PRELIMINARY),
            _("Оценки будут заморожены; откроется срок апелляций."),
        ),
        "await_approval": (
            _("Результаты и апелляции"),
            url_for("results.show", olympiad_id=o),
            _("Итоги утверждает председатель жюри, когда срок апелляций закончится."),
        ),
        "publish": (
            _("Опубликовать результаты"),
            _move(olympiad, S.PUBLISHED),
            _("Результаты появятся на открытой странице."),
        ),
        "issue_certificates": (
            _("Выдать дипломы и сертификаты"),
            url_for("certificates.index", olympiad_id=o),
            _("Дипломы победителей и призёров, сертификаты участников, благодарности."),
        ),
        "archive": (
            _("Перенести в архив"),
            _move(olympiad, S.ARCHIVED),
            _("Когда все документы выданы, олимпиаду можно перенести в архив."),
        ),
    }
    return steps.get(key, ("", None, ""))


def warning_text(warning: Warning) -> str:
    p = warning.params
    texts = {
        "no_paper": lambda: _("Нет заданий для групп: %(groups)s.", groups=p["groups"]),
        "no_jury": lambda: _("Жюри не назначено."),
        "no_chair": lambda: _("Не назначен председатель жюри."),
        "schools_without_participants": lambda: _(
            "Регистрация скоро закроется, а %(n)s школ не записали ни одного ученика: %(schools)s.",
            n=p["n"],
            schools=p["schools"],
        ),
        "no_participants": lambda: _("Не записано ни одного участника."),
        "attendance_unknown": lambda: _("Явка не отмечена у %(n)s участников.", n=p["n"]),
        "writing_online": lambda: _("В онлайн-туре ещё пишут работу: %(n)s.", n=p["n"]),
        "works_unmarked": lambda: _("Не проверено работ: %(n)s.", n=p["n"]),
        "discrepancies": lambda: _(
            "Расхождений между членами жюри: %(n)s; их решает председатель.", n=p["n"]
        ),
        "appeals_pending": lambda: _("Апелляций ждут решения: %(n)s.", n=p["n"]),
        "appeal_window_unset": lambda: _("Срок подачи апелляций не задан."),
        "appeal_window_open": lambda: _(
            "Апелляции принимаются до %(until)s; утвердить итоги можно после этого.",
            until=format_datetime(p["until"], "d MMMM y, HH:mm"),
        ),
    }
    return texts[warning.code]()


def count_names() -> dict[str, str]:
    return {
        "schools_enrolled": _("школ записали учеников"),
        "schools_without": _("школ без участников"),
        "participants": _("участников"),
        "present": _("явились"),
        "works_marked": _("работ проверено"),
        "discrepancies": _("расхождений"),
        "appeals_pending": _("апелляций ждут решения"),
        "certificates": _("документов выдано"),
    }


def coordinator_task(olympiad: Olympiad, key: str) -> tuple[str, list[tuple[str, str]]]:
    """(what to do, [(link text, url)]) for one of a coordinator's tasks at this stage."""
    o = olympiad.id
    when = _("до %(date)s", date=format_date(olympiad.registration_closes_on, "d MMMM y"))
    texts = {
        "enroll": (
            _("Запишите учеников %(when)s.", when=when)
            if olympiad.registration_closes_on
            else _("Запишите учеников: регистрация открыта."),
            [
                (_("Записать ученика"), url_for("enrollment.new", olympiad_id=o)),
                (_("Загрузить из файла"), url_for("enrollment.upload", olympiad_id=o)),
            ],
        ),
        "print_slips": (
            _(
                "Распечатайте коды доступа и раздайте их ученикам: по коду ученик увидит "
                "свой кабинет, результаты и дипломы."
            ),
            [(_("Коды доступа учеников (PDF)"), url_for("enrollment.access_slips", olympiad_id=o))],
        ),
        "the_day": (
            _(
                "День олимпиады: %(date)s, %(venue)s.",
                date=format_date(olympiad.held_on, "d MMMM y") if olympiad.held_on else "—",
                venue=olympiad.venue or "—",
            ),
            [],
        ),
        "wait_marking": (_("Жюри проверяет работы; результаты появятся здесь после проверки."), []),
        "results": (
            _("Результаты учеников школы готовы."),
            [(_("Результаты учеников школы"), url_for("results.school", olympiad_id=o))],
        ),
        "appeals": (
            _(
                "Апелляции принимаются до %(until)s.",
                until=format_datetime(olympiad.appeals_close_at, "d MMMM y, HH:mm"),
            )
            if olympiad.appeals_close_at
            else _("Апелляции можно подать, пока организатор не закроет приём."),
            [(_("Апелляции школы"), url_for("appeals.school", olympiad_id=o))],
        ),
        "certificates": (
            _("Скачайте дипломы и сертификаты учеников школы."),
            [(_("Дипломы и сертификаты школы"), url_for("certificates.school", olympiad_id=o))],
        ),
    }
    return texts[key]
