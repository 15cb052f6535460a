"""Before a restore touches the database: every value of the backup can be stored there.

SQLite keeps whatever it is given; PostgreSQL refuses NUL in text and JSON and enforces the
length of VARCHAR columns, and neither stores half of a surrogate pair. A laptop's backup
holding such a value would otherwise fail half-way through the move with a driver error
naming neither the table nor the row. The text guard (`olympiad.text`) keeps such values
out of new data; this check names the ones already stored.
"""

from __future__ import annotations

import io
import json
import zipfile

from flask_babel import gettext as _
from sqlalchemy import MetaData, Table

MAX_SHOWN = 10  # problems listed in the message


def _string_problem(value: str, dialect: str) -> str | None:
    if dialect == "postgresql" and "\x00" in value:
        return _("символ NUL (U+0000), которого PostgreSQL не хранит")
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        return _("неполный символ Юникода (половина суррогатной пары)")
    return None


def _problem(value, length: int | None, dialect: str) -> str | None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if problem := _string_problem(item, dialect):
                return problem
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    if isinstance(value, str) and length and dialect != "sqlite" and len(value) > length:
        return _("%(n)s знаков, а столбец вмещает %(max)s", n=len(value), max=length)
    return None


def _row_name(row: dict, table: Table, number: int) -> str:
    keys = [column.name for column in table.primary_key.columns if column.name in row]
    ident = ", ".join(f"{key}={row[key]}" for key in keys)
    return _("строка %(n)s (%(ident)s)", n=number, ident=ident) if ident else str(number)


def _table_problems(archive: zipfile.ZipFile, member: str, table: Table, dialect: str):
    lengths = {c.name: getattr(c.type, "length", None) for c in table.columns}
    with archive.open(member) as source:
        for number, line in enumerate(io.TextIOWrapper(source, encoding="utf-8"), start=1):
            try:
                row = json.loads(line)
            except ValueError:
                continue  # the load itself reports a line it cannot read
            if not isinstance(row, dict):
                continue
            for name, value in row.items():
                if problem := _problem(value, lengths.get(name), dialect):
                    yield _(
                        "таблица «%(table)s», %(row)s, столбец «%(column)s»: %(problem)s",
                        table=table.name,
                        row=_row_name(row, table, number),
                        column=name,
                        problem=problem,
                    )


def unstorable_values(
    archive: zipfile.ZipFile, metadata: MetaData, listed: dict, dialect: str, member_of
) -> list[str]:
    """Where the backup holds values the target database cannot take (empty: none)."""
    found: list[str] = []
    for table in metadata.sorted_tables:
        if table.name not in listed:
            continue
        for problem in _table_problems(archive, member_of(table), table, dialect):
            found.append(problem)
            if len(found) > MAX_SHOWN:
                return found
    return found


def refusal(problems: list[str]) -> str:
    shown = "; ".join(problems[:MAX_SHOWN]) + ("; …" if len(problems) > MAX_SHOWN else "")
    return _(
        "Копию нельзя загрузить в эту базу: в ней есть значения, которые база не примет "
        "(%(shown)s). Исправьте их в исходной базе и сделайте копию заново. "
        "Ничего не изменено.",
        shown=shown,
    )
