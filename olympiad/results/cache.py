"""Pages of final results rendered once per version of the results, then served as stored.

A final olympiad's results change only when its results stamp changes (results/stamp.py).
A page is rendered the first time it is asked for, stored as bytes in the instance folder
under a key made of the stamp, the code's fingerprint (templates, translations), the locale
and the variant, and served from there by every worker and process, with an ETag and
Last-Modified so that a browser that has it gets a 304. Nothing is kept in the process: any
number of workers (and machines, each with its own folder) serve the same pages.

The stored page has a hole where the CSRF token of the language switch goes; each response
fills in the reader's own. A browser that accepts gzip gets the page compressed once when
stored (results/packed.py), with its token put in per response. A page with a flashed
message, or for a signed-in participant, is rendered as usual (from the frozen protocol,
still without computing anything).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask, Response, current_app, jsonify, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import Row, bindparam, select

from olympiad.domain.olympiad_rules import OlympiadStatus
from olympiad.extensions import db
from olympiad.models import Olympiad
from olympiad.participant import session as participant_session
from olympiad.results import packed
from olympiad.results.states import is_final

HOLE = "csrf-token-hole-7c2f9e"  # stands for the reader's CSRF token in a stored page
_HOLE = HOLE.encode()


def _fingerprint(app: Flask) -> str:
    """What else a page depends on: the templates and the translations as deployed."""
    found = app.extensions.get("results_cache_fingerprint")
    if found is None:
        digest = hashlib.sha256()
        roots = [Path(app.root_path).parent / "templates", Path(app.root_path) / "translations"]
        for root in roots:
            for path in sorted(root.rglob("*")):
                if path.suffix in {".html", ".mo"}:
                    stat = path.stat()
                    digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns};".encode())
        found = app.extensions["results_cache_fingerprint"] = digest.hexdigest()[:16]
    return found


_HEAD = select(Olympiad.id, Olympiad.status, Olympiad.results_stamp).where(
    Olympiad.id == bindparam("olympiad_id")
)


def head(olympiad_id: int) -> Row | None:
    """What a stored page is found by (id, status, results stamp): one light query, built once
    and run without the ORM; the olympiad itself is loaded only to render."""
    return db.session.connection().execute(_HEAD, {"olympiad_id": olympiad_id}).first()


def folder(olympiad_id: int) -> Path:
    configured = current_app.config.get("RESULTS_CACHE_DIR")
    root = Path(configured or Path(current_app.instance_path) / "cache" / "results")
    return root / str(olympiad_id)


def _path(olympiad: Olympiad | Row, *variant: object) -> Path:
    parts = [_fingerprint(current_app), OlympiadStatus(olympiad.status).value, *map(str, variant)]
    key = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]
    return folder(olympiad.id) / f"{olympiad.results_stamp}-{key}"


def _store(path: Path, body: bytes) -> None:
    """Write atomically (another worker may read it at once); drop older versions' pages."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        out.write(body)
    os.replace(temporary, path)
    stamp = path.name.split("-", 1)[0]
    for other in path.parent.iterdir():
        if not other.name.startswith((stamp + "-", ".tmp-")):
            other.unlink(missing_ok=True)


def _packed_path(path: Path) -> Path:
    return path.with_name(path.name + ".gz")


def _read(path: Path) -> tuple[bytes, datetime] | None:
    try:
        body = path.read_bytes()
        modified = path.stat().st_mtime
    except FileNotFoundError:
        return None
    return body, datetime.fromtimestamp(int(modified), UTC)


def _etag(path: Path, *extra: str) -> str:
    return hashlib.sha256("\x1f".join([path.name, *extra]).encode()).hexdigest()[:32]


def _gzip() -> bool:
    return request.accept_encodings["gzip"] > 0


def _serve(
    path: Path, token: bytes, mimetype: str, render: Callable[[], bytes | None]
) -> Response | None:
    """The stored body with its holes filled by `token`, gzipped if the reader accepts it;
    rendered and stored first (with its compressed parts) if it is not yet. None when
    `render` finds nothing."""
    gzipped = _gzip()
    found = _read(_packed_path(path) if gzipped else path)
    if found is None:
        body = render()
        if body is None:
            return None
        parts = packed.pack(body, _HOLE)
        _store(path, body)
        _store(_packed_path(path), parts)
        found = parts if gzipped else body, datetime.now(UTC).replace(microsecond=0)
    data, modified = found
    if gzipped:
        response = Response(packed.gzipped(data, token), mimetype=mimetype)
        response.content_encoding = "gzip"
    else:
        response = Response(data.replace(_HOLE, token) if token else data, mimetype=mimetype)
    response.vary.add("Accept-Encoding")
    response.last_modified = modified
    return response


def _not_modified(etag: str, path: Path) -> Response | None:
    if not request.if_none_match.contains(etag) or not path.exists():
        return None
    response = Response(status=304)
    response.set_etag(etag)
    return response


def _finish(response: Response, etag: str) -> Response:
    response.set_etag(etag)
    response.cache_control.no_cache = True  # a browser asks each time; a 304 is cheap
    return response.make_conditional(request)


def _viewer() -> str | None:
    """Whose page it is, for the navigation bar; None: render as usual."""
    if session.get("_flashes") or participant_session.KEY in session:
        return None
    if current_user.is_authenticated:
        user = current_user
        return f"user:{user.id}:{user.role.value}:{user.full_name}"
    return "anonymous"


def page(
    olympiad: Olympiad | Row, variant: tuple, render: Callable[..., str], args: tuple[str, ...] = ()
) -> Response | str:
    """A results page of a final olympiad: `render(**context)` renders it with the extra
    context given; it runs once per version of the results, locale, variant and reader.
    A query string with other parameters than `args` (which `variant` covers) is rendered
    as usual: the page shows the address it was asked by."""
    viewer = _viewer() if is_final(olympiad) else None
    if viewer is None or not set(request.args) <= set(args):
        return render()
    path = _path(olympiad, "page", get_locale(), viewer, *variant)
    token = generate_csrf()
    etag = _etag(path, session.get("csrf_token", ""), "gzip" if _gzip() else "")
    answer = _not_modified(etag, path)
    if answer is not None:
        return answer
    stored = lambda: render(csrf_token=lambda: HOLE).encode()  # noqa: E731
    response = _serve(path, token.encode(), "text/html", stored)
    response.vary.add("Cookie")
    response.cache_control.private = True
    return _finish(response, etag)


def json(
    olympiad: Olympiad | Row, variant: tuple, build: Callable[[], dict | None]
) -> Response | None:
    """A JSON document of a final olympiad, built once per version; None when `build` finds
    nothing (not stored)."""
    path = _path(olympiad, "json", *variant)
    etag = _etag(path, "gzip" if _gzip() else "")
    answer = _not_modified(etag, path)
    if answer is not None:
        return answer

    def render() -> bytes | None:
        document = build()
        return None if document is None else jsonify(document).get_data()

    response = _serve(path, b"", "application/json", render)
    return None if response is None else _finish(response, etag)
