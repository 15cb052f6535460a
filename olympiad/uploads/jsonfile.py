"""JSON uploads (the task bank): refused before the parser recurses or Python's int
conversion limit raises."""

from __future__ import annotations

import json
import math
import re

from flask_babel import gettext as _

from olympiad.uploads import MAX_DEPTH, MAX_DIGITS, MAX_DOCUMENT, UploadRefused, check_size


class _BadNumber(ValueError):
    pass


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _BadNumber(text)
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(text)
    return value


def _constant(text: str):
    raise _BadNumber(text)  # NaN and Infinity are not JSON


def read_json(data: bytes, *, max_bytes: int = MAX_DOCUMENT):
    """A JSON document in UTF-8, refused with a message in the user's language when it is
    too large, too deep, holds an absurd number (Python refuses ints of 4,300+ digits) or is
    no JSON."""
    check_size(data, max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRefused(_("Файл не в кодировке UTF-8: это не файл JSON.")) from None
    if _depth(text) > MAX_DEPTH:
        raise UploadRefused(_("Файл JSON слишком глубоко вложен: это не файл программы."))
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except _BadNumber as error:
        raise UploadRefused(
            _(
                "В файле JSON недопустимое число «%(number)s…»: это не файл программы.",
                number=str(error)[:20],
            )
        ) from None
    except json.JSONDecodeError as error:
        raise UploadRefused(
            _(
                "Файл не читается как JSON: строка %(line)s, позиция %(column)s.",
                line=error.lineno,
                column=error.colno,
            )
        ) from None
    except (RecursionError, ValueError):
        raise UploadRefused(_("Файл не читается как JSON.")) from None


def _depth(text: str) -> int:
    """The deepest nesting of brackets outside strings (checked before the parser recurses)."""
    depth = deepest = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        char = token.group()
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest
