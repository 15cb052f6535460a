"""Fixtures: a real database (SQLite always, PostgreSQL when OLYMPIAD_TEST_DATABASE_URL is set),
an app per test on it, and factories for schools and users."""

import fcntl
import os
import uuid
from contextlib import contextmanager
from types import SimpleNamespace

import psycopg
import pytest
from flask.testing import FlaskClient
from sqlalchemy.engine import make_url

from olympiad import create_app
from olympiad.auth.passwords import hash_password
from olympiad.extensions import db, limiter
from olympiad.models import Role, School, User
from olympiad.operations.backup import restore_backup, write_backup
from tests.browsers import browser, live_server  # noqa: F401  (fixtures)

PASSWORD = "correct-horse-7"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("OLYMPIAD_TEST_DATABASE_URL") else [])


def pytest_collection_modifyitems(config, items):
    """A test marked `one_database` runs on SQLite only."""
    dropped = [
        item
        for item in items
        if item.get_closest_marker("one_database")
        and getattr(item, "callspec", None) is not None
        and item.callspec.params.get("database_url", "sqlite") != "sqlite"
    ]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]


@contextmanager
def fresh_database(backend: str, tmp_path):
    """A new empty database of the given kind, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / f'{uuid.uuid4().hex}.sqlite3'}"
        return
    base = make_url(os.environ["OLYMPIAD_TEST_DATABASE_URL"]).set(drivername="postgresql+psycopg")
    name = f"olympiad_test_{uuid.uuid4().hex[:12]}"
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
        # a test's commit need not wait for the disk: nothing here outlives a crash
        conn.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class RequestClient(FlaskClient):
    """Each request runs in its own app context (its own g and session), as in production,
    not in the test's long-lived one."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def make_config(database_url: str, **overrides) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "PASSWORD_HASH_PROFILE": "CHEAPEST",
        **overrides,
    }


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory):
    with fresh_database(request.param, tmp_path_factory.mktemp("db")) as url:
        app = create_app(make_config(url))
        with app.app_context():
            db.create_all()
            db.engine.dispose()
        yield url


_APPS: dict[tuple, object] = {}  # one app per database and flags in each test process


@pytest.fixture
def app(database_url, request, tmp_path):
    """The app on the session's database; every table is emptied after the test. Building an
    app compiles every URL rule (about a tenth of a second), so each test process keeps one
    per database and flags and puts its configuration back after each test; a test marked
    `fresh_app` (one that adds a route) gets its own. Caches on disk are the test's own
    (tests run in parallel: make test uses every core)."""
    flags = {
        "WTF_CSRF_ENABLED": bool(request.node.get_closest_marker("csrf")),
        "RATELIMIT_ENABLED": bool(request.node.get_closest_marker("ratelimit")),
    }
    key = (database_url, *flags.values())
    fresh = bool(request.node.get_closest_marker("fresh_app"))
    app = None if fresh else _APPS.get(key)
    if app is None:
        app = create_app(make_config(database_url, **flags))
        app.test_client_class = RequestClient
        if not fresh:
            _APPS[key] = app
    saved, wsgi_app = dict(app.config), app.wsgi_app  # a test may put a proxy in front
    app.config.update(
        CERTIFICATE_CACHE_DIR=str(tmp_path / "cache" / "certificates"),
        RESULTS_CACHE_DIR=str(tmp_path / "cache" / "results"),
    )
    limiter.enabled = flags["RATELIMIT_ENABLED"]  # the extension keeps it, not the app
    with app.app_context():
        if limiter.enabled:
            limiter.reset()  # what the last test counted
        yield app
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
        if fresh:
            db.engine.dispose()
    app.config.clear()
    app.config.update(saved)
    app.wsgi_app = wsgi_app


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory, testrun_uid):
    """A folder every test process of this run shares (pytest-xdist's workers have one parent)."""
    folder = tmp_path_factory.getbasetemp().parent / f"demo-{testrun_uid}"
    folder.mkdir(exist_ok=True)
    return folder


def put_demo(app, folder) -> SimpleNamespace:
    """The demo in the app's (empty) database. `flask demo` takes seconds, so it runs once per
    kind of database in the whole run, under a lock; every other test and test process gets
    its data from a backup of it (a fraction of that). Returns what `runner.invoke(args=
    ["demo"])` would."""
    kind = db.engine.dialect.name
    saved, output = folder / f"{kind}.backup", folder / f"{kind}.output"
    with open(folder / f"{kind}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not saved.exists():
            result = app.test_cli_runner().invoke(args=["demo"])
            if result.exit_code != 0:
                return result
            with open(saved.with_suffix(".part"), "wb") as out:
                write_backup(db.engine, db.metadata, out)
            output.write_text(result.output)
            saved.with_suffix(".part").rename(saved)
            return result
    db.session.remove()
    with open(saved, "rb") as source:
        restore_backup(db.engine, db.metadata, source)
    return SimpleNamespace(exit_code=0, output=output.read_text())


@pytest.fixture
def load_demo(app, demo_folder):
    """`flask demo` for tests that read what it made (see put_demo)."""
    return lambda: put_demo(app, demo_folder)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_school(app):
    counter = iter(range(1, 10_000))

    def make(**overrides) -> School:
        n = next(counter)
        school = School(
            **{
                "full_name": f"МБОУ «Тестовая СОШ № {n}»",
                "short_name": f"Тестовая СОШ № {n}",
                "municipality": "МО «Селенгинский район»",
                **overrides,
            }
        )
        db.session.add(school)
        db.session.commit()
        return school

    return make


@pytest.fixture
def make_user(app, make_school):
    counter = iter(range(1, 10_000))

    def make(role: Role = Role.ORGANIZER, **overrides) -> User:
        n = next(counter)
        if role == Role.COORDINATOR and "school" not in overrides:
            overrides["school"] = make_school()
        user = User(
            **{
                "login": f"{role.value}{n}",
                "full_name": f"Тестова Анна {n}",
                "role": role,
                "password_hash": hash_password(PASSWORD),
                **overrides,
            }
        )
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def login(client):
    """login(user) logs the test client in through the real login form."""

    def do(user: User, password: str = PASSWORD):
        response = client.post("/auth/login", data={"login": user.login, "password": password})
        assert response.status_code == 302, "login failed"
        return response

    return do
