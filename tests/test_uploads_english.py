"""The shared upload checks speak the user's language: every refusal of the hostile corpus
(and of a few more bad files) is English under the English locale, Russian under the
Russian one and with no app at all, and every message of the checks has its translation."""

from __future__ import annotations

import functools
import io
import zipfile

import docx
import openpyxl
import pytest
from flask import session

from olympiad import images, uploads
from olympiad.tasks.images import checked_image
from olympiad.uploads import UploadRefused, check_document, read_grid, read_json, size_text
from tests.gettext_guard import CYRILLIC, ROOT, bare_russian, untranslated
from tests.hardening.uploads_corpus import corpus

DATA = {"да", "нет"}  # a boolean cell as the importers read it, not interface text
SOURCES = [
    *sorted((ROOT / "olympiad/uploads").glob("*.py")),
    ROOT / "olympiad/images.py",
    ROOT / "olympiad/tasks/images.py",
]


def _office(kind: str) -> bytes:
    out = io.BytesIO()
    if kind == "docx":
        docx.Document().save(out)
    else:
        book = openpyxl.Workbook()
        book.active.append(["Шифр", "=1+1"])
        book.save(out)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


@functools.cache
def bad_files() -> list[tuple[str, bytes]]:
    """The hostile corpus, and files for the refusals it does not reach."""
    return [
        *corpus(),
        ("formula.xlsx", _office("xlsx")),
        ("word.xlsx", _office("docx")),
        ("excel.docx", _office("xlsx")),
        ("plain.xlsx", _zip({"readme.txt": b"hello"})),
        ("big.csv", b"x" * (uploads.MAX_BYTES + 1)),
        ("utf16-odd.csv", b"\xff\xfe\x00\xd8"),
        ("latin1.json", "{'é': 1}".encode("latin-1")),
        ("deep-plain.json", b"[" * 40 + b"]" * 40),
        ("tiny.jpg", b"\xff\xd8\xff" + bytes(10)),
    ]


def _read(name: str, data: bytes) -> None:
    """The reader the app uses for such a file; raises UploadRefused or ImageRefused."""
    extension = name.rsplit(".", 1)[-1]
    if extension in ("csv", "xlsx", "xls"):
        read_grid(name, data)
    elif extension == "docx":
        check_document(data)
    elif extension == "json":
        read_json(data)
    elif extension in ("png", "jpg"):
        checked_image(data)


def _refusal(name: str, data: bytes) -> str | None:
    try:
        _read(name, data)
    except (UploadRefused, images.ImageRefused) as refusal:
        return str(refusal)
    return None


def _refusals(app=None, locale: str | None = None) -> dict[str, str]:
    """name -> message for the files refused: under `locale` in a request, in an app context
    with no request (a flask command) when locale is None, with no app at all when app is."""
    found = {}
    for name, data in bad_files():
        if app is None:
            message = _refusal(name, data)
        else:
            # a fresh app context each time: Flask-Babel keeps the locale it chose in `g`
            with app.app_context():
                if locale is None:
                    message = _refusal(name, data)
                else:
                    with app.test_request_context():
                        session["locale"] = locale
                        message = _refusal(name, data)
        if message is not None:
            found[name] = message
    return found


def test_every_refusal_is_english_under_the_english_locale(app):
    english, russian = _refusals(app, "en"), _refusals(app, "ru")
    assert english.keys() == russian.keys()
    assert len(set(english.values())) >= 25  # the sweep reaches most of the checks
    for name, message in english.items():
        assert not CYRILLIC.search(message), (name, message)
        assert "%(" not in message, (name, message)
        assert CYRILLIC.search(russian[name]), (name, russian[name])
    assert _refusals(app) == russian  # a flask command: the default locale, Russian


def test_without_an_app_the_russian_text_is_formatted():
    refusals = _refusals()
    assert len(set(refusals.values())) >= 25
    for name, message in refusals.items():
        assert CYRILLIC.search(message) and "%(" not in message, (name, message)
    with pytest.raises(UploadRefused, match="В файле больше 20000 строк: разделите"):
        read_grid("x.csv", b"1\n" * (uploads.MAX_LINES + 1))
    assert size_text(5 * 2**20 + 100_000) == "5,1 МБ"


def test_every_message_of_the_checks_is_translated():
    count, missing = untranslated(SOURCES)
    assert count >= 35 and missing == []


def test_no_russian_text_is_left_outside_gettext():
    assert [bare for path in SOURCES for bare in bare_russian(path, DATA)] == []
