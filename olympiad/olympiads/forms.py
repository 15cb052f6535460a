"""Forms of the olympiads area."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from olympiad.forms import Form, VersionField

DEFAULT_TITLE = "Муниципальный этап олимпиады по информационной культуре личности"


def current_academic_year(today: date | None = None) -> str:
    """September starts a new academic year."""
    today = today or date.today()
    start = today.year if today.month >= 9 else today.year - 1
    return f"{start}-{start + 1}"


class OlympiadForm(Form):
    title = StringField(
        _l("Название"), validators=[DataRequired(), Length(max=300)], default=DEFAULT_TITLE
    )
    academic_year = StringField(
        _l("Учебный год"),
        validators=[DataRequired(), Regexp(r"^\d{4}-\d{4}$", message=_l("Например: 2020-2021"))],
        default=current_academic_year,
    )
    plan_item_id = SelectField(
        _l("Пункт плана РМО"),
        coerce=int,
        description=_l("Какой пункт плана работы выполняет эта олимпиада."),
    )
    held_on = DateField(_l("Дата проведения"), validators=[Optional()])
    starts_at_time = TimeField(
        _l("Начало"),
        validators=[Optional()],
        description=_l("Время начала по местному времени: его увидят участники."),
    )
    venue = TextAreaField(
        _l("Место проведения"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Школа или адрес; кабинеты добавляются на странице олимпиады."),
    )
    what_to_bring = TextAreaField(
        _l("Что взять с собой"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Например: ручку с синей пастой, сменную обувь. Участники увидят это."),
    )
    grades = StringField(
        _l("Классы"),
        validators=[DataRequired(), Length(max=40)],
        default="7-11",
        description=_l("Например: 7-11"),
    )
    groups = StringField(
        _l("Группы классов"),
        validators=[DataRequired(), Length(max=100)],
        default="7-8; 9-11",
        description=_l(
            "Каждая группа пишет свой вариант заданий. Через точку с запятой: 7-8; 9-11"
        ),
    )
    registration_opens_on = DateField(_l("Регистрация открывается"), validators=[Optional()])
    registration_closes_on = DateField(_l("Регистрация закрывается"), validators=[Optional()])
    school_grade_limit = IntegerField(
        _l("Не больше участников от школы в одном классе"),
        validators=[Optional(), NumberRange(min=1, max=500)],
        description=_l("Оставьте пустым, если ограничения нет."),
    )
    comments_visible = BooleanField(
        _l("Показывать участникам комментарии жюри"),
        description=_l(
            "При показе работ участник видит оценки по критериям; с этой отметкой — и "
            "комментарии членов жюри (без их имён)."
        ),
    )
    version = VersionField()


class RoomForm(Form):
    venue = StringField(_l("Здание / школа"), validators=[Optional(), Length(max=300)])
    name = StringField(_l("Кабинет"), validators=[DataRequired(), Length(max=60)])
    capacity = IntegerField(_l("Мест"), validators=[Optional(), NumberRange(min=1, max=1000)])
    grades = StringField(
        _l("Классы"),
        validators=[Optional(), Length(max=40)],
        description=_l("Какие классы пишут здесь; пусто — любые."),
    )


class CloseMarkingForm(Form):
    """Closing marking opens the appeal window: its end is announced to the participants."""

    appeals_close_at = DateTimeLocalField(
        _l("Апелляции принимаются до"),
        validators=[DataRequired(message=_l("Укажите дату и время окончания приёма апелляций."))],
        format="%Y-%m-%dT%H:%M",
        description=_l(
            "Местное время. По умолчанию — конец второго рабочего дня. Участники и "
            "координаторы увидят срок; продлить его можно, сократить — нет."
        ),
    )
