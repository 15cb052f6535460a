"""Forms of the schools area."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Optional

from olympiad.forms import Form, VersionField, printable


class SchoolForm(Form):
    full_name = StringField(
        _l("Полное название"),
        validators=[DataRequired(), Length(max=300), printable],
        description=_l("Как в уставе, например: МБОУ «Селенгинская СОШ»"),
    )
    short_name = StringField(
        _l("Краткое название"),
        validators=[DataRequired(), Length(max=120), printable],
        description=_l("Для таблиц и списков, например: Селенгинская СОШ"),
    )
    municipality = StringField(
        _l("Муниципальное образование"), validators=[Optional(), Length(max=200)]
    )
    contact = StringField(
        _l("Контакты"),
        validators=[Optional(), Length(max=300)],
        description=_l("Телефон, электронная почта, адрес"),
    )
    version = VersionField()
