"""After the crawl and the fuzz, the district's data moves as the README says: backed up on
SQLite, restored into PostgreSQL (when OLYMPIAD_TEST_DATABASE_URL is set) and SQLite. A value
PostgreSQL cannot take, stored before the text guard existed, is named (table, row, column)
before the restore starts, and nothing is changed."""

import io
import zipfile

import pytest
from sqlalchemy import text

from olympiad.extensions import db
from olympiad.models import School
from olympiad.operations.backup import BackupError, _member, restore_backup, write_backup
from olympiad.operations.restore_check import unstorable_values
from tests.conftest import BACKENDS, fresh_database
from tests.operations.conftest import app_on, everything


def _backup(app) -> tuple[bytes, dict]:
    with app.app_context():
        out = io.BytesIO()
        write_backup(db.engine, db.metadata, out)
        return out.getvalue(), everything()


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_fuzzed_district_moves(demo_app, backend, tmp_path):
    data, original = _backup(demo_app)
    with fresh_database(backend, tmp_path) as url, app_on(url):
        restore_backup(db.engine, db.metadata, io.BytesIO(data))
        assert everything() == original


@pytest.fixture
def poisoned(tmp_path):
    """A laptop's backup with NUL in a school's name, written there before the guard."""
    with fresh_database("sqlite", tmp_path) as url, app_on(url):
        school = School(full_name="Школа", short_name="Школа", municipality="—")
        db.session.add(school)
        db.session.commit()
        with db.engine.begin() as conn:
            conn.execute(
                text("UPDATE school SET short_name = :v WHERE id = :id"),
                {"v": "Шко\x00ла", "id": school.id},
            )
        out = io.BytesIO()
        write_backup(db.engine, db.metadata, out)
        return out.getvalue(), school.id


def test_the_check_names_table_row_and_column(poisoned):
    data, school_id = poisoned
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        listed = {t.name: 1 for t in db.metadata.sorted_tables}
        problems = unstorable_values(archive, db.metadata, listed, "postgresql", _member)
        assert unstorable_values(archive, db.metadata, listed, "sqlite", _member) == []
    assert len(problems) == 1
    assert "«school»" in problems[0] and f"id={school_id}" in problems[0]
    assert "«short_name»" in problems[0] and "NUL" in problems[0]


@pytest.mark.skipif("postgresql" not in BACKENDS, reason="needs OLYMPIAD_TEST_DATABASE_URL")
def test_postgresql_refuses_before_it_starts(poisoned, tmp_path):
    data, school_id = poisoned
    with fresh_database("postgresql", tmp_path) as url, app_on(url):
        with pytest.raises(BackupError) as refusal:
            restore_backup(db.engine, db.metadata, io.BytesIO(data))
        message = str(refusal.value)
        assert "«school»" in message and f"id={school_id}" in message
        assert "Ничего не изменено" in message
        assert not any(everything().values())
