"""One renderer for every error page, in the user's language."""

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from olympiad.extensions import db

_MESSAGES = {
    400: (
        _l("Неверный запрос"),
        _l("Запрос не удалось понять. Вернитесь назад и попробуйте ещё раз."),
    ),
    403: (_l("Доступ запрещён"), _l("У вашей учётной записи нет прав на эту страницу.")),
    404: (
        _l("Страница не найдена"),
        _l("Такой страницы нет. Проверьте адрес или вернитесь на главную."),
    ),
    405: (_l("Действие недоступно"), _l("Это действие так выполнить нельзя.")),
    413: (_l("Файл слишком большой"), _l("Загружаемый файл больше допустимого размера.")),
    429: (_l("Слишком много попыток"), _l("Подождите минуту и попробуйте снова.")),
    500: (
        _l("Ошибка на сервере"),
        _l("Что-то пошло не так. Изменения не сохранены. Попробуйте ещё раз."),
    ),
}


def render_error(code: int, detail: str | None = None):
    title, text = _MESSAGES.get(code, _MESSAGES[500])
    return render_template("errors/error.html", code=code, title=title, text=detail or text), code


def _http_error(error: HTTPException):
    if request.path.startswith("/api/"):  # the API answers in JSON, errors too
        code = error.code or 500
        return jsonify(error=str(_MESSAGES.get(code, _MESSAGES[500])[0])), code
    return render_error(error.code or 500)


def _csrf_error(error: CSRFError):
    return render_error(
        400, _("Форма устарела или отправлена не с этой страницы. Обновите страницу и повторите.")
    )


def _server_error(error):
    db.session.rollback()
    return render_error(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(500, _server_error)
