"""Forms shared by every area, and the base class every form of the app derives from."""

from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import StopValidation
from wtforms.widgets import HiddenInput

from olympiad.text import check_printable, check_text


def guard_text(form, field) -> None:
    """Refuse invisible characters no database or document can take (see olympiad.text)."""
    values = field.data if isinstance(field.data, list | tuple) else [field.data]
    for value in values:
        if isinstance(value, str):
            problem = check_text(value, str(field.label.text) or field.name)
            if problem:
                raise StopValidation(problem)


def printable(form, field) -> None:
    """For names that go onto diplomas: only what the bundled fonts print."""
    problem = check_printable(field.data, str(field.label.text) or field.name)
    if problem:
        raise StopValidation(problem)


class Form(FlaskForm):
    """Flask-WTF's form with ``guard_text`` run first on every text field.

    Installed when the form is bound, so every StringField (TextAreaField, HiddenField,
    PasswordField, SearchField...) gets it, fields added later included.
    ``tests/hardening/test_text_guard.py`` checks that every form of the app derives from it.
    """

    class Meta:
        def bind_field(self, form, unbound_field, options):
            field = unbound_field.bind(form=form, **options)
            if isinstance(field, StringField):
                field.validators = [guard_text, *field.validators]
            return field


class ConfirmForm(Form):
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
