"""Connection settings that make SQLite safe for several writers."""

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # SQLite's own lower() knows only ASCII; Python's knows Cyrillic, as PostgreSQL's does
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # WAL lets readers work while a juror writes; NORMAL is durable enough with WAL
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.close()


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def begin_write(session) -> None:
    """Make the session's transaction a writer now, before it reads what it will change.

    On SQLite a deferred transaction that has read cannot always become a writer later (the
    busy timeout does not help then), so a read-modify-write starts with BEGIN IMMEDIATE:
    writers queue up here, within the busy timeout. Python's sqlite3 opens a transaction only
    before the first write, so none is open unless this session already wrote (and then it
    holds the write lock already). Other databases lock rows with SELECT ... FOR UPDATE.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.driver_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
