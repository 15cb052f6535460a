"""Every text field of every form the crawl met, as the role that was shown it: text no
database or document can take is refused with a message naming the field and changes
nothing; any other hostile text (markup, other scripts, huge values, many lines) gets an
answer, never a 5xx."""

from contextlib import contextmanager

from sqlalchemy import event
from werkzeug.datastructures import MultiDict

from olympiad.extensions import db
from tests.hardening.hostile import ACCEPTED_SAMPLES, FORBIDDEN

HUGE = "Щ" * 100_000


def _refusal_shown(body: str) -> bool:
    """The field's own message, or the page's refusal (e.g. «marking is over») shown first."""
    return "недопустимый невидимый символ" in body or "alert-danger" in body


def _post(client, form, field: str, value: str):
    data = MultiDict([(k, v) for k, v in form.values if k != field])
    data.add(field, value)
    response = client.post(form.action, data=data)
    body = response.get_data(as_text=True)
    response.close()
    return response.status_code, body


@contextmanager
def committed_writes():
    """Counts the transactions that wrote and committed while inside (a refused form must
    leave none); much cheaper than comparing the whole database after every request."""
    pending: set[int] = set()
    committed: list[str] = []

    def on_execute(conn, _cursor, statement, *_args):
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            pending.add(id(conn))

    def on_commit(conn):
        if id(conn) in pending:
            committed.append("commit")
        pending.discard(id(conn))

    def on_rollback(conn):
        pending.discard(id(conn))

    listeners = [
        ("before_cursor_execute", on_execute),
        ("commit", on_commit),
        ("rollback", on_rollback),
    ]
    for name, fn in listeners:
        event.listen(db.engine, name, fn)
    try:
        yield committed
    finally:
        for name, fn in listeners:
            event.remove(db.engine, name, fn)


def test_forms_were_found(crawled):
    endpoints = {form.endpoint for form in crawled.forms.values()}
    # the forms where people type the most are among them
    assert {"schools.edit", "accounts.edit", "plan.edit", "auth.login"} <= endpoints


def test_forbidden_text_is_refused_and_changes_nothing(crawled, clients):
    failures = []
    for n, form in enumerate(crawled.forms.values()):
        for field in form.text_fields:
            value = "Текст" + FORBIDDEN[n % len(FORBIDDEN)] + "ещё"
            with committed_writes() as writes:
                status, body = _post(clients[form.role], form, field, value)
            where = f"{form.endpoint} {field!r} as {form.role}"
            if status >= 500:
                failures.append(f"{where}: {status}")
            elif writes:
                failures.append(f"{where}: the database changed")
            elif status == 200 and field in form.visible and not _refusal_shown(body):
                failures.append(f"{where}: no message")
    assert failures == []


def test_a_visible_field_says_which_field_and_why(crawled, clients):
    form = next(f for f in crawled.forms.values() if f.endpoint == "schools.edit")
    status, body = _post(clients[form.role], form, "short_name", "Школа\u202e")
    assert status == 200
    assert "Поле «Краткое название» содержит недопустимый невидимый символ" in body
    assert "U+202E" in body
    with committed_writes() as writes:  # the probe does see a save
        status, body = _post(clients[form.role], form, "short_name", "Школа «Өлзий» <b>")
    assert status == 302 and writes


def test_hostile_but_accepted_text_never_breaks_a_form(crawled, clients):
    samples = [*ACCEPTED_SAMPLES, HUGE, "Ἀλέξανδρος 王小明 שלום"]
    failures = []
    for n, form in enumerate(crawled.forms.values()):
        for k, field in enumerate(form.text_fields):
            value = samples[(n + k) % len(samples)]
            status, _body = _post(clients[form.role], form, field, value)
            if status >= 500:
                failures.append(f"{form.endpoint} {field!r} as {form.role}: {status}")
    assert failures == []


def test_after_the_fuzz_every_download_still_opens(demo_app, crawled, clients):
    from tests.hardening.crawl import Crawl, crawl

    again = Crawl()
    for role, url, _kind in crawled.downloads:
        crawl(demo_app, clients[role], role, again, start=[url])
    assert again.failures == []
