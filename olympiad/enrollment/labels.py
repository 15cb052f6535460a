"""Words of the enrollment screens: consent texts, publication forms, attendance, filters."""

from flask_babel import lazy_gettext as _l

from olympiad.models import Attendance, ConsentKind, ParticipantStatus

# The edition of the consent texts below; stored with every consent recorded. When the wording
# changes, give it a new edition so that older consents still say what was agreed to.
CONSENT_TEXT_VERSION = "2020-1"

CONSENT_TITLES = {
    ConsentKind.PROCESSING: _l("Согласие на обработку персональных данных"),
    ConsentKind.PUBLICATION: _l("Согласие на публикацию результатов"),
    ConsentKind.WORK_PUBLICATION: _l("Согласие на публикацию работы"),
}

CONSENT_TEXTS = {
    ConsentKind.PROCESSING: _l(
        "Родитель (законный представитель) согласен на обработку персональных данных "
        "ребёнка — фамилии, имени, отчества, школы, класса, имени наставника и результатов — "
        "организатором олимпиады для её проведения, подведения итогов и выдачи документов. "
        "Без этого согласия ученика записать нельзя."
    ),
    ConsentKind.PUBLICATION: _l(
        "Родитель согласен на публикацию результатов ребёнка в выбранной форме: полностью "
        "(ФИО), фамилия и инициалы или только шифр. Если согласия нет, в опубликованных "
        "результатах будет только шифр."
    ),
    ConsentKind.WORK_PUBLICATION: _l(
        "Родитель согласен на публикацию олимпиадной работы ребёнка (например, в сборнике "
        "лучших работ) с указанием выбранной выше формы имени."
    ),
}

PUBLICATION_NAMES = {
    "full_name": _l("ФИО полностью"),
    "initials": _l("Фамилия и инициалы"),
    "cipher_only": _l("Только шифр"),
    "none": _l("Согласия нет"),
}

ATTENDANCE_NAMES = {
    Attendance.UNKNOWN: _l("Не отмечено"),
    Attendance.PRESENT: _l("Присутствовал"),
    Attendance.ABSENT: _l("Отсутствовал"),
    Attendance.DISQUALIFIED: _l("Дисквалифицирован"),
}

# the buttons of the attendance page, where a row must fit the screen
ATTENDANCE_BUTTONS = {
    Attendance.UNKNOWN: (_l("—"), "secondary"),
    Attendance.PRESENT: (_l("Явился"), "success"),
    Attendance.ABSENT: (_l("Не явился"), "dark"),
    Attendance.DISQUALIFIED: (_l("Дисквалиф."), "danger"),
}

STATUS_NAMES = {
    ParticipantStatus.ENROLLED: _l("Записан"),
    ParticipantStatus.WITHDRAWN: _l("Отозван"),
}

# the status filter of the participants list; the first one is the default
STATUS_FILTERS = {
    "enrolled": _l("Записанные"),
    "present": _l("Присутствовали"),
    "absent": _l("Отсутствовали"),
    "disqualified": _l("Дисквалифицированы"),
    "unmarked": _l("Явка не отмечена"),
    "withdrawn": _l("Отозванные"),
    "all": _l("Все, включая отозванных"),
}

NO_ROOM = _l("Без кабинета")
