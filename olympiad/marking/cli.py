"""flask import-marks: the web import of answers and marks, from the command line."""

from pathlib import Path

import click
from sqlalchemy import select

from olympiad.enrollment.spreadsheet import MAX_BYTES, SpreadsheetError
from olympiad.extensions import db
from olympiad.marking import imports
from olympiad.marking.answers import MarkingError
from olympiad.models import Olympiad, User

_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))


def _same_group(name: str, typed: str) -> bool:
    def norm(text: str) -> str:
        return "".join(text.translate(_DASHES).split()).casefold()

    return norm(name) == norm(typed)


@click.command("import-marks")
@click.argument("olympiad_id", type=int)
@click.argument("group_name")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--juror", "juror_login", help="Логин члена жюри, чьи оценки открытых заданий в файле."
)
@click.option("--reason", default="", help="Причина, если файл меняет уже введённые значения.")
def import_marks(
    olympiad_id: int, group_name: str, file: Path, juror_login: str | None, reason: str
) -> None:
    """Enter the answers and marks of an XLSX file for one grade group: all cells, or none."""
    olympiad = db.session.get(Olympiad, olympiad_id)
    if olympiad is None:
        raise click.ClickException(f"Олимпиады с ID {olympiad_id} нет.")
    group = next((g for g in olympiad.groups if _same_group(g.name, group_name)), None)
    if group is None:
        names = ", ".join(g.name for g in olympiad.groups)
        raise click.ClickException(f"Группы «{group_name}» нет. Группы олимпиады: {names}.")
    juror = None
    if juror_login:
        juror = db.session.scalar(select(User).where(User.login == juror_login))
        if juror is None:
            raise click.ClickException(f"Учётной записи «{juror_login}» нет.")
    with file.open("rb") as handle:
        content = handle.read(MAX_BYTES + 1)
    try:
        count = imports.save_import(None, olympiad, group, file.name, content, juror, reason)
    except imports.ImportRefused as refusal:
        db.session.rollback()
        for error in refusal.preview.errors:
            click.echo(error, err=True)
        for row in refusal.preview.rows:
            for error in row.errors:
                click.echo(f"Строка {row.line_no}: {error}", err=True)
        raise click.ClickException(str(refusal)) from None
    except (SpreadsheetError, MarkingError) as error:
        db.session.rollback()
        raise click.ClickException(f"{error} Ничего не сохранено.") from None
    db.session.commit()
    click.echo(f"Сохранено значений: {count}.")


def init_app(app) -> None:
    app.cli.add_command(import_marks)
