"""flask import-participants: the web import's service, from the command line."""

from pathlib import Path

import click

from olympiad.enrollment import imports
from olympiad.enrollment.services import EnrollmentError
from olympiad.enrollment.spreadsheet import MAX_BYTES, SpreadsheetError
from olympiad.extensions import db
from olympiad.models import Olympiad, School


@click.command("import-participants")
@click.argument("olympiad_id", type=int)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--school", "school_id", type=int, help="ID школы, если в файле нет столбца «Школа».")
@click.option(
    "--no-consent-columns-ok",
    is_flag=True,
    help="В файле нет столбцов согласий на публикацию: записать у всех «нет».",
)
def import_participants(
    olympiad_id: int, file: Path, school_id: int | None, no_consent_columns_ok: bool
) -> None:
    """Enroll the students of an XLSX or CSV file: all rows, or none if any row is wrong."""
    olympiad = db.session.get(Olympiad, olympiad_id)
    if olympiad is None:
        raise click.ClickException(f"Олимпиады с ID {olympiad_id} нет.")
    if school_id is not None and db.session.get(School, school_id) is None:
        raise click.ClickException(f"Школы с ID {school_id} нет.")
    with file.open("rb") as handle:
        content = handle.read(MAX_BYTES + 1)
    try:
        count = imports.save_import(
            None,
            olympiad,
            file.name,
            content,
            school_id,
            no_consent_confirmed=no_consent_columns_ok,
        )
    except imports.ImportRefused as refusal:
        db.session.rollback()
        for row in refusal.preview.rows:
            for error in row.errors:
                click.echo(f"Строка {row.line_no}: {error}", err=True)
        raise click.ClickException(str(refusal)) from None
    except (SpreadsheetError, EnrollmentError) as error:
        db.session.rollback()
        raise click.ClickException(f"{error} Ничего не сохранено.") from None
    db.session.commit()
    click.echo(f"Записано учеников: {count}.")


def init_app(app) -> None:
    app.cli.add_command(import_participants)
