"""Olympiad: the municipal stage of the school olympiad on information culture."""

from flask import Flask

from olympiad import config


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        static_folder="../static",
        template_folder="../templates",
    )
    config.load(app, test_config)
    register_proxy(app)
    register_converters(app)
    register_extensions(app)
    register_blueprints(app)
    register_security(app)
    register_errors(app)
    register_cli(app)
    register_template_helpers(app)
    return app


def register_proxy(app: Flask) -> None:
    """Behind PROXY_HOPS trusted proxies (nginx: 1), the client's address and scheme are the
    ones they pass on; with 0 the X-Forwarded-* headers are ignored."""
    hops = app.config["PROXY_HOPS"]
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def register_converters(app: Flask) -> None:
    from werkzeug.routing import IntegerConverter

    class IdConverter(IntegerConverter):
        """<int:...> in a URL is a row id: beyond a 32-bit integer it is no page (404), not a
        database error on PostgreSQL."""

        def __init__(self, url_map, *args, **kwargs):
            kwargs.setdefault("max", 2**31 - 1)
            super().__init__(url_map, *args, **kwargs)

    app.url_map.converters["int"] = IdConverter


def register_extensions(app: Flask) -> None:
    from olympiad import database  # noqa: F401  (SQLite pragmas on every connection)
    from olympiad.extensions import babel, csrf, db, limiter, login_manager, migrate
    from olympiad.i18n import select_locale

    db.init_app(app)
    # batch mode lets Alembic alter SQLite tables by copying them
    migrate.init_app(app, db, directory=f"{app.root_path}/migrations", render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)


def register_blueprints(app: Flask) -> None:
    from olympiad import (
        accounts,
        analysis,
        appeals,
        auth,
        certificates,
        dashboard,
        enrollment,
        i18n,
        mail,
        marking,
        olympiads,
        online,
        participant,
        plan,
        results,
        schools,
        tasks,
    )

    areas = (
        auth,
        dashboard,
        accounts,
        schools,
        plan,
        olympiads,
        enrollment,
        tasks,
        marking,
        online,
        results,
        analysis,
        appeals,
        certificates,
        participant,
        mail,
        i18n,
    )
    for area in areas:
        app.register_blueprint(area.bp)
    app.register_blueprint(certificates.verify_bp)  # /v/<code>: the short address in QR codes
    from olympiad.operations import api, health, views

    for blueprint in (views.bp, api.bp, health.bp):  # the installation: backup, API, /health
        app.register_blueprint(blueprint)


def register_security(app: Flask) -> None:
    from olympiad import permissions, sessions

    sessions.init_app(app)
    permissions.init_app(app)


def register_errors(app: Flask) -> None:
    from olympiad import errors

    errors.init_app(app)


def register_cli(app: Flask) -> None:
    from olympiad import cli

    cli.init_app(app)


def register_template_helpers(app: Flask) -> None:
    from olympiad import templating

    templating.init_app(app)
