"""flask commands. They call the same services as the views."""

import click
from flask import Flask
from sqlalchemy import select

from olympiad.auth.passwords import hash_password
from olympiad.extensions import db
from olympiad.models import Role, User


@click.command("create-organizer")
@click.option("--login", prompt="Логин")
@click.option("--full-name", prompt="ФИО")
@click.password_option("--password", prompt="Пароль", confirmation_prompt="Повторите пароль")
def create_organizer(login: str, full_name: str, password: str) -> None:
    """Create an organizer account (the first account of a new installation)."""
    if len(password) < 10:
        raise click.ClickException("Пароль должен быть не короче 10 символов.")
    if db.session.scalar(select(User.id).where(User.login == login)):
        raise click.ClickException(f"Логин «{login}» уже занят.")
    db.session.add(
        User(
            login=login,
            full_name=full_name,
            role=Role.ORGANIZER,
            password_hash=hash_password(password),
        )
    )
    db.session.commit()
    click.echo(f"Организатор «{login}» создан.")


@click.command("demo")
@click.option("--reset", is_flag=True, help="Erase all data first.")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) if there is data.")
def demo_command(reset: bool, if_empty: bool) -> None:
    """Fill the database with a realistic demo district and print the logins."""
    from olympiad import demo

    if not demo.database_is_empty():
        if if_empty:
            click.echo("В базе уже есть данные: демо не загружается.")
            demo.print_logins(click.echo)
            return
        if not reset:
            raise click.ClickException(
                "В базе уже есть данные. Чтобы стереть их и загрузить демо, добавьте --reset."
            )
        demo.erase_all()
    demo.load()
    db.session.commit()
    click.echo("Демо-данные загружены.")
    demo.print_logins(click.echo)


def init_app(app: Flask) -> None:
    app.cli.add_command(create_organizer)
    app.cli.add_command(demo_command)
    from olympiad.mail.cli import mail_group, send_mail

    app.cli.add_command(send_mail)
    app.cli.add_command(mail_group)
    from olympiad.enrollment import cli as enrollment_cli

    enrollment_cli.init_app(app)
    from olympiad.marking import cli as marking_cli

    marking_cli.init_app(app)
    from olympiad.results import cli as results_cli

    results_cli.init_app(app)
    from olympiad.operations import cli as operations_cli

    operations_cli.init_app(app)
