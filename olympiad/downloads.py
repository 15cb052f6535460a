"""Files sent to the browser with a Russian name."""

from urllib.parse import quote

from flask import Response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON = "application/json"
PDF = "application/pdf"


def attachment(content: bytes, name: str, fallback: str, mimetype: str | None = None) -> Response:
    """A download named in Russian (RFC 6266 filename*), with a readable ASCII fallback for
    clients that know only the plain filename (Werkzeug's own would drop every Cyrillic letter).
    The type follows the name's ending unless given."""
    if mimetype is None:
        mimetype = XLSX if name.endswith(".xlsx") else PDF
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = disposition(name, fallback)
    return response


def disposition(name: str, fallback: str) -> str:
    """The Content-Disposition of a download named in Russian (also for streamed ones)."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
