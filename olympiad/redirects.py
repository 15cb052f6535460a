"""The one check for every redirect whose target comes from the request (a `next` parameter,
the language switch, the page a form was sent from): a path on this site, never another site.

Browsers and Werkzeug drop TAB, CR and LF from a URL, and many treat a backslash as a slash,
so `/\\t/evil.example` or `/\\\\evil.example` would pass a plain "starts with one slash" test
and land on `//evil.example`. So the target must have no control or invisible characters, no
backslash, no scheme and no host, and start with exactly one slash.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import redirect, url_for

MAX_LENGTH = 2000


def is_local_path(target: object) -> bool:
    """True if redirecting to `target` keeps the browser on this site."""
    if not isinstance(target, str) or not 0 < len(target) <= MAX_LENGTH:
        return False
    # isprintable() is False for control, format (bidi), separator and surrogate characters
    if "\\" in target or not target.isprintable():
        return False
    if not target.startswith("/") or target.startswith("//"):
        return False
    try:
        parts = urlsplit(target)
    except ValueError:
        return False
    return not parts.scheme and not parts.netloc and parts.path.startswith("/")


def safe_target(target: object, fallback: str | None = None) -> str:
    """`target` if it is a local path; otherwise `fallback` (the dashboard by default)."""
    if is_local_path(target):
        return target  # type: ignore[return-value]
    return fallback if fallback is not None else url_for("dashboard.index")


def redirect_back(target: object, fallback: str | None = None):
    """A redirect to `target` if it is a local path, to `fallback` otherwise."""
    return redirect(safe_target(target, fallback))
