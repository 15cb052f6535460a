"""Forms of the tasks area (shape only: the key is built and checked by key_fields)."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from olympiad.domain.task_keys import DIFFICULTIES, MODE_LABELS, MODES, TOPICS, TYPE_LABELS
from olympiad.domain.task_keys import TaskType as T
from olympiad.forms import Form, VersionField

GRADE_CHOICES = [(g, str(g)) for g in range(5, 12)]
TEXT_HINT = _l(
    "Абзацы разделяйте пустой строкой. Строка, которая начинается с «- », — пункт списка. "
    "**Жирный**, *курсив*. Варианты ответа пишите не здесь, а в полях ключа ниже."
)
# the task form's scoring-mode selects, one per type that has modes
MODE_FIELDS = {
    T.MULTIPLE_CHOICE: "mode_multiple",
    T.MATCHING: "mode_matching",
    T.ORDERING: "mode_ordering",
}


def _modes(kind: T) -> list[tuple[str, str]]:
    return [(mode, MODE_LABELS[mode]) for mode in MODES[kind]]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class TaskForm(Form):
    type = SelectField(
        _l("Тип задания"), choices=[(t.value, label) for t, label in TYPE_LABELS.items()]
    )
    code = StringField(
        _l("Шифр"),
        validators=[Optional(), Length(max=20)],
    )
    topic = SelectField(_l("Тема"), choices=list(TOPICS.items()))
    grades = CheckboxesField(
        _l("Классы"),
        coerce=int,
        choices=GRADE_CHOICES,
        validators=[DataRequired(message=_l("Отметьте хотя бы один класс."))],
    )
    difficulty = SelectField(
        _l("Сложность"),
        coerce=int,
        choices=[(d, f"{d} — {label}") for d, label in DIFFICULTIES.items()],
    )
    author = StringField(_l("Автор"), validators=[DataRequired(), Length(max=200)])
    text = TextAreaField(
        _l("Текст задания"),
        validators=[DataRequired(), Length(max=20_000)],
        description=TEXT_HINT,
        render_kw={"rows": 7},
    )
    max_points = StringField(
        _l("Максимальный балл"),
        validators=[Length(max=20)],
        description=_l(
            "Кратен 0,5. Для развёрнутого ответа можно оставить пустым: сумма критериев."
        ),
    )
    image = FileField(
        _l("Рисунок"), description=_l("PNG или JPEG, не больше 1 МБ и 2000 пикселей по стороне.")
    )
    drop_image = BooleanField(_l("Убрать рисунок"))

    options = TextAreaField(
        _l("Варианты ответа"),
        description=_l("По одному в строке; на бумаге они будут обозначены А, Б, В …"),
        render_kw={"rows": 5},
    )
    correct = StringField(
        _l("Правильный ответ"),
        validators=[Length(max=60)],
        description=_l("Как в бланке ответов: «Б»; для нескольких — «АВ»."),
    )
    mode_multiple = SelectField(
        _l("Оценивание"), choices=_modes(T.MULTIPLE_CHOICE), default=MODES[T.MULTIPLE_CHOICE][0]
    )
    left = TextAreaField(
        _l("Левый столбец"),
        description=_l("По одному в строке; пункты нумеруются 1, 2, 3 …"),
        render_kw={"rows": 4},
    )
    right = TextAreaField(
        _l("Правый столбец"),
        description=_l("По одному в строке; обозначаются А, Б, В …; можно добавить лишние."),
        render_kw={"rows": 5},
    )
    pairs = StringField(
        _l("Правильные пары"),
        validators=[Length(max=200)],
        description=_l("Например: 1-Б, 2-А, 3-В"),
    )
    mode_matching = SelectField(
        _l("Оценивание"), choices=_modes(T.MATCHING), default=MODES[T.MATCHING][0]
    )
    items = TextAreaField(
        _l("Элементы"),
        description=_l("По одному в строке, вперемешку; обозначаются А, Б, В …"),
        render_kw={"rows": 5},
    )
    order = StringField(
        _l("Правильный порядок"),
        validators=[Length(max=60)],
        description=_l("Буквами, например: ВАГБ"),
    )
    mode_ordering = SelectField(
        _l("Оценивание"), choices=_modes(T.ORDERING), default=MODES[T.ORDERING][0]
    )
    accepted = TextAreaField(
        _l("Правильные ответы"),
        description=_l(
            "Все верные варианты, по одному в строке. Регистр, ё/е, кавычки, лишние пробелы "
            "и точка в конце не учитываются."
        ),
        render_kw={"rows": 3},
    )
    value = StringField(_l("Правильный ответ (число)"), validators=[Length(max=40)])
    tolerance = StringField(
        _l("Допустимая погрешность"),
        validators=[Length(max=40)],
        description=_l("Пусто или 0 — только точное значение."),
    )
    criteria = TextAreaField(
        _l("Критерии оценивания"),
        description=_l(
            "По одному в строке: Название | макс. балл | описание. "
            "Например: Пунктуация | 2 | «:» перед сведениями к заглавию, «/» перед автором"
        ),
        render_kw={"rows": 5},
    )
    fingerprint = HiddenField()

    def set_grade_choices(self, grades: list[int]) -> None:
        """Keep grades outside 5–11 that an imported task may have."""
        extra = sorted(set(grades) - {g for g, _ in GRADE_CHOICES})
        self.grades.choices = [(g, str(g)) for g in extra] + GRADE_CHOICES

    def key_inputs(self) -> dict[str, str]:
        kind = T(self.type.data)
        inputs = {name: getattr(self, name).data or "" for name in KEY_INPUT_FIELDS}
        inputs["mode"] = getattr(self, MODE_FIELDS[kind]).data if kind in MODE_FIELDS else ""
        return inputs


KEY_INPUT_FIELDS = ("options", "correct", "left", "right", "pairs", "items", "order")
KEY_INPUT_FIELDS += ("accepted", "value", "tolerance", "criteria")


class PaperSettingsForm(Form):
    time_limit_minutes = IntegerField(
        _l("Время выполнения, минут"), validators=[DataRequired(), NumberRange(min=10, max=300)]
    )
    instructions = TextAreaField(
        _l("Инструкция для участников"),
        validators=[Optional(), Length(max=5000)],
        description=_l("Печатается на первой странице заданий. Пусто — стандартная инструкция."),
        render_kw={"rows": 4},
    )
    version = VersionField()


class ImportForm(Form):
    file = FileField(
        _l("Файл банка заданий"),
        validators=[FileRequired(message=_l("Выберите файл."))],
        description=_l("JSON, выгруженный из этой программы, или таблица XLSX из неё же."),
    )
    update_existing = BooleanField(
        _l("Добавить как новые версии"),
        description=_l(
            "Если задание с таким шифром уже есть и отличается, сохранить его новой версией. "
            "Без отметки такие задания считаются ошибкой, и ничего не сохраняется."
        ),
    )


class KeyCorrectionForm(Form):
    """The key of a task on a live paper: the task form's key fields, and a reason."""

    options, correct, mode_multiple = TaskForm.options, TaskForm.correct, TaskForm.mode_multiple
    left, right, pairs = TaskForm.left, TaskForm.right, TaskForm.pairs
    mode_matching = TaskForm.mode_matching
    items, order, mode_ordering = TaskForm.items, TaskForm.order, TaskForm.mode_ordering
    accepted, value, tolerance = TaskForm.accepted, TaskForm.value, TaskForm.tolerance
    reason = TextAreaField(
        _l("Причина исправления"),
        validators=[
            DataRequired(message=_l("Укажите причину: она попадёт в журнал.")),
            Length(max=1000),
        ],
        description=_l("Например: «в ключе опечатка, верный ответ — В» (решение жюри)."),
        render_kw={"rows": 2},
    )
    based_on = HiddenField()  # the task version the correction was made from
    digest = HiddenField()  # the dry run that was shown

    def key_inputs(self, kind: T) -> dict[str, str]:
        inputs = {name: getattr(self, name).data or "" for name in KEY_INPUT_FIELDS[:-1]}
        inputs["mode"] = getattr(self, MODE_FIELDS[kind]).data if kind in MODE_FIELDS else ""
        return inputs
