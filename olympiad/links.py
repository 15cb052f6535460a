"""Addresses printed on paper (slips, certificates): they must lead to the public site.

`OLYMPIAD_PUBLIC_URL` is the site's address as people reach it; without it, the address
the request came to (behind a proxy that may be an internal one), and outside a request
(the command line, the demo) the local development address.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import current_app, has_request_context, request

LOCAL_ADDRESS = "http://127.0.0.1:5000"  # the CLI and the demo, without a request
PARTICIPANT_LOGIN = "/participant/login"


def public_url() -> str:
    """The site's public address, without a trailing slash."""
    configured = current_app.config.get("PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    if has_request_context():
        return request.host_url.rstrip("/")
    return LOCAL_ADDRESS


def participant_login_url(code: str | None = None, base: str | None = None) -> str:
    """The participant's sign-in page; with `code`, the page that opens with it filled in."""
    url = f"{base or public_url()}{PARTICIPANT_LOGIN}"
    return f"{url}?{urlencode({'code': code})}" if code else url
