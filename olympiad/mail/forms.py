"""Forms of the mail page."""

from wtforms import HiddenField
from wtforms.validators import AnyOf, InputRequired

from olympiad.forms import Form


class NoticeSwitchForm(Form):
    enabled = HiddenField(validators=[InputRequired(), AnyOf(["0", "1"])])
