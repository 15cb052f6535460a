"""Words of the online round's screens: the states of a participant's work."""

from flask_babel import lazy_gettext as _l

from olympiad.domain.online import IDLE_AFTER, AttemptState
from olympiad.domain.task_keys import TaskType
from olympiad.online.progress import ABSENT, AUTO, DISQUALIFIED, WAITING

A = AttemptState

STATE_NAMES = {
    WAITING: _l("ждёт отметки о явке"),
    ABSENT: _l("отсутствует"),
    DISQUALIFIED: _l("дисквалифицирован(а)"),
    A.NOT_STARTED: _l("не начинал(а)"),
    A.WRITING: _l("пишет"),
    A.IDLE: _l("не активен(на) больше %(n)s мин", n=int(IDLE_AFTER.total_seconds() // 60)),
    A.DUE: _l("время вышло, работа сдаётся"),
    A.SUBMITTED: _l("сдал(а) работу"),
    AUTO: _l("сдана, когда вышло время"),
}

# Bootstrap badge colours
STATE_BADGES = {
    WAITING: "text-bg-warning",
    ABSENT: "text-bg-light",
    DISQUALIFIED: "text-bg-danger",
    A.NOT_STARTED: "text-bg-secondary",
    A.WRITING: "text-bg-primary",
    A.IDLE: "text-bg-warning",
    A.DUE: "text-bg-info",
    A.SUBMITTED: "text-bg-success",
    AUTO: "text-bg-success",
}

T = TaskType

# what the participant does with a task of each type
HINTS = {
    T.SINGLE_CHOICE: _l("Выберите один ответ."),
    T.MULTIPLE_CHOICE: _l("Выберите все верные ответы."),
    T.MATCHING: _l("Для каждого пункта слева выберите букву из правого столбца."),
    T.ORDERING: _l("Расставьте по порядку: на каждое место выберите букву."),
    T.SHORT_ANSWER: _l("Впишите ответ: слово или словосочетание."),
    T.NUMBER: _l("Впишите число; дробную часть отделяйте запятой."),
    T.OPEN: _l(
        "Напишите развёрнутый ответ. Не пишите в нём фамилию и имя: работу проверяют по шифру."
    ),
}
