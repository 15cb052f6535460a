"""Names of the olympiad's states and what moving to each one means, for the screens."""

from flask_babel import lazy_gettext as _l

from olympiad.models import OlympiadStatus as S

STATUS_NAMES = {
    S.DRAFT: _l("Черновик"),
    S.REGISTRATION_OPEN: _l("Идёт регистрация"),
    S.REGISTRATION_CLOSED: _l("Регистрация закрыта"),
    S.HELD: _l("Проведена"),
    S.MARKING: _l("Проверка работ"),
    S.PRELIMINARY: _l("Предварительные результаты"),
    S.FINAL: _l("Итоговые результаты"),
    S.ARCHIVED: _l("В архиве"),
}

# (button, question) for a move from -> to
MOVES = {
    (S.DRAFT, S.REGISTRATION_OPEN): (
        _l("Открыть регистрацию"),
        _l("Открыть регистрацию? Координаторы школ смогут записывать учеников."),
    ),
    (S.REGISTRATION_OPEN, S.REGISTRATION_CLOSED): (
        _l("Закрыть регистрацию и выдать шифры"),
        _l(
            "Закрыть регистрацию? Каждый участник получит шифр и код доступа; координаторы "
            "больше не смогут менять списки."
        ),
    ),
    (S.REGISTRATION_CLOSED, S.REGISTRATION_OPEN): (
        _l("Снова открыть регистрацию"),
        _l(
            "Снова открыть регистрацию? Выданные шифры и коды сохранятся; новые участники "
            "получат свои при следующем закрытии."
        ),
    ),
    (S.REGISTRATION_CLOSED, S.HELD): (
        _l("Олимпиада проведена"),
        _l("Отметить, что олимпиада проведена? Списки участников больше не изменятся."),
    ),
    (S.HELD, S.MARKING): (
        _l("Начать проверку работ"),
        _l("Начать проверку работ? Жюри получит доступ к работам по шифрам."),
    ),
    (S.MARKING, S.PRELIMINARY): (
        _l("Завершить проверку"),
        _l(
            "Завершить проверку работ? Оценки будут заморожены: изменить их можно будет только "
            "по апелляции."
        ),
    ),
}
