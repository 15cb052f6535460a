"""Forms of the appeals area (shape only; the services decide what may be filed or decided)."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from olympiad.appeals.filing import MAX_CONTESTED, MAX_REASONING
from olympiad.appeals.labels import CRITERIA_NOTE
from olympiad.forms import Form, VersionField
from olympiad.models import AppealState


class AppealForm(Form):
    # any id is let through: a task outside the participant's paper is refused by the service
    paper_task_id = SelectField(
        _l("Задание"), coerce=int, validate_choice=False, validators=[Optional()]
    )
    reasoning = TextAreaField(
        _l("С чем вы не согласны и почему"),
        validators=[
            DataRequired(message=_l("Опишите, с чем вы не согласны и почему.")),
            Length(max=MAX_REASONING),
        ],
        description=CRITERIA_NOTE,
        render_kw={"rows": 5, "maxlength": MAX_REASONING},
    )
    contested = TextAreaField(
        _l("Что оспаривается"),
        validators=[Optional(), Length(max=MAX_CONTESTED)],
        description=_l(
            "Заполняется само, если перейти сюда со страницы «Моя работа»: ответ, ключ, "
            "оценки по критериям. Можно исправить."
        ),
        render_kw={"rows": 2, "maxlength": MAX_CONTESTED},
    )


class DecisionForm(Form):
    state = RadioField(
        _l("Решение"),
        choices=[
            (AppealState.REJECTED.value, _l("Отклонить: оценка сохраняется")),
            (AppealState.ACCEPTED.value, _l("Удовлетворить: новая оценка")),
        ],
        validators=[DataRequired(message=_l("Выберите решение."))],
    )
    new_points = StringField(
        _l("Новая оценка за задание, баллов"),
        validators=[Optional(), Length(max=10)],
        description=_l("Выше или ниже прежней; допускаются половины баллов, например 3,5."),
        render_kw={"inputmode": "decimal", "autocomplete": "off"},
    )
    reason = TextAreaField(
        _l("Обоснование решения"),
        validators=[DataRequired(message=_l("Укажите обоснование решения.")), Length(max=2000)],
        render_kw={"rows": 4, "maxlength": 2000},
    )
    version = VersionField()
