"""A save that names no version is refused like a stale one, everywhere.

Three sweeps: every form with a `version` field uses the shared VersionField; no service
compares versions by hand (they all ask versions.is_stale); and edit pages, replayed exactly
as the browser would send them but without the version, change nothing, while the same replay
with the version saves.
"""

import ast
import importlib
import pathlib
import pkgutil
from datetime import timedelta

import lxml.html
import pytest
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from wtforms import StringField

import olympiad
from olympiad.extensions import db
from olympiad.forms import VersionField
from olympiad.models import OlympiadStatus, OnlineSitting, Role
from olympiad.versions import UNCHECKED, is_stale
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401

ROOT = pathlib.Path(olympiad.__file__).parent


def test_is_stale():
    assert not is_stale(3, 3)
    assert is_stale(2, 3) and is_stale(4, 3)
    assert is_stale(None, 3) and is_stale("3", 3) and is_stale(True, 1)
    assert not is_stale(UNCHECKED, 3)


def test_version_field_never_falls_back_to_the_initial_value(app):
    class Form(FlaskForm):
        other = StringField()
        version = VersionField()

    # a form sent with other fields but not the version, or a wrong one
    cases = (({}, None), ({"version": "abc"}, None), ({"version": "7"}, 7))
    for sent, expected in cases:
        sent = {"other": "x", **sent}
        with app.test_request_context("/", method="POST", data=sent):
            form = Form(data={"version": 5})
            assert form.version.data == expected, sent
    with app.test_request_context("/", method="POST", data={"version": "4"}):
        form = Form()
        form.version.data = 6  # a refused save shows the form on the current version
        assert 'value="6"' in form.version()


def _forms() -> list[type]:
    for info in pkgutil.walk_packages([str(ROOT)], "olympiad."):
        if ".migrations" not in info.name:
            importlib.import_module(info.name)
    found, todo = [], list(FlaskForm.__subclasses__())
    while todo:
        form = todo.pop()
        todo.extend(form.__subclasses__())
        if form.__module__.startswith("olympiad."):
            found.append(form)
    return found


def test_every_version_field_is_the_shared_one(app):
    forms = _forms()
    with_version = [f for f in forms if hasattr(f, "version")]
    assert len(with_version) >= 10  # schools, olympiads, enrollment, papers, marking, ...
    wrong = [
        f"{f.__module__}.{f.__name__}"
        for f in with_version
        if getattr(f.version, "field_class", None) is not VersionField
    ]
    assert wrong == []


def _names(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def test_no_service_compares_versions_by_hand():
    """`version is not None and version != row.version` let a save without a version through;
    every check goes through versions.is_stale."""
    places = []
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts or path.name == "versions.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(
                isinstance(op, ast.NotEq | ast.Eq)
                or (isinstance(op, ast.IsNot) and isinstance(right, ast.Constant))
                for op, right in zip(node.ops, node.comparators, strict=True)
            ):
                sides = [_names(node.left), *map(_names, node.comparators)]
                if any(name == "version" or name.endswith("_version") for name in sides):
                    places.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert places == []


# replaying the edit pages


def _snapshot() -> dict:
    db.session.expire_all()
    return {
        table.name: sorted(map(repr, db.session.execute(select(table)).all()))
        for table in db.metadata.sorted_tables
    }


def _replay(client, page_url: str, changes: dict, with_version: bool):
    """Send the page's form that carries a version, as the browser would, with `changes`."""
    page = lxml.html.fromstring(client.get(page_url).get_data(as_text=True))
    form = next(f for f in page.forms if "version" in f.inputs.keys())  # noqa: SIM118
    values = MultiDict(form.form_values())
    for name, value in changes.items():
        values.setlist(name, [value])
    if not with_version:
        values.poplist("version")
    return client.post(form.action or page_url, data=values)


@pytest.fixture
def pages(app, make_user, make_school, make_olympiad, make_participant):  # noqa: F811
    """(who, page, a change to type) for the edit pages of several areas."""
    organizer = make_user(Role.ORGANIZER)
    school = make_school()
    coordinator = make_user(Role.COORDINATOR, school=school)
    draft = make_olympiad(OlympiadStatus.DRAFT)
    open_ = make_olympiad(OlympiadStatus.REGISTRATION_OPEN, academic_year="2021-2022")
    held = make_olympiad(OlympiadStatus.HELD, academic_year="2019-2020")
    participant = make_participant(open_, school, surname="Ученикова")
    from olympiad.online import clock

    start = clock.now() + timedelta(days=2)
    sitting = OnlineSitting(
        olympiad_id=draft.id,
        group_id=draft.groups[1].id,
        school_ids=[],
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        time_limit_minutes=60,
    )
    db.session.add(sitting)
    db.session.commit()
    return [
        (organizer, f"/schools/{school.id}/edit", {"short_name": "Новое имя"}),
        (organizer, f"/olympiads/{draft.id}/edit", {"venue": "Актовый зал"}),
        (organizer, f"/tasks/papers/{draft.groups[0].id}", {"instructions": "Ручкой."}),
        (coordinator, f"/enrollment/participants/{participant.id}/edit", {"mentor": "Иванова"}),
        (organizer, f"/marking/{held.id}/settings", {"tolerance": "2"}),
        (organizer, f"/online/sittings/{sitting.id}/edit", {"time_limit_minutes": "45"}),
    ]


def test_edit_pages_refuse_a_save_without_a_version(app, pages):
    for user, url, changes in pages:
        client = app.test_client()
        assert client.post("/auth/login", data={"login": user.login, "password": "correct-horse-7"})
        before = _snapshot()
        response = _replay(client, url, changes, with_version=False)
        assert response.status_code < 500, url
        assert _snapshot() == before, f"{url}: saved without a version"
        response = _replay(client, url, changes, with_version=True)
        assert response.status_code < 500, url
        assert _snapshot() != before, f"{url}: the same form with its version did not save"
