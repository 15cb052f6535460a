"""Forms of the online round (shape only; the services decide what may be saved).

A participant's answers are not a WTForm: their fields depend on the task's type and are read
from request.form by domain.online.read_fields, for a plain form and the page's script alike.
"""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange
from wtforms.widgets import CheckboxInput, ListWidget

from olympiad.domain.online import MAX_EXTENSION, MAX_LIMIT, MIN_LIMIT
from olympiad.forms import Form, VersionField

MINUTE = "%Y-%m-%dT%H:%M"


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SittingForm(Form):
    group_id = SelectField(_l("Группа классов"), coerce=int)
    school_ids = CheckboxesField(
        _l("Школы"),
        coerce=int,
        description=_l("Ничего не отмечено — все школы. Остальные школы пишут на бумаге."),
    )
    starts_at = DateTimeLocalField(
        _l("Начало окна"),
        format=MINUTE,
        validators=[InputRequired()],
        description=_l("Местное время района. С этого момента участники могут начать работу."),
    )
    ends_at = DateTimeLocalField(
        _l("Конец окна"),
        format=MINUTE,
        validators=[InputRequired()],
        description=_l(
            "После этого времени работа не продолжается, даже если время участника не вышло."
        ),
    )
    time_limit_minutes = IntegerField(
        _l("Время на работу, минут"),
        validators=[InputRequired(), NumberRange(min=MIN_LIMIT, max=MAX_LIMIT)],
        default=60,
        description=_l("Отсчитывается для каждого участника от момента, когда он начал."),
    )
    supervised = RadioField(
        _l("Где пишут"),
        choices=[
            (
                "room",
                _l("В кабинете под присмотром: координатор отмечает явку, потом участник начинает"),
            ),
            ("home", _l("Дома: участник начинает сам, явка отмечается при начале работы")),
        ],
        default="room",
    )
    version = VersionField()


class ExtendForm(Form):
    minutes = IntegerField(
        _l("Добавить минут"),
        validators=[InputRequired(), NumberRange(min=1, max=MAX_EXTENSION)],
        default=10,
    )
    reason = TextAreaField(
        _l("Причина"),
        validators=[DataRequired(), Length(max=1000)],
        description=_l("Например: компьютер перезагрузился, участник пересел за другой."),
    )


class LateDecisionForm(Form):
    """The organizer's decision on late answers: of one participant ("p<id>") or of every
    participant of a school ("s<id>")."""

    target = HiddenField(validators=[DataRequired()])
    decision = HiddenField(validators=[DataRequired()])
    reason = TextAreaField(
        _l("Причина"),
        validators=[DataRequired(), Length(max=1000)],
        description=_l("Например: в школе пропал интернет с 10:40 до 10:55, подтверждено."),
    )
