"""Bulk downloads: one merged PDF or a ZIP of separate files.

The first download of a bundle is streamed while its pages are made (the browser gets the
first bytes at once, never waits minutes for a response) and is written to the cache at the
same time: a temporary file renamed when complete. The next download of the same bundle is
served from that file. The cache key is a digest of everything printed (documents, serials,
codes, addresses, designs) and of the renderer's code, so a re-issue, a revocation, a design
edit or a new renderer makes a new key; older files of the same bundle are then deleted.
"""

from __future__ import annotations

import hashlib
import os
import queue
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import Response, current_app, send_file

from olympiad.certificates.designs import fingerprint
from olympiad.pdf import certificates as renderer
from olympiad.pdf.certificates import Certificate as Document
from olympiad.pdf.certificates import Design, Kind, render_merged, render_zip

MIMETYPES = {"pdf": "application/pdf", "zip": "application/zip"}
CHUNK = 64 * 1024
QUEUED_CHUNKS = 64  # at most 4 MB waits for a slow client; the renderer waits beyond that
STALE_PART = 3600  # seconds: a temporary file this old was left by a process that died


@dataclass(frozen=True)
class Bundle:
    olympiad_id: int
    scope: str  # "all" or "school-12"
    which: str  # "all", "students", "mentors"
    fmt: str  # "pdf" or "zip"
    documents: list[tuple[str, Document]]  # (name inside a ZIP, document)
    designs: dict[Kind, Design]

    @property
    def prefix(self) -> str:
        return f"o{self.olympiad_id}-{self.scope}-{self.which}"

    def key(self) -> str:
        digest = hashlib.sha256()
        digest.update(repr((self.prefix, self.fmt, _renderer_version())).encode())
        digest.update(fingerprint(self.designs).encode())
        for name, document in self.documents:
            digest.update(repr((name, document)).encode())
        return digest.hexdigest()[:32]


@cache
def _renderer_version() -> str:
    """A digest of the renderer's source: a new layout must not be served from old files."""
    digest = hashlib.sha256()
    for path in sorted(Path(renderer.__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_dir() -> Path:
    configured = current_app.config.get("CERTIFICATE_CACHE_DIR")
    path = Path(configured or Path(current_app.instance_path) / "cache" / "certificates")
    path.mkdir(parents=True, exist_ok=True)
    return path


def forget(olympiad_id: int) -> int:
    """Delete every cached bundle of one olympiad (they hold names); how many files went."""
    removed = 0
    for path in cache_dir().glob(f"o{olympiad_id}-*"):
        path.unlink(missing_ok=True)
        removed += 1
    return removed


def serve(bundle: Bundle) -> Response:
    """The bundle from the cache, or streamed while it is made (and cached)."""
    key = bundle.key()
    path = cache_dir() / f"{bundle.prefix}-{key}.{bundle.fmt}"
    mimetype = MIMETYPES[bundle.fmt]
    try:
        response = send_file(path, mimetype=mimetype)
    except FileNotFoundError:  # not made yet (or replaced by a newer one this instant)
        pass
    else:
        response.headers["Cache-Control"] = "no-store"  # personal data on a shared school PC
        response.headers["X-Certificates-Cache"] = "hit"
        return response
    response = Response(_stream(bundle, path), mimetype=mimetype)
    response.headers["X-Certificates-Cache"] = "miss"
    return response


class _Pipe:
    """A write-only file for the renderer: every byte goes to the cache file, and in chunks
    to the response while anybody still listens (zipfile sees no tell(), so it writes the
    archive strictly forwards)."""

    def __init__(self, file) -> None:
        self.file = file
        self.chunks: queue.Queue = queue.Queue(maxsize=QUEUED_CHUNKS)
        self.buffer: list[bytes] = []
        self.buffered = 0
        self.listening = True

    def write(self, data) -> int:
        data = bytes(data)
        self.file.write(data)
        self.buffer.append(data)
        self.buffered += len(data)
        if self.buffered >= CHUNK:
            self.send_buffer()
        return len(data)

    def flush(self) -> None:
        """Nothing: chunks go out when they are full (zipfile calls this)."""

    def send_buffer(self) -> None:
        if self.buffer:
            self.send(b"".join(self.buffer))
        self.buffer, self.buffered = [], 0

    def send(self, item) -> None:
        while self.listening:  # a client gone away stops listening: the file is still made
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue


_DONE = object()


def _make(bundle: Bundle, path: Path, pipe: _Pipe, temporary: str) -> None:
    """In a thread of its own: render into the pipe, then give the file its final name."""
    try:
        with pipe.file:
            if bundle.fmt == "pdf":
                render_merged((doc for _name, doc in bundle.documents), bundle.designs, pipe)
            else:
                render_zip(bundle.documents, bundle.designs, pipe)
            pipe.send_buffer()
        os.replace(temporary, path)
        _forget_others(path, bundle)
    except BaseException as error:  # noqa: BLE001  (handed over to the response)
        Path(temporary).unlink(missing_ok=True)
        pipe.send(error)
    else:
        pipe.send(_DONE)


def _stream(bundle: Bundle, path: Path) -> Iterator[bytes]:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
    pipe = _Pipe(os.fdopen(descriptor, "wb"))
    thread = threading.Thread(
        target=_make, args=(bundle, path, pipe, temporary), name="certificates", daemon=True
    )
    thread.start()

    def chunks() -> Iterator[bytes]:
        try:
            while True:
                item = pipe.chunks.get()
                if item is _DONE:
                    return
                if isinstance(item, BaseException):
                    raise RuntimeError("certificates were not rendered") from item
                yield item
        finally:
            pipe.listening = False

    return chunks()


def _forget_others(path: Path, bundle: Bundle) -> None:
    """Delete older files of the same bundle and temporary files left by dead processes."""
    for other in path.parent.glob(f"{bundle.prefix}-*.{bundle.fmt}"):
        if other != path:
            other.unlink(missing_ok=True)
    now = time.time()
    for part in path.parent.glob("*.part"):
        try:
            if now - part.stat().st_mtime > STALE_PART:
                part.unlink(missing_ok=True)
        except OSError:
            continue
