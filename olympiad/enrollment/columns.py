"""The columns of an enrollment file: their keys, the headers people see, the template's
example row, and the words a column may hold (the vocabulary stays Russian: it is the file's)."""

# Keys of the row dicts produced by spreadsheet.read_rows; LINE_KEY carries the file's line number.
FIELDS = (
    "surname",
    "name",
    "patronymic",
    "school",
    "grade_studied",
    "grade_competed",
    "mentor",
    "consent_processing",
    "consent_publication",
    "consent_work_publication",
    "gender",
)
LINE_KEY = "_line"
LABELS = {
    "surname": "Фамилия",
    "name": "Имя",
    "patronymic": "Отчество",
    "school": "Школа",
    "grade_studied": "Класс обучения",
    "grade_competed": "Класс участия",
    "mentor": "Наставник",
    "consent_processing": "Согласие на обработку ПДн",
    "consent_publication": "Согласие на публикацию результатов",
    "consent_work_publication": "Согласие на публикацию работы",
    "gender": "Пол (м/ж, если нет отчества)",
}
HEADERS = {  # the template's column headers
    **LABELS,
    "consent_publication": "Согласие на публикацию результатов "
    "(форма: ФИО / Фамилия и инициалы / только шифр / нет)",
}
PRINTED = ("surname", "name", "patronymic", "mentor", "school")  # go onto the diplomas
GENDER_WORDS = {
    "m": ("м", "муж", "мужской", "мальчик", "юноша", "m", "male"),
    "f": ("ж", "жен", "женский", "девочка", "девушка", "f", "female"),
}
MAX_LENGTH = {"surname": 60, "name": 60, "patronymic": 60, "mentor": 150, "school": 300}
# The template's example row: if a coordinator forgets to delete it, it must not be enrolled.
EXAMPLE_ROW = {
    "surname": "Образцова",
    "name": "Мария",
    "patronymic": "Ивановна",
    "school": "МБОУ «СОШ № 1»",
    "grade_studied": "8",
    "grade_competed": "9",
    "mentor": "Петрова Анна Сергеевна",
    "consent_processing": "да",
    "consent_publication": "Фамилия и инициалы",
    "consent_work_publication": "нет",
    "gender": "",
}
