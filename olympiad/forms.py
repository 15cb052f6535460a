"""Forms shared by every area."""

from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.widgets import HiddenInput


class ConfirmForm(FlaskForm):
    """An empty form: a confirmation button with its CSRF token."""


class VersionField(IntegerField):
    """The hidden version an edit form was opened at (olympiad.versions). A submitted form
    without it, or with something that is not a number, has None, which the check refuses as
    stale; the value given when the form was built is never taken in its place. The page
    shows the field's current value, also after a refused save set it anew."""

    widget = HiddenInput()

    def process_formdata(self, valuelist) -> None:
        try:
            self.data = int(valuelist[0]) if valuelist else None
        except (TypeError, ValueError):
            self.data = None

    def _value(self) -> str:
        return "" if self.data is None else str(self.data)
