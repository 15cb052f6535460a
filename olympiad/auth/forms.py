"""Forms of the auth area: shape only; checking the password is the service's job."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from olympiad.forms import Form

MIN_PASSWORD = 10


class LoginForm(Form):
    login = StringField(_l("Логин"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Пароль"), validators=[DataRequired(), Length(max=200)])


class ChangePasswordForm(Form):
    current = PasswordField(_l("Текущий (временный) пароль"), validators=[DataRequired()])
    new = PasswordField(
        _l("Новый пароль"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD, max=200)],
        description=_l("Не короче %(n)s символов.", n=MIN_PASSWORD),
    )
    repeat = PasswordField(
        _l("Новый пароль ещё раз"),
        validators=[DataRequired(), EqualTo("new", message=_l("Пароли не совпадают."))],
    )


class ForgotPasswordForm(Form):
    who = StringField(
        _l("Логин или адрес электронной почты"),
        validators=[DataRequired(), Length(max=200)],
    )


class ResetPasswordForm(Form):
    new = PasswordField(
        _l("Новый пароль"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD, max=200)],
        description=_l("Не короче %(n)s символов.", n=MIN_PASSWORD),
    )
    repeat = PasswordField(
        _l("Новый пароль ещё раз"),
        validators=[DataRequired(), EqualTo("new", message=_l("Пароли не совпадают."))],
    )
