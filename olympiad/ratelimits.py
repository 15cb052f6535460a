"""The limits of the sign-in and check pages, in one place.

One person's failures never refuse another person's correct sign-in. Behind nginx or a school's
NAT many people share one address, so a tight limit per address would let one mistyping
person lock out everyone. Instead each page has two limits, both counting failed attempts:

- a tight one per thing tried: the login (staff), the code typed (participants, checks of a
  certificate). Guessing one account's password stops there; someone else's sign-in is
  another key and goes through.
- a far higher ceiling per address, against trying many logins or codes from one place; a
  class of 30 signing in from one school address stays far below it.

A key holds a hash of the text tried, never the text itself: a login of megabytes costs the
store 32 characters. The client's address is the peer's, or with PROXY_HOPS set the one the
trusted proxies passed on (see olympiad.register_proxy).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import current_app, g, request
from flask_limiter.util import get_remote_address

KEY_SOURCE_CHARS = 256  # more of a login or code than this is never needed to tell it apart


def bounded(text: str) -> str:
    """A short fixed-size key for a typed text, the same for any case and outer spaces."""
    cut = (text or "")[:KEY_SOURCE_CHARS].strip().casefold()
    return hashlib.sha256(cut.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def address() -> str:
    return "addr:" + (get_remote_address() or "unknown")


Normalize = Callable[[str], str | None]


def _tried(text: str, normalize: Normalize | None) -> str:
    text = text[:KEY_SOURCE_CHARS]
    return bounded((normalize(text) if normalize else None) or text)


def typed(field: str, kind: str = "", normalize: Normalize | None = None) -> Callable[[], str]:
    """The key of the text typed into a form field (as `normalize` reads it, if it can)."""

    def key() -> str:
        return f"{kind or field}:{_tried(request.form.get(field, ''), normalize)}"

    key.__name__ = f"typed_{field}"
    return key


def in_url(argument: str, kind: str = "", normalize: Normalize | None = None):
    """The key of a part of the address (/v/<code>)."""

    def key() -> str:
        value = str((request.view_args or {}).get(argument, ""))
        return f"{kind or argument}:{_tried(value, normalize)}"

    key.__name__ = f"in_url_{argument}"
    return key


def setting(name: str) -> Callable[[], str]:
    """A limit read from the configuration at request time (tests and deployments change it)."""

    def limit() -> str:
        return current_app.config[name]

    limit.__name__ = f"limit_{name.lower()}"
    return limit


def not_redirected(response) -> bool:
    """A sign-in failed: a successful one redirects."""
    return response.status_code != 302


def mark_not_found() -> None:
    """The view found nothing for the text tried (a check answered on a 200 page)."""
    g.limit_not_found = True


def not_found(response) -> bool:
    """A check found nothing."""
    return response.status_code == 404 or bool(g.get("limit_not_found"))
