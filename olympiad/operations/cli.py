"""flask backup / restore / serve: keeping and moving the installation from the command line."""

import time
from pathlib import Path

import click
from flask import Flask, current_app

from olympiad.extensions import db
from olympiad.operations.backup import BackupError, restore_backup, write_backup


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def backup_command(file: Path) -> None:
    """Write all data into FILE (a ZIP): the same file as the download on the organizer's page."""
    started = time.perf_counter()
    partial = file.with_name(file.name + ".part")
    with partial.open("wb") as out:
        written = write_backup(db.engine, db.metadata, out)
    partial.replace(file)  # a half-written file never carries the final name
    click.echo(
        f"Резервная копия записана: {file} — таблиц {written.tables}, строк {written.rows}, "
        f"{file.stat().st_size / 1024:.0f} КБ, {time.perf_counter() - started:.1f} с."
    )


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_command(file: Path) -> None:
    """Load FILE (made by `flask backup`) into an empty database of either kind."""
    try:
        with file.open("rb") as source:
            written = restore_backup(db.engine, db.metadata, source)
    except BackupError as refusal:
        raise click.ClickException(f"{refusal} База данных не изменена.") from None
    click.echo(f"Восстановлено: таблиц {written.tables}, строк {written.rows}.")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Адрес (0.0.0.0 — для сети).")
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
def serve_command(host: str, port: int, threads: int) -> None:
    """Serve the app with waitress: the way to run it on Windows, without make or gunicorn."""
    from waitress import serve

    click.echo(f"Олимпиада работает на http://{host}:{port}/ (остановить: Ctrl+C)")
    serve(current_app._get_current_object(), host=host, port=port, threads=threads)


def init_app(app: Flask) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(serve_command)
