"""One file with all data: a ZIP of JSON Lines, one member per table, and a manifest.

The format knows nothing of the models: it walks `db.metadata.sorted_tables` (parents before
children), so a new table is saved and restored without a line here. Values are written in
a portable form (timestamps in ISO 8601 with their offset, dates in ISO, bytes in base64,
JSON as is), so a backup of the SQLite laptop loads into PostgreSQL and back.

Restoring is all or nothing: the file is checked whole (manifest, format, checksums) before
the database is touched, the rows go in in one transaction, and a database with data is
refused.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import io
import json
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version
from typing import IO

from flask_babel import gettext as _
from sqlalchemy import Column, Connection, Engine, MetaData, Table, func, inspect, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.types import TypeDecorator

from olympiad.operations.restore_check import refusal, unstorable_values

FORMAT = "olympiad-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 500  # rows per INSERT


class BackupError(ValueError):
    """A file that cannot be restored, or a database it cannot go into; the message says why."""


@dataclass(frozen=True)
class Written:
    tables: int
    rows: int


def app_version() -> str:
    try:
        return version("olympiad")
    except PackageNotFoundError:  # pragma: no cover - running from a checkout
        return "unknown"


def _member(table: Table) -> str:
    return f"tables/{table.name}.jsonl"


def _python_type(column: Column) -> type | None:
    kind = column.type
    if isinstance(kind, TypeDecorator):  # UTCDateTime: the stored type decides
        kind = kind.impl_instance
    try:
        return kind.python_type
    except NotImplementedError:
        return None


def encode(value):
    """A column value as JSON can carry it."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):  # in UTC, so the same moment reads the same everywhere
        return (value.astimezone(UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def decode(column: Column, value):
    """The inverse of `encode`, led by the column's type."""
    if value is None:
        return None
    kind = _python_type(column)
    if kind is None or kind in (dict, list):
        return value
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    if kind is datetime:
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if kind is date:
        return date.fromisoformat(value)
    if kind is bytes:
        return base64.b64decode(value, validate=True)
    if kind is Decimal:
        return Decimal(str(value))
    return value


def _rows(conn: Connection, table: Table) -> Iterator[dict]:
    order = list(table.primary_key.columns) or list(table.columns)
    for row in conn.execute(select(table).order_by(*order)):
        yield {key: encode(value) for key, value in row._mapping.items()}


def write_backup(engine: Engine, metadata: MetaData, out: IO[bytes]) -> Written:
    """Write every table of `metadata` into `out` (a binary file) as one consistent snapshot."""
    tables, total = [], 0
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    with (
        engine.connect().execution_options(**options) as conn,
        conn.begin(),
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for table in metadata.sorted_tables:
            digest, count = hashlib.sha256(), 0
            with archive.open(_member(table), "w") as member:
                for row in _rows(conn, table):
                    line = json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"
                    data = line.encode("utf-8")
                    digest.update(data)
                    member.write(data)
                    count += 1
            tables.append({"name": table.name, "rows": count, "sha256": digest.hexdigest()})
            total += count
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": app_version(),
            "created_at": datetime.now(UTC).isoformat(),
            "database": engine.dialect.name,
            "tables": tables,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return Written(len(tables), total)


def read_manifest(archive: zipfile.ZipFile) -> dict:
    """The manifest of a file that is ours and not newer than this program; checksums checked."""
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError(_("Это не резервная копия олимпиады: в архиве нет описания.")) from None
    except (ValueError, zipfile.BadZipFile, zlib.error, OSError, EOFError):
        raise BackupError(_("Описание резервной копии повреждено.")) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("Это не резервная копия олимпиады (чужой формат файла)."))
    file_version = manifest.get("format_version")
    if not isinstance(file_version, int) or isinstance(file_version, bool):
        raise BackupError(_("Описание резервной копии повреждено."))
    if file_version > FORMAT_VERSION:
        raise BackupError(
            _(
                "Копия сделана более новой версией программы (формат %(file)s, эта программа "
                "читает до %(ours)s). Обновите программу и повторите.",
                file=file_version,
                ours=FORMAT_VERSION,
            )
        )
    tables = manifest.get("tables")
    if not isinstance(tables, list) or not all(
        isinstance(t, dict) and {"name", "rows", "sha256"} <= t.keys() for t in tables
    ):
        raise BackupError(_("Описание резервной копии повреждено."))
    for entry in tables:
        _check_member(archive, entry)
    return manifest


def _check_member(archive: zipfile.ZipFile, entry: dict) -> None:
    digest = hashlib.sha256()
    try:
        with archive.open(f"tables/{entry['name']}.jsonl") as member:
            for block in iter(lambda: member.read(1 << 16), b""):
                digest.update(block)
    except KeyError:
        raise BackupError(
            _("В резервной копии нет таблицы «%(name)s»: файл неполный.", name=entry["name"])
        ) from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
        raise BackupError(_("Резервная копия повреждена (архив не читается).")) from None
    if digest.hexdigest() != entry["sha256"]:
        raise BackupError(
            _(
                "Резервная копия повреждена: контрольная сумма таблицы «%(name)s» не совпадает.",
                name=entry["name"],
            )
        )


def open_backup(source: IO[bytes]) -> tuple[zipfile.ZipFile, dict]:
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise BackupError(
            _("Файл не читается как резервная копия: он обрезан или это не ZIP-архив.")
        ) from None
    return archive, read_manifest(archive)


def _ensure_empty(conn: Connection, metadata: MetaData) -> None:
    present = set(inspect(conn).get_table_names())
    missing = [t.name for t in metadata.sorted_tables if t.name not in present]
    if missing:
        raise BackupError(
            _("В базе нет таблиц. Сначала выполните: flask --app olympiad db upgrade")
        )
    for table in metadata.sorted_tables:
        if conn.execute(select(func.count()).select_from(table)).scalar():
            raise BackupError(
                _(
                    "База данных не пуста (таблица «%(name)s»). Восстанавливать можно "
                    "только в пустую базу.",
                    name=table.name,
                )
            )


def _load_table(conn: Connection, archive: zipfile.ZipFile, table: Table, expected: int) -> int:
    known = {column.name: column for column in table.columns}
    batch, count = [], 0
    with archive.open(_member(table)) as member:
        for number, line in enumerate(io.TextIOWrapper(member, encoding="utf-8"), start=1):
            try:
                row = json.loads(line)
                values = {name: decode(known[name], value) for name, value in row.items()}
            except KeyError as unknown:
                raise BackupError(
                    _(
                        "В таблице «%(name)s» есть столбец %(column)s, которого эта версия "
                        "программы не знает. Обновите программу и повторите.",
                        name=table.name,
                        column=unknown,
                    )
                ) from None
            except (ValueError, TypeError, AttributeError):
                raise BackupError(
                    _("Строка %(n)s таблицы «%(name)s» не читается.", n=number, name=table.name)
                ) from None
            batch.append(values)
            count += 1
            if len(batch) >= CHUNK:
                conn.execute(table.insert(), batch)
                batch = []
    if batch:
        conn.execute(table.insert(), batch)
    if count != expected:
        raise BackupError(_("Резервная копия повреждена: число строк не совпадает."))
    return count


def _reset_sequences(conn: Connection, metadata: MetaData) -> None:
    """PostgreSQL hands out ids from sequences; after explicit ids they must move past them."""
    for table in metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or _python_type(keys[0]) is not int:
            continue
        key = keys[0]
        sequence = func.pg_get_serial_sequence(table.name, key.name)
        top = func.max(key)
        conn.execute(select(func.setval(sequence, func.coalesce(top, 1), top.is_not(None))))


def restore_backup(engine: Engine, metadata: MetaData, source: IO[bytes]) -> Written:
    """Load a backup into an empty database in one transaction; refuse anything doubtful."""
    archive, manifest = open_backup(source)
    listed = {entry["name"]: entry["rows"] for entry in manifest["tables"]}
    unknown = sorted(set(listed) - set(metadata.tables))
    if unknown:
        raise BackupError(
            _(
                "В копии есть таблицы, которых эта версия программы не знает (%(names)s). "
                "Обновите программу и повторите.",
                names=", ".join(unknown),
            )
        )
    left_out = sorted(set(metadata.tables) - set(listed))
    if left_out:
        raise BackupError(
            _(
                "Резервная копия неполная: в ней нет таблиц %(names)s. Восстанавливается "
                "только полная копия; база не изменена.",
                names=", ".join(f"«{name}»" for name in left_out),
            )
        )
    problems = unstorable_values(archive, metadata, listed, engine.dialect.name, _member)
    if problems:
        raise BackupError(refusal(problems))
    total = 0
    with archive, engine.begin() as conn:
        _ensure_empty(conn, metadata)
        for table in metadata.sorted_tables:
            try:
                total += _load_table(conn, archive, table, listed[table.name])
            except SQLAlchemyError as error:
                reason = error.orig if isinstance(error, DBAPIError) else error
                raise BackupError(
                    _(
                        "Таблица «%(name)s» не загружается: %(error)s",
                        name=table.name,
                        error=(str(reason).splitlines() or [""])[0],
                    )
                ) from None
        if conn.dialect.name == "postgresql":
            _reset_sequences(conn, metadata)
    return Written(len(listed), total)
