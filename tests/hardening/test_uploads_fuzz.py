"""Every upload endpoint, found from the pages' forms (not from a hand list), takes a corpus
of hostile files and Hypothesis-made bytes: the answer is a page or a redirect with a
Russian message, never a 5xx, and a refused file changes nothing in the database."""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from wtforms.fields.core import UnboundField

from olympiad.extensions import db
from olympiad.models import OlympiadStatus
from olympiad.pdf.certificates import Kind
from tests.hardening.uploads_corpus import corpus
from tests.marking.conftest import make_olympiad, make_participant, scene  # noqa: F401

CYRILLIC = re.compile(r"[А-Яа-яЁё]{3,}")
MESSAGE_CLASSES = ("alert", "invalid-feedback", "text-danger", "form-text text-danger")


@dataclass
class Form:
    action: str
    enctype: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # name -> accept
    actions: list[str] = field(default_factory=list)  # formaction of the submit buttons
    names: set[str] = field(default_factory=set)  # every named control, sent or not


class _Page(HTMLParser):
    """The page's forms with their fields as the browser would send them, and the text of
    its messages (alerts, field errors)."""

    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url, self.forms, self.messages = url, [], []
        self._select: str | None = None
        self._textarea: str | None = None
        self._depth = 0  # inside a message element

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if self._depth or any(c in a.get("class", "") for c in MESSAGE_CLASSES):
            self._depth += tag not in ("br", "input", "img", "hr")
        form = self.forms[-1] if self.forms else None
        if tag == "form":
            self.forms.append(Form(a.get("action") or self.url, a.get("enctype", "")))
        elif form is None or "name" not in a and tag != "button":
            return
        elif tag == "input":
            form.names.add(a["name"])
            kind = a.get("type", "text")
            if kind == "file":
                form.files[a["name"]] = a.get("accept", "")
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields.setdefault(a["name"], a.get("value", "y"))
            elif kind not in ("submit", "button", "reset", "image"):
                form.fields[a["name"]] = a.get("value", "")
        elif tag == "button" and a.get("formaction"):
            form.actions.append(a["formaction"])
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select:
            if "selected" in a or self._select not in form.fields:
                form.fields[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            form.fields[a["name"]] = ""

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1].fields[self._textarea] += data
        if self._depth and data.strip():
            self.messages.append(data.strip())


def read_page(url: str, html: str) -> _Page:
    page = _Page(url)
    page.feed(html)
    return page


def _fields(cls, kind=object) -> set[str]:
    return {
        name
        for name in dir(cls)
        if isinstance(getattr(cls, name, None), UnboundField)
        and issubclass(getattr(cls, name).field_class, kind)
    }


def upload_form_classes() -> dict[str, tuple[set[str], set[str]]]:
    """Every form class of the app with a file field: name -> (its file fields, all fields)."""
    found, todo = {}, list(FlaskForm.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if not cls.__module__.startswith("olympiad."):
            continue
        files = _fields(cls, FileField)
        if files:
            found[f"{cls.__module__}.{cls.__name__}"] = (files, _fields(cls))
    return found


def allowed_extensions(form_class_name: str) -> dict[str, list[str]]:
    module, _, name = form_class_name.rpartition(".")
    cls = getattr(__import__(module, fromlist=[name]), name)
    allowed = {}
    for field_name in dir(cls):
        unbound = getattr(cls, field_name, None)
        if isinstance(unbound, UnboundField) and issubclass(unbound.field_class, FileField):
            for validator in unbound.kwargs.get("validators", []):
                if isinstance(validator, FileAllowed):
                    allowed[field_name] = list(validator.upload_set)
    return allowed


@dataclass
class Endpoint:
    page: str  # where the form is
    form: Form
    form_class: str


def discover(app, client, values: dict[str, list]) -> list[Endpoint]:
    """GET every POST route of the URL map with each combination of known ids, and keep the
    forms that carry a file input."""
    classes = upload_form_classes()
    endpoints: dict[tuple, Endpoint] = {}
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or "GET" not in rule.methods:
            continue
        if not set(rule.arguments) <= set(values):
            continue
        names = sorted(rule.arguments)
        for combo in itertools.product(*(values[n] for n in names)):
            url = rule.build(dict(zip(names, combo, strict=True)), append_unknown=False)[1]
            response = client.get(url)
            if response.status_code != 200 or 'type="file"' not in response.text:
                continue
            for form in read_page(url, response.text).forms:
                if not form.files:
                    continue
                controls = form.names | set(form.fields) | set(form.files)
                area = f"olympiad.{rule.endpoint.split('.')[0]}."
                owner = max(  # the closest fields; on a tie, the form of the route's own area
                    (n for n, (files, _) in classes.items() if files == set(form.files)),
                    key=lambda n: (
                        len(classes[n][1] & controls) - len(classes[n][1] ^ controls),
                        n.startswith(area),
                    ),
                    default="",
                )
                key = (rule.endpoint, owner)
                endpoints.setdefault(key, Endpoint(url, form, owner))
            if any(k[0] == rule.endpoint for k in endpoints):
                break
    reached = {e.form_class for e in endpoints.values()}
    assert set(classes) <= reached, f"upload forms never reached: {set(classes) - reached}"
    return list(endpoints.values())


def snapshot() -> dict[str, str]:
    """A digest of every table's rows."""
    db.session.remove()
    digests = {}
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            keys = list(table.primary_key.columns) or list(table.columns)
            rows = conn.execute(select(table).order_by(*keys)).all()
            digests[table.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return digests


def multipart(fields: dict[str, str], files: dict[str, tuple[bytes, str]]) -> tuple[bytes, str]:
    """The body of a form post, built here: Werkzeug's test client spools a body over
    500 KB to a temporary file it never closes (a ResourceWarning, an error under pytest)."""
    boundary = "----fuzz" + hashlib.sha256(os.urandom(8)).hexdigest()[:24]
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value.encode()
            + b"\r\n"
        )
    for name, (content, filename) in files.items():
        quoted = filename.replace('"', "%22")
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{quoted}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def world(app, client, login, scene, make_olympiad):  # noqa: F811
    """The marking scene, an olympiad open for registration, and the organizer logged in."""
    registration = make_olympiad(status=OlympiadStatus.REGISTRATION_OPEN, academic_year="2021-2022")
    login(scene.organizer)
    values = {
        "olympiad_id": [scene.olympiad.id, registration.id],
        "group_id": [scene.junior.id],
        "task_id": [scene.paper.items[0].task_version.task_id],
        "kind": [Kind.WINNER.value],
    }
    return discover(app, client, values)


class Checker:
    def __init__(self, client):
        self.client = client
        self.before = snapshot()

    def post(self, endpoint: Endpoint, name: str, content: bytes) -> None:
        allowed = allowed_extensions(endpoint.form_class)
        for target in [endpoint.form.action, *endpoint.form.actions]:
            files = {}
            for field_name in endpoint.form.files:
                filename = name
                extensions = allowed.get(field_name)
                if extensions and name.rpartition(".")[2] not in extensions:
                    filename = f"{name}.{extensions[0]}"
                files[field_name] = (content, filename)
            body, content_type = multipart(endpoint.form.fields, files)
            response = self.client.post(target, data=body, content_type=content_type)
            self.judge(f"{target} ← {name}", response)
            if response.status_code == 200:  # a preview: send its confirmation as well
                for form in read_page(target, response.text).forms:
                    if "payload" in form.fields:
                        again = self.client.post(form.action, data=form.fields)
                        self.judge(f"{form.action} (save) ← {name}", again)

    def judge(self, what: str, response) -> None:
        assert response.status_code < 500, f"{what}: {response.status_code}"
        messages = []
        if response.status_code in (301, 302, 303):
            follow = self.client.get(response.location)
            assert follow.status_code < 500, f"{what}: {follow.status_code} after redirect"
            page = read_page(response.location, follow.text)
            messages = page.messages
            success = "alert-success" in follow.text
        else:
            page = read_page("", response.text)
            messages = page.messages if response.status_code == 200 else [response.text]
            success = False
        assert any(CYRILLIC.search(m) for m in messages), f"{what}: no Russian message"
        after = snapshot()
        changed = [name for name in after if after[name] != self.before[name]]
        if changed:
            assert success, f"{what}: refused, yet changed {changed}"
            self.before = after


def test_every_upload_endpoint_survives_the_corpus(world, client):
    assert len(world) >= 6, [e.page for e in world]
    checker = Checker(client)
    for name, content in corpus():
        for endpoint in world:
            checker.post(endpoint, name, content)


MAGIC = [b"", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"\xef\xbb\xbf", b"{", b"["]
NAMES = ["x.csv", "x.xlsx", "x.docx", "x.txt", "x.png", "x.jpg", "x.json"]


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(
    magic=st.sampled_from(MAGIC),
    body=st.one_of(
        st.binary(max_size=4096),
        st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(st.text(max_size=40), max_size=20).map(lambda r: ";".join(r).encode()),
    ),
    name=st.sampled_from(NAMES),
)
def test_every_upload_endpoint_survives_random_bytes(world, client, magic, body, name):
    checker = Checker(client)
    for endpoint in world:
        checker.post(endpoint, name, magic + body)
