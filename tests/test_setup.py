"""Configuration layers, migrations, the demo and the CLI."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import select

from olympiad import create_app
from olympiad.extensions import db
from olympiad.models import Role, School, User
from tests.conftest import BACKENDS, fresh_database, make_config


def test_production_without_secret_key_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})


def test_default_database_is_sqlite_in_instance_folder(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("instance/olympiad.sqlite3")


def test_environment_overrides_and_test_mapping_wins(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@h/from_env")
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("OLYMPIAD_LOGIN_RATE_LIMIT", "3 per minute")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("/from_env")
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["LOGIN_RATE_LIMIT"] == "3 per minute"
    app = create_app({"SECRET_KEY": "from-test"})
    assert app.config["SECRET_KEY"] == "from-test"


@pytest.mark.parametrize("backend", BACKENDS)
def test_migrations_build_exactly_the_models(backend, tmp_path):
    with fresh_database(backend, tmp_path) as url:
        app = create_app(make_config(url))
        with app.app_context():
            upgrade()
            with db.engine.connect() as conn:
                diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
            db.engine.dispose()
    assert diff == []


def test_sqlite_runs_with_foreign_keys_and_wal(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_demo_fills_an_empty_database_and_refuses_a_second_time(runner, load_demo):
    result = load_demo()  # the command itself, once a run (the conftest)
    assert result.exit_code == 0, result.output
    assert "organizer" in result.output and "demo-2020-2021" in result.output
    assert db.session.query(School).count() >= 6
    coordinators = db.session.scalars(select(User).where(User.role == Role.COORDINATOR)).all()
    assert all(c.school is not None for c in coordinators)
    assert len(coordinators) == db.session.query(School).count()

    result = runner.invoke(args=["demo"])
    assert result.exit_code != 0
    assert "--reset" in result.output

    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0

    result = runner.invoke(args=["demo", "--reset"])
    assert result.exit_code == 0, result.output
    assert db.session.query(User).filter_by(login="organizer").count() == 1


def test_demo_logins_work(load_demo, client):
    assert load_demo().exit_code == 0
    for login in ("organizer", "coord1", "jury1"):
        response = client.post("/auth/login", data={"login": login, "password": "demo-2020-2021"})
        assert response.status_code == 302, login
        client.post("/auth/logout")


def test_create_organizer_command(runner, client):
    result = runner.invoke(
        args=[
            "create-organizer",
            "--login",
            "head",
            "--full-name",
            "Руководитель РМО",
            "--password",
            "long-enough-pass",
        ],
    )
    assert result.exit_code == 0, result.output
    response = client.post("/auth/login", data={"login": "head", "password": "long-enough-pass"})
    assert response.status_code == 302
    result = runner.invoke(
        args=["create-organizer", "--login", "head2", "--full-name", "X", "--password", "short"],
    )
    assert result.exit_code != 0 and "не короче" in result.output
