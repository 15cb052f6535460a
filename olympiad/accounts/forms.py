"""Forms of the accounts area."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from olympiad.forms import Form, printable
from olympiad.models import Role

ROLE_CHOICES = [
    (Role.COORDINATOR.value, _l("Координатор школы")),
    (Role.JUROR.value, _l("Член жюри")),
    (Role.ORGANIZER.value, _l("Организатор")),
]


class AccountForm(Form):
    full_name = StringField(_l("ФИО"), validators=[DataRequired(), Length(max=200), printable])
    email = EmailField(_l("Электронная почта"), validators=[Optional(), Email(), Length(max=200)])
    school_id = SelectField(
        _l("Школа"),
        coerce=int,
        description=_l("Только для координатора: он видит учеников только этой школы."),
    )


class NewAccountForm(AccountForm):
    login = StringField(
        _l("Логин"),
        validators=[
            DataRequired(),
            Length(min=3, max=64),
            Regexp(
                r"^[A-Za-z0-9._-]+$",
                message=_l("Только латинские буквы, цифры, точка, дефис и подчёркивание."),
            ),
        ],
    )
    role = SelectField(_l("Роль"), choices=ROLE_CHOICES, default=Role.COORDINATOR.value)
    field_order = ("login", "full_name", "role", "school_id", "email")
