"""Forms of the plan area. Each editing form carries the version it was opened at."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional, Regexp

from olympiad.forms import Form, VersionField
from olympiad.models import PlanStatus

STATUS_CHOICES = [
    (PlanStatus.DRAFT.value, _l("Черновик")),
    (PlanStatus.APPROVED.value, _l("Утверждён")),
]


def _version():
    return VersionField()


class UploadForm(Form):
    document = FileField(
        _l("Файл плана"),
        validators=[
            FileRequired(_l("Выберите файл плана.")),
            FileAllowed(["txt", "docx"], _l("Нужен файл .txt или .docx.")),
        ],
        description=_l(
            "Текстовый файл или документ Word (.docx) с разделами 1–6, как в плане РМО; "
            "таблица заседаний — таблицей Word или строками с табуляцией."
        ),
    )


class ConfirmImportForm(Form):
    """The preview's «Сохранить»: the uploaded file travels back, to be read again."""

    payload = HiddenField(validators=[DataRequired()])
    filename = HiddenField(validators=[Length(max=255)])


class PlanForm(Form):
    title = TextAreaField(
        _l("Заголовок"), validators=[DataRequired(), Length(max=500)], render_kw={"rows": 2}
    )
    academic_year = StringField(
        _l("Учебный год"),
        validators=[
            DataRequired(),
            Regexp(r"^\d{4}-\d{4}$", message=_l("Учебный год пишется так: 2020-2021.")),
        ],
    )
    status = SelectField(_l("Состояние"), choices=STATUS_CHOICES)
    theme = TextAreaField(
        _l("1. Методическая тема"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Без кавычек: план добавит «» сам."),
        render_kw={"rows": 3},
    )
    goal = TextAreaField(
        _l("2. Цель"), validators=[Optional(), Length(max=2000)], render_kw={"rows": 3}
    )
    approver_position = TextAreaField(
        _l("«УТВЕРЖДАЮ»: должность"),
        validators=[Optional(), Length(max=300)],
        description=_l(
            "Например: Начальник МКУ «Управление образования». Каждая строка — отдельно."
        ),
        render_kw={"rows": 2},
    )
    approver_name = StringField(
        _l("«УТВЕРЖДАЮ»: фамилия и инициалы"), validators=[Optional(), Length(max=200)]
    )
    approved_on = DateField(_l("«УТВЕРЖДАЮ»: дата"), validators=[Optional()])
    version = _version()

    def validate_academic_year(self, field) -> None:
        first, _, second = (field.data or "").partition("-")
        if first.isdigit() and second.isdigit() and int(second) != int(first) + 1:
            raise ValidationError(_l("Годы учебного года должны идти подряд, например 2020-2021."))


class ItemForm(Form):
    text = TextAreaField(
        _l("Текст пункта"),
        validators=[DataRequired(), Length(max=2000)],
        description=_l("Без номера и точки в конце: их расставит план."),
        render_kw={"rows": 3},
    )
    planned_when = StringField(
        _l("Сроки"),
        validators=[Optional(), Length(max=100)],
        description=_l("Если план их называет: «в течение года», «март»."),
    )
    responsible = StringField(_l("Ответственные"), validators=[Optional(), Length(max=1000)])
    version = _version()


class DirectionForm(Form):
    title = StringField(
        _l("Название направления"),
        validators=[DataRequired(), Length(max=300)],
        description=_l("Например: Аналитическая деятельность"),
    )
    version = _version()


class MeetingForm(Form):
    planned_when = StringField(
        _l("Дата проведения"),
        validators=[DataRequired(), Length(max=100)],
        description=_l("Месяц или дата, как в плане: «ноябрь», «12.11.2020»."),
    )
    venue_school_id = SelectField(_l("Место проведения: школа из реестра"), coerce=int)
    venue_text = StringField(
        _l("Место проведения: как написать в плане"),
        validators=[Optional(), Length(max=300)],
        description=_l("Оставьте пустым, чтобы в плане стояло название школы из реестра."),
    )
    topic = TextAreaField(
        _l("Тема заседания"),
        validators=[DataRequired(), Length(max=1000)],
        description=_l("Без кавычек: план добавит «» сам."),
        render_kw={"rows": 2},
    )
    practical_part = TextAreaField(
        _l("Практическая часть"), validators=[Optional(), Length(max=1000)], render_kw={"rows": 2}
    )
    theoretical_points = TextAreaField(
        _l("Теоретическая часть"),
        validators=[Optional(), Length(max=4000)],
        description=_l("Каждый пункт — с новой строки; номера план расставит сам."),
        render_kw={"rows": 4},
    )
    responsible = StringField(_l("Ответственные"), validators=[Optional(), Length(max=1000)])
    version = _version()

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not (self.venue_text.data or "").strip() and not self.venue_school_id.data:
            self.venue_text.errors.append(
                _l("Выберите школу из реестра или напишите место проведения.")
            )
            return False
        return True


class RecordForm(Form):
    held_on = DateField(_l("Дата проведения"), validators=[Optional()])
    held_venue = StringField(_l("Место проведения"), validators=[Optional(), Length(max=300)])
    attendance_count = IntegerField(
        _l("Присутствовало библиотекарей"),
        validators=[Optional(), NumberRange(min=0, max=1000)],
    )
    attending_school_ids = SelectMultipleField(
        _l("Школы, которые были представлены"),
        coerce=int,
        description=_l("Несколько школ выбираются с клавишей Ctrl (на Mac — Cmd)."),
        render_kw={"size": 10},
    )
    open_event = TextAreaField(
        _l("Открытый урок или мероприятие"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Что показали, кто провёл, в каком классе."),
        render_kw={"rows": 3},
    )
    decisions = TextAreaField(
        _l("Решения"),
        validators=[Optional(), Length(max=4000)],
        description=_l("Каждое решение — с новой строки."),
        render_kw={"rows": 5},
    )
    version = _version()

    def validate_attendance_count(self, field) -> None:
        schools = len(self.attending_school_ids.data or [])
        if field.data is not None and field.data < schools:
            raise ValidationError(
                _l("Присутствовало меньше человек, чем отмечено школ (%(n)s).", n=schools)
            )


class MoveForm(Form):
    to = HiddenField(validators=[AnyOf(["up", "down"])])
    version = _version()
