"""Words of the marking screens: expected answer formats, states of a work, mark slots."""

from flask_babel import lazy_gettext as _l

from olympiad.domain.marking import MarkState
from olympiad.domain.task_keys import TaskType
from olympiad.models import MarkSlot

T = TaskType

# shown in the grid's column headers: what the operator types from the answer sheet
FORMATS = {
    T.SINGLE_CHOICE: _l("одна буква"),
    T.MULTIPLE_CHOICE: _l("буквы, напр. АВ"),
    T.MATCHING: _l("1-Б, 2-А"),
    T.ORDERING: _l("ВАГБ"),
    T.SHORT_ANSWER: _l("слово"),
    T.NUMBER: _l("число"),
}

STATE_NAMES = {
    MarkState.MISSING: _l("не проверена"),
    MarkState.WAITING: _l("ждёт второй проверки"),
    MarkState.DISCREPANCY: _l("расхождение: решает председатель"),
    MarkState.FINAL: _l("оценка итоговая"),
}

SLOT_NAMES = {
    MarkSlot.FIRST: _l("Первая проверка"),
    MarkSlot.SECOND: _l("Вторая проверка"),
    MarkSlot.CHAIR: _l("Председатель жюри"),
}

RULE_NAMES = {
    "mean": _l("среднее двух оценок (до половины балла, в пользу участника)"),
    "higher": _l("бо́льшая из двух оценок"),
}

ACTIONS = {
    "answer_entered": _l("ответ введён"),
    "answer_changed": _l("ответ изменён"),
    "mark_entered": _l("оценка поставлена"),
    "mark_changed": _l("оценка изменена"),
    "answer_points_appealed": _l("баллы изменены по апелляции"),
}


def show_points(value) -> str:
    """3.5 -> '3,5', 4.0 -> '4'."""
    if value is None:
        return "—"
    return f"{float(value):g}".replace(".", ",")
