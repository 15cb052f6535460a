"""Backup and restore: the full demo goes SQLite -> PostgreSQL -> SQLite unchanged, and every
kind of bad file is refused with a message and changes nothing."""

import io
import json
import zipfile

import pytest
from sqlalchemy import func, select, update

from olympiad.extensions import db
from olympiad.models import Olympiad, School
from olympiad.operations.backup import BackupError, restore_backup, write_backup
from tests.conftest import BACKENDS, fresh_database
from tests.operations.conftest import app_on, everything


def _backup(app, path) -> None:
    result = app.test_cli_runner().invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    assert "Резервная копия записана" in result.output


def _restore(app, path) -> None:
    result = app.test_cli_runner().invoke(args=["restore", str(path)])
    assert result.exit_code == 0, result.output


def test_the_demo_goes_to_postgresql_and_back_unchanged(tmp_path):
    first, second = tmp_path / "laptop.zip", tmp_path / "server.zip"
    with fresh_database("sqlite", tmp_path) as url, app_on(url) as laptop:
        assert laptop.test_cli_runner().invoke(args=["demo"]).exit_code == 0
        original = everything()
        _backup(laptop, first)
    assert sum(map(len, original.values())) > 5000
    assert original["task_version"] and original["certificate"] and original["audit_entry"]
    with zipfile.ZipFile(first) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format"] == "olympiad-backup" and manifest["format_version"] == 1
    assert [t["name"] for t in manifest["tables"]] == list(original)
    assert {t["name"]: t["rows"] for t in manifest["tables"]} == {
        name: len(rows) for name, rows in original.items()
    }

    middle = second
    if "postgresql" in BACKENDS:
        with fresh_database("postgresql", tmp_path) as url, app_on(url) as server:
            _restore(server, first)
            assert everything() == original
            # the sequences moved past the restored ids: a new row gets a fresh one
            top = db.session.scalar(select(func.max(School.id)))
            stamps = db.session.execute(select(Olympiad.id, Olympiad.results_stamp)).all()
            school = School(full_name="Новая", short_name="Новая", municipality="—")
            db.session.add(school)
            db.session.commit()
            assert school.id > top
            db.session.delete(school)
            db.session.commit()
            # a school's name is on every results page: the probe renewed the results stamps
            # (cache keys, not data); put them back so that the round trip compares the data
            for olympiad_id, stamp in stamps:
                db.session.execute(
                    update(Olympiad).where(Olympiad.id == olympiad_id).values(results_stamp=stamp)
                )
            db.session.commit()
            _backup(server, second)
    else:
        middle = first
    with fresh_database("sqlite", tmp_path) as url, app_on(url) as back:
        _restore(back, middle)
        assert everything() == original


@pytest.fixture
def small_backup(app, make_user, make_school) -> bytes:
    """A backup of a school and two users; the database is emptied afterwards."""
    make_user()
    make_school(short_name="Школа «Ёлочка»")
    out = io.BytesIO()
    write_backup(db.engine, db.metadata, out)
    db.session.remove()
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())
    return out.getvalue()


def _rewrite(data: bytes, change) -> bytes:
    """The backup with its members passed through change(name, bytes) -> bytes | None."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info.filename))
            if content is not None:
                target.writestr(info.filename, content)
    return out.getvalue()


def _manifest(change):
    def edit(name, content):
        if name != "manifest.json":
            return content
        manifest = json.loads(content)
        change(manifest)
        return json.dumps(manifest)

    return edit


def _bad_row(name, content):
    """A user whose school does not exist, with a matching checksum: only the database refuses."""
    if name == "tables/user_account.jsonl":
        row = json.loads(content.splitlines()[0])
        return (json.dumps({**row, "id": 99, "login": "x", "school_id": 12345}) + "\n").encode()
    return content


def _with_sums(data: bytes) -> bytes:
    import hashlib

    sums = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            sums[name] = hashlib.sha256(archive.read(name)).hexdigest()

    def fix(manifest):
        for table in manifest["tables"]:
            table["sha256"] = sums[f"tables/{table['name']}.jsonl"]
            table["rows"] = 1 if table["name"] == "user_account" else table["rows"]

    return _rewrite(data, _manifest(fix))


BAD_FILES = {
    "not a zip": (lambda d: b"%PDF-1.4 not a backup", "обрезан или это не ZIP"),
    "truncated": (lambda d: d[: len(d) // 2], "обрезан или это не ZIP"),
    "empty": (lambda d: b"", "обрезан или это не ZIP"),
    "no manifest": (
        lambda d: _rewrite(d, lambda n, c: None if n == "manifest.json" else c),
        "нет описания",
    ),
    "foreign": (
        lambda d: _rewrite(d, _manifest(lambda m: m.update(format="something-else"))),
        "чужой формат",
    ),
    "newer": (
        lambda d: _rewrite(d, _manifest(lambda m: m.update(format_version=2))),
        "более новой версией",
    ),
    "damaged member": (
        lambda d: _rewrite(
            d, lambda n, c: c.replace("Ёлочка".encode(), "Ёжик".encode()) if "school" in n else c
        ),
        "контрольная сумма таблицы «school»",
    ),
    "missing member": (
        lambda d: _rewrite(d, lambda n, c: None if n == "tables/school.jsonl" else c),
        "нет таблицы «school»",
    ),
    "unknown table": (
        lambda d: _rewrite(
            d, _manifest(lambda m: m["tables"].append({"name": "x", "rows": 0, "sha256": "0"}))
        ),
        "нет таблицы «x»",
    ),
    "tables left out": (
        lambda d: _rewrite(
            _rewrite(
                d,
                _manifest(
                    lambda m: m.update(
                        tables=[
                            t for t in m["tables"] if t["name"] not in ("school", "audit_entry")
                        ]
                    )
                ),
            ),
            lambda n, c: None if n in ("tables/school.jsonl", "tables/audit_entry.jsonl") else c,
        ),
        "неполная: в ней нет таблиц «audit_entry», «school»",
    ),
    "refused by the database": (
        lambda d: _with_sums(_rewrite(d, _bad_row)),
        "не загружается",
    ),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_is_refused_and_changes_nothing(small_backup, runner, tmp_path, kind):
    spoil, message = BAD_FILES[kind]
    path = tmp_path / "bad.zip"
    path.write_bytes(spoil(small_backup))
    result = runner.invoke(args=["restore", str(path)])
    assert result.exit_code == 1
    assert message in result.output and "База данных не изменена" in result.output
    db.session.remove()
    assert all(not everything()[name] for name in everything())


def test_a_flipped_byte_is_caught(small_backup):
    data = bytearray(small_backup)
    start = data.index(b"tables/school.jsonl") + 40  # inside the compressed member
    data[start] ^= 0xFF
    with pytest.raises(BackupError):
        restore_backup(db.engine, db.metadata, io.BytesIO(bytes(data)))
    assert not any(everything().values())


def test_a_database_with_data_is_refused(small_backup, make_school, runner, tmp_path):
    make_school()
    path = tmp_path / "good.zip"
    path.write_bytes(small_backup)
    result = runner.invoke(args=["restore", str(path)])
    assert result.exit_code == 1 and "не пуста" in result.output
    assert len(everything()["school"]) == 1


def test_the_good_file_restores(small_backup, runner, tmp_path):
    path = tmp_path / "good.zip"
    path.write_bytes(small_backup)
    result = runner.invoke(args=["restore", str(path)])
    assert result.exit_code == 0, result.output
    assert [s["short_name"] for s in everything()["school"]] == ["Школа «Ёлочка»"]


def test_the_organizer_downloads_the_same_file(app, client, login, make_user):
    login(make_user())
    response = client.get("/operations/backup")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert {t["name"]: t["rows"] for t in manifest["tables"]}["user_account"] == 1
