"""Forms of the marking area (shape only; the services decide what may be saved).

Criterion marks and the cells of a work's answers are read from request.form by name
("criterion", "text-<task id>", "version-<task id>"), as their number depends on the task.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from olympiad.forms import Form, VersionField
from olympiad.marking.labels import RULE_NAMES

REASON_HELP = _l("Обязательно, если оценка или ответ уже были введены.")


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AppointForm(Form):
    user_id = SelectField(_l("Член жюри"), coerce=int)
    is_chair = BooleanField(_l("Председатель жюри"))


class MemberForm(Form):
    is_chair = BooleanField(_l("Председатель жюри"))
    group_ids = CheckboxesField(
        _l("Группы классов"),
        coerce=int,
        description=_l("Ничего не отмечено — все группы."),
    )
    paper_task_ids = CheckboxesField(
        _l("Задания с развёрнутым ответом"),
        coerce=int,
        description=_l("Ничего не отмечено — все задания отмеченных групп."),
    )


class SettingsForm(Form):
    tolerance = StringField(
        _l("Допустимое расхождение двух оценок, баллов"),
        validators=[DataRequired(), Length(max=10)],
        description=_l("Если оценки расходятся больше, итоговую оценку ставит председатель."),
    )
    rule = RadioField(
        _l("Итоговая оценка при расхождении в пределах допустимого"),
        choices=list(RULE_NAMES.items()),
    )
    version = VersionField()


class MarkForm(Form):
    comment = TextAreaField(_l("Комментарий"), validators=[Optional(), Length(max=2000)])
    reason = StringField(
        _l("Причина изменения"), validators=[Optional(), Length(max=500)], description=REASON_HELP
    )
    version = VersionField()


class AnswersForm(Form):
    reason = StringField(
        _l("Причина изменения"), validators=[Optional(), Length(max=500)], description=REASON_HELP
    )


class UploadForm(Form):
    group_id = SelectField(_l("Группа классов"), coerce=int)
    juror_id = SelectField(
        _l("Чьи оценки в файле"),
        coerce=int,
        description=_l(
            "Баллы за задания с развёрнутым ответом запишутся как оценки этого члена жюри."
        ),
    )
    file = FileField(_l("Файл XLSX"), validators=[FileRequired(message=_l("Выберите файл."))])
    reason = StringField(
        _l("Причина изменения"), validators=[Optional(), Length(max=500)], description=REASON_HELP
    )


class SaveImportForm(Form):
    """The checked file travels back with the confirmation: nothing is kept in between."""

    payload = HiddenField(validators=[DataRequired()])
    filename = HiddenField(validators=[Optional(), Length(max=300)])
    group_id = HiddenField(validators=[DataRequired()])
    juror_id = HiddenField(validators=[Optional()])
    reason = HiddenField(validators=[Optional(), Length(max=500)])
