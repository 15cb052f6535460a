"""Find the registry school a venue written in a plan refers to."""

from __future__ import annotations

import re

# Full legal forms are written out in some documents and abbreviated in others.
_PHRASES = tuple(
    (re.compile(pattern), short)
    for pattern, short in (
        (r"муниципальн\w* бюджетн\w* общеобразовательн\w* учрежден\w*", "мбоу"),
        (r"муниципальн\w* автономн\w* общеобразовательн\w* учрежден\w*", "маоу"),
        (r"муниципальн\w* казенн\w* общеобразовательн\w* учрежден\w*", "мкоу"),
        (r"средн\w* общеобразовательн\w* школ\w*", "сош"),
        (r"основн\w* общеобразовательн\w* школ\w*", "оош"),
        (r"начальн\w* общеобразовательн\w* школ\w*", "нош"),
    )
)
# Words that name the kind of school, not which school: a venue often omits them.
_FORMS = frozenset({"мбоу", "маоу", "мкоу", "моу", "гбоу", "мбу", "сош", "оош", "нош"})


def _tokens(text: str) -> tuple[str, ...]:
    text = " ".join(text.lower().replace("ё", "е").split())
    for pattern, short in _PHRASES:
        text = pattern.sub(short, text)
    # quotes, "№", dots and dashes all become separators
    return tuple(re.findall(r"\w+", text))


def match_school(venue_text: str, schools: list[tuple[int, str, str]]) -> int | None:
    """Return the id of the one school `venue_text` names, or None if none or several fit.

    `schools` are (id, full_name, short_name). Tiers, strictest first, and the first tier
    with any hit decides: the same words in the same order; the same distinctive words
    (without МБОУ, СОШ…); the venue's distinctive words all present in the name.
    """
    venue = _tokens(venue_text)
    venue_key = frozenset(venue) - _FORMS
    if not venue_key:
        return None
    names = [(school_id, _tokens(name)) for school_id, *pair in schools for name in pair if name]
    tiers = (
        lambda name: name == venue,
        lambda name: frozenset(name) - _FORMS == venue_key,
        lambda name: venue_key <= frozenset(name),
    )
    for fits in tiers:
        hits = {school_id for school_id, name in names if fits(name)}
        if hits:
            return hits.pop() if len(hits) == 1 else None
    return None
