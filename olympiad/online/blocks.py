"""The work page's task forms, rendered once per task content, place and locale in each
process and then only copied: 300 participants starting at the same second get the same
empty forms, so the page costs a lookup instead of a template render per task.

A form holds the request's CSRF token (a placeholder in the stored copy, put in on every
page) and what the participant has given; a form with an answer in it is rendered afresh
and never stored. The key is the task's content itself (its text, key, points, image type),
not an id: a task version edited in place before the olympiad is held makes a new key, so
a stale form is never shown, and every gunicorn worker holds its own small copy.
"""

from __future__ import annotations

import json
import secrets
from collections import OrderedDict
from threading import Lock

from flask import render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from olympiad.models import PaperTask
from olympiad.online import screen

LIMIT = 512  # forms kept per process (a paper has about 10-20 tasks, a locale or two)
_TOKEN = "csrf-placeholder-" + secrets.token_hex(16)  # nobody can type it into a task
_forms: OrderedDict[tuple, str] = OrderedDict()
_lock = Lock()
_labels: dict[tuple[str, int], tuple[str, str]] = {}


def _key(item: PaperTask, one: bool, last: bool, locale: str) -> tuple:
    version = item.task_version
    content = json.dumps(version.key, sort_keys=True, ensure_ascii=False)
    kind = getattr(version.type, "value", version.type)
    return (item.position, version.id, kind, version.text, content, version.max_points,
            version.image_type, one, last, locale)  # fmt: skip


def _render(item: PaperTask, given: screen.Given, one: bool, last: bool) -> str:
    return render_template(
        "online/_task_block.html",
        view=screen.task_view(item),
        given=given,
        one=one,
        last=last,
        csrf_token=lambda: _TOKEN,
    )


def task_forms(
    items: list[PaperTask], given: dict[int, screen.Given], shown: list[PaperTask], one: bool
) -> dict[int, Markup]:
    """PaperTask id -> its form on the work page, for the `shown` items."""
    token = str(escape(generate_csrf()))
    locale = str(get_locale())
    result = {}
    for item in shown:
        last = item.position == items[-1].position
        answer = given.get(item.id)
        if answer is not None:
            html = _render(item, answer, one, last)
        else:
            key = _key(item, one, last, locale)
            with _lock:
                html = _forms.get(key)
                if html is not None:
                    _forms.move_to_end(key)
            if html is None:
                html = _render(item, screen.Given(), one, last)
                with _lock:
                    _forms[key] = html
                    while len(_forms) > LIMIT:
                        _forms.popitem(last=False)
        result[item.id] = Markup(html.replace(_TOKEN, token))  # noqa: S704  (rendered escaped)
    return result


def task_labels(n: int) -> tuple[str, str]:
    """The task bar's two labels of task `n` ("has an answer", "no answer"), translated once
    per locale and number: the bar shows them for every task on every page."""
    key = (str(get_locale()), n)
    labels = _labels.get(key)
    if labels is None:
        labels = _labels[key] = (
            _("Задание %(n)s: есть ответ", n=n),
            _("Задание %(n)s: нет ответа", n=n),
        )
    return labels


def clear() -> None:
    with _lock:
        _forms.clear()
    _labels.clear()
