"""flask results export: the machine-readable results, the same files as the download."""

from pathlib import Path

import click

from olympiad.extensions import db
from olympiad.models import Olympiad
from olympiad.results.records import records, to_csv, to_json
from olympiad.results.states import has_results
from olympiad.results.tables import rating_tables


@click.group("results")
def results() -> None:
    """Results of an olympiad."""


@results.command("export")
@click.argument("olympiad_id", type=int)
@click.option(
    "--format", "file_format", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Файл для записи; без него — в стандартный вывод.",
)
def export(olympiad_id: int, file_format: str, output: Path | None) -> None:
    """One record per enrolled participant: place, status, total and points per task."""
    olympiad = db.session.get(Olympiad, olympiad_id)
    if olympiad is None:
        raise click.ClickException(f"Олимпиады с ID {olympiad_id} нет.")
    if not has_results(olympiad):
        raise click.ClickException(
            "Результатов ещё нет: выгрузка возможна после закрытия проверки "
            "(предварительные или итоговые результаты)."
        )
    rows = records(olympiad, rating_tables(olympiad))
    data = to_csv(rows) if file_format == "csv" else to_json(olympiad, rows)
    if output is None:
        click.echo(data, nl=False)  # bytes go to the binary stdout as they are
        return
    output.write_bytes(data)
    click.echo(f"Записей: {len(rows)}. Файл: {output}")


def init_app(app) -> None:
    app.cli.add_command(results)
