"""One text guard for every form: every form of the app derives from olympiad.forms.Form, so
every text field, including ones added later, refuses what no database or document takes."""

import importlib
import pkgutil

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, IntegerField, StringField, TextAreaField

import olympiad
from olympiad.forms import Form
from olympiad.text import check_text
from tests.hardening.hostile import ACCEPTED_SAMPLES, FORBIDDEN


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def test_every_form_of_the_app_has_the_guard():
    for module in pkgutil.walk_packages(olympiad.__path__, "olympiad."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)
    forms = [c for c in _all_subclasses(FlaskForm) if c.__module__.startswith("olympiad.")]
    assert len(forms) > 30
    unguarded = [f"{c.__module__}.{c.__name__}" for c in forms if not issubclass(c, Form)]
    assert unguarded == [], "derive from olympiad.forms.Form, not flask_wtf.FlaskForm"


class _Probe(Form):
    title = StringField("Название")
    notes = TextAreaField("Заметки")
    payload = HiddenField()
    count = IntegerField("Число")


@pytest.mark.parametrize("value", FORBIDDEN)
@pytest.mark.parametrize("field", ["title", "notes", "payload"])
def test_each_kind_of_text_field_refuses(app, field, value):
    with app.test_request_context(method="POST"):
        form = _Probe(formdata=MultiDict({field: value, "count": "1"}))
        assert not form.validate()
        assert "недопустимый невидимый символ" in form.errors[field][0]


def test_the_message_names_the_field(app):
    with app.test_request_context(method="POST"):
        form = _Probe(formdata=MultiDict({"notes": "a\x00b"}))
        form.validate()
        assert form.errors["notes"][0].startswith("Поле «Заметки»")


@pytest.mark.parametrize("value", ACCEPTED_SAMPLES)
def test_hostile_but_printable_text_passes_the_guard(app, value):
    assert check_text(value) is None
    with app.test_request_context(method="POST"):
        form = _Probe(formdata=MultiDict({"title": value, "notes": value, "count": "1"}))
        assert form.validate(), form.errors
