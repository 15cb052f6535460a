"""Two checks that every module of user-facing messages must pass, shared by the tests of
each area: no Russian literal left outside `_()`/`_l()`, and every message translated."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "olympiad/translations/en/LC_MESSAGES/messages.po"
KEYWORDS = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None}


def bare_russian(
    path: Path, literals: set[str] = frozenset(), vocabulary: set[str] = frozenset()
) -> list[tuple[str, int, str]]:
    """(file, line, text) of each Cyrillic string literal outside `_()`/`_l()`, docstrings,
    the top-level definitions named in `vocabulary` and the `literals` allowed by name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    allowed |= {
        id(arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "_l")
        for arg in node.args[:1]
    }
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            names = {getattr(target, "id", "") for target in statement.targets}
        else:
            names = {getattr(statement, "name", getattr(getattr(statement, "target", 0), "id", ""))}
        if names & vocabulary:
            allowed |= {id(node) for node in ast.walk(statement)}
    return [
        (path.name, node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and CYRILLIC.search(node.value)
        and id(node) not in allowed
        and node.value not in literals
    ]


def untranslated(paths: list[Path]) -> tuple[int, list[tuple[str, str]]]:
    """How many messages the modules have, and (file, message) of each without an English
    translation with the same placeholders."""
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po)
    found = [
        (path.name, message)
        for path in paths
        for _, message, _, _ in extract_from_file("python", path, keywords=KEYWORDS)
    ]
    missing = []
    for where, message in found:
        entry = catalogue.get(message)
        placeholders = set(re.findall(r"%\(\w+\)s", message))
        if (
            entry is None
            or not entry.string
            or set(re.findall(r"%\(\w+\)s", entry.string)) != placeholders
        ):
            missing.append((where, message))
    return len(found), missing
