"""Words of the appeal screens and protocols."""

from flask_babel import lazy_gettext as _l

from olympiad.models import AppealState

STATE_NAMES = {
    AppealState.PENDING: _l("ждёт решения"),
    AppealState.REJECTED: _l("отклонена, оценка сохранена"),
    AppealState.ACCEPTED: _l("удовлетворена, оценка изменена"),
}

STATE_BADGES = {
    AppealState.PENDING: "warning",
    AppealState.REJECTED: "secondary",
    AppealState.ACCEPTED: "success",
}

FILTERS = {
    "": _l("все"),
    "pending": _l("ждут решения"),
    "decided": _l("рассмотрены"),
}

CRITERIA_NOTE = _l(
    "Апелляция — о том, верно ли оценено задание по критериям. Сами критерии оценивания "
    "и ключи не обжалуются."
)
