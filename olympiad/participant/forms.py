"""The access-code form: shape only; finding the participant is the session module's job."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from olympiad.forms import Form


class CodeForm(Form):
    code = StringField(
        _l("Код доступа"),
        validators=[DataRequired(), Length(max=40)],
        description=_l(
            "Код напечатан на листке, который выдал координатор школы: например K7MX-4QPR-9TWZ."
        ),
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )
