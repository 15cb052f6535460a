"""A small crawler over the app's own pages: follows every link a role is shown, reads every
download, and collects the forms it meets (for the fuzz suite)."""

from __future__ import annotations

import io
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from pypdf import PdfReader
from werkzeug.exceptions import HTTPException

SKIP = {"static", "auth.logout", "participant.logout", "i18n.set_locale"}
DOWNLOADS = {
    "application/pdf",
    "application/zip",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# not free text: the CSRF token, and the version an edit form was opened at (a number that
# olympiad.versions checks; tests/test_versions.py sweeps it; a new record's form ignores it)
NOT_TEXT = {"csrf_token", "version"}
TEXT_TYPES = {"text", "search", "email", "tel", "url", "hidden", "password", "textarea", None}


@dataclass
class FoundForm:
    role: str
    page: str
    action: str
    endpoint: str
    values: list[tuple[str, str]]  # what the page would send as it is
    text_fields: list[str]  # the fields a person (or a forged request) fills with text
    visible: list[str]  # of those, the ones shown on the page (not hidden)
    multipart: bool = False


@dataclass
class Crawl:
    visited: dict[str, set[str]] = field(default_factory=dict)  # endpoint -> roles
    failures: list[str] = field(default_factory=list)
    downloads: list[tuple[str, str, str]] = field(default_factory=list)  # role, url, type
    forms: dict[tuple, FoundForm] = field(default_factory=dict)
    seen: dict[str, set[str]] = field(default_factory=dict)  # role -> addresses requested
    count: dict[str, Counter] = field(default_factory=dict)  # role -> requests per route


def endpoint_of(app, path: str, method: str = "GET") -> str | None:
    adapter = app.url_map.bind("localhost")
    try:
        endpoint, _args = adapter.match(urlsplit(path).path, method=method)
    except HTTPException:
        return None
    return endpoint


def _same_site(base: str, href: str) -> str | None:
    url = urljoin(base, href.strip())
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "localhost"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _forms(crawl: Crawl, app, role: str, page: str, document) -> None:
    for form in document.forms:
        if (form.method or "GET").upper() != "POST":
            continue
        action = _same_site(page, form.get("action") or page)
        endpoint = action and endpoint_of(app, action, "POST")
        if not endpoint or endpoint in SKIP:
            continue
        texts, visible = [], []
        for element in form.inputs:
            kind = element.tag if element.tag == "textarea" else element.get("type")
            name = element.get("name")
            typed = element.tag in ("input", "textarea") and kind in TEXT_TYPES
            if typed and name and name not in NOT_TEXT and element.get("disabled") is None:
                texts.append(name)
                if kind != "hidden":
                    visible.append(name)
        key = (role, endpoint, tuple(sorted(texts)))
        if texts and key not in crawl.forms:
            crawl.forms[key] = FoundForm(
                role,
                page,
                action,
                endpoint,
                list(form.form_values()),
                texts,
                visible,
                "multipart" in (form.get("enctype") or ""),
            )


def _check_download(kind: str, body: bytes) -> None:
    if kind == "application/pdf":
        reader = PdfReader(io.BytesIO(body))
        assert len(reader.pages) >= 1
        reader.pages[0].extract_text()


def crawl(app, client, role: str, result: Crawl, per_endpoint: int = 1, start=("/",)) -> None:
    """GET every page and download reachable by links from `start`, at most `per_endpoint`
    addresses of each route; record anything answered with a 5xx."""
    seen = result.seen.setdefault(role, set())
    count = result.count.setdefault(role, Counter())
    queue = deque(start)
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        endpoint = endpoint_of(app, url)
        if endpoint is None or endpoint in SKIP or count[endpoint] >= per_endpoint:
            continue
        count[endpoint] += 1
        response = client.get(url)
        body = response.get_data()
        response.close()
        result.visited.setdefault(endpoint, set()).add(role)
        if response.status_code >= 500:
            result.failures.append(f"GET {url} as {role}: {response.status_code}")
            continue
        if response.status_code in (301, 302, 303) and response.location:
            target = _same_site(url, response.location)
            if target:
                queue.append(target)
            continue
        kind = response.mimetype
        if kind in DOWNLOADS:
            result.downloads.append((role, url, kind))
            try:
                _check_download(kind, body)
            except Exception as error:  # a broken file is as bad as a 500
                result.failures.append(f"GET {url} as {role}: unreadable {kind}: {error!r}")
            continue
        if kind != "text/html" or not body.strip():
            continue
        document = lxml.html.fromstring(body)
        for href in document.xpath("//a/@href"):
            target = _same_site(url, href)
            if target and not target.startswith("/static/"):
                queue.append(target.split("#")[0])
        _forms(result, app, role, url, document)


def _first(model, column=None) -> list:
    from sqlalchemy import select

    from olympiad.extensions import db

    column = column if column is not None else model.id
    value = db.session.scalar(select(column).order_by(model.id).limit(1))
    return [value] if value is not None else [1]


def argument_values() -> dict[str, list]:
    """Real values from the demo for each kind of route argument."""
    from olympiad import models as m

    return {
        "certificate_id": _first(m.Certificate),
        "cipher": _first(m.Participant, m.Participant.cipher),
        "code": _first(m.Certificate, m.Certificate.code),
        "direction": ["up", "down"],
        "direction_id": _first(m.PlanDirection),
        "fmt": ["pdf", "xlsx", "csv", "zip", "docx"],
        "grade": [9],
        "group_id": _first(m.GradeGroup),
        "item_id": _first(m.PaperTask),
        "kind": ["winner", "participant", "mentor"],
        "meeting_id": _first(m.PlanMeeting),
        "member_id": _first(m.JuryMember),
        "n": [1],
        "number": [1],
        "olympiad_id": _first(m.Olympiad),
        "paper_task_id": _first(m.PaperTask),
        "part_id": _first(m.PlanMeeting),
        "participant_id": _first(m.Participant),
        "plan_id": _first(m.Plan),
        "room_id": _first(m.Room),
        "school_id": _first(m.School),
        "sitting_id": _first(m.OnlineSitting),
        "target": ["meeting"],
        "task_id": _first(m.Task),
        "unit": ["9", "7", "9-11"],
        "user_id": _first(m.User),
        "version_id": _first(m.TaskVersion),
    }


def route_urls(app, endpoints: set[str]) -> list[str]:
    """Addresses of these GET routes built from real values (every combination)."""
    from itertools import product

    values = argument_values()
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in endpoints or "GET" not in (rule.methods or ()):
            continue
        names = sorted(rule.arguments)
        for combination in product(*(values.get(name, [1]) for name in names)):
            urls.append(rule.build(dict(zip(names, combination, strict=True)))[1])
    return urls


API = ["/api/v1/openapi.json", "/api/v1/olympiads", "/health"]


def crawl_everything(app, clients: dict) -> Crawl:
    """Every role from its home page; then the routes no link led to, with real values."""
    result = Crawl()
    for role, client in clients.items():
        crawl(app, client, role, result)
    gets = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or ()) and rule.endpoint != "static"
    }
    extra = [*API, *route_urls(app, gets - result.visited.keys())]
    for role, client in clients.items():
        crawl(app, client, role, result, start=extra)
    assert gets - result.visited.keys() == set()
    return result
