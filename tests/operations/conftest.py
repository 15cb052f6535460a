"""Fixtures of the operations tests: an app on a database of our own, for moving data between."""

from contextlib import contextmanager

from sqlalchemy import select

from olympiad import create_app
from olympiad.extensions import db
from olympiad.operations.backup import encode
from tests.conftest import make_config


@contextmanager
def app_on(url: str):
    """An app on `url` with the schema built, inside its app context."""
    app = create_app(make_config(url))
    with app.app_context():
        db.create_all()
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


def everything() -> dict[str, list[dict]]:
    """Every record of every table in primary-key order, in the portable form of a backup."""
    tables = {}
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns))
            tables[table.name] = [
                {key: encode(value) for key, value in row._mapping.items()} for row in rows
            ]
    return tables
