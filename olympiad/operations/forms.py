"""Forms of the operations area."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from olympiad.forms import Form


class RetentionForm(Form):
    days = IntegerField(
        _l("Срок хранения персональных данных после перевода в архив, дней"),
        validators=[InputRequired(), NumberRange(min=0, max=3650)],
    )
