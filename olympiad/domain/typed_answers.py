"""Answers typed in by an operator from a paper answer sheet, and answers written back as text.

On paper, options, the right column of a matching task and the items to put in order are
lettered with `LETTERS` (А Б В Г Д Е Ж З И К: Ё and Й are skipped); the left column of a
matching task is numbered 1, 2, 3 ... An operator may type either the letters or the 1-based
numbers, in either case. Latin letters that look like Russian ones (A B E K M H O P C T X) are
read as those Russian letters, so an operator who types a Latin B for the В on the sheet gets
В (the third option, not Б); a letter beyond the task's options (Latin M is Russian М, which
no task uses) is an error, not a guess.

What is accepted:

- single choice:   "2", "Б", "б", "B" (Latin, = В)
- multiple choice: "1,3", "1 3", "13" (up to 9 options), "АВ", "А, В"
- matching:        "1-Б, 2-А, 3-В", "1Б2А3В", "1 — б; 2 — а", or the letters in the order of the
                   left column: "БАВ" (= 1-Б, 2-А, 3-В; may be shorter)
- ordering:        "3142", "3,1,4,2", "ВАГБ" (may be shorter than the list: the last boxes empty)
- short answer and number: the text as typed (it is read when scored)

An empty input means "no answer". A repeated item in a sequence or two answers for one row of a
matching task are errors: such an answer cannot score anyway, and it is most often a typo.
"""

from __future__ import annotations

import json
import re
from typing import Any

from olympiad.domain.normalise import parse_number
from olympiad.domain.scoring import canonical_answer
from olympiad.domain.task_keys import LETTERS, TaskType

T = TaskType

_LATIN = str.maketrans("ABEKMHOPCTX", "АВЕКМНОРСТХ")
_SEPARATORS = re.compile(r"[\s,;./+]+")
_PAIR_SEPARATORS = re.compile(r"[\s,;./]+")
_PAIR = re.compile(r"(\d+)[-:=>→]*([^\W\d_])")
_PAIRS = re.compile(r"(?:\d+[-:=>→]*[^\W\d_])+")
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))

Parsed = tuple[Any, str | None]


def parse_typed_answer(task_type: object, key: dict[str, Any], text: str) -> Parsed:
    """What the operator typed -> (answer in the stored format, None) or (None, error in Russian).

    (None, None) means the participant gave no answer.
    """
    kind = TaskType(task_type)
    text = text.strip()
    if not text:
        return None, None
    if kind in (T.SHORT_ANSWER, T.NUMBER):
        return text, None
    if kind is T.OPEN:
        return None, "Развёрнутый ответ оценивает жюри: его не вводят в таблицу ответов."
    prepared = text.upper().translate(_LATIN).translate(_DASHES)
    if kind is T.MATCHING:
        return _matching(prepared, len(key["left"]), len(key["right"]))
    size = len(key["items"] if kind is T.ORDERING else key["options"])
    choices, error = _choices(prepared, size)
    if error:
        return None, error
    if kind is T.SINGLE_CHOICE:
        if len(choices) != 1:
            return None, "Здесь нужен один вариант ответа."
        return choices[0], None
    if kind is T.MULTIPLE_CHOICE:
        return sorted(set(choices)), None
    repeated = sorted({c for c in choices if choices.count(c) > 1})
    if repeated:
        return None, f"Элемент {_label(repeated[0], size)} указан несколько раз."
    return choices, None


def format_answer(task_type: object, key: dict[str, Any], answer: object) -> str:
    """A stored answer as an operator would type it ("Б", "АВ", "1-Б, 2-А", "ВАГБ")."""
    kind = TaskType(task_type)
    given = canonical_answer(kind, key, answer)
    if answer is None or answer == [] or answer == {}:
        return ""
    if given is None:
        return answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
    if kind is T.SINGLE_CHOICE:
        return LETTERS[given]
    if kind in (T.MULTIPLE_CHOICE, T.ORDERING):
        return "".join(LETTERS[i] for i in given)
    if kind is T.MATCHING:
        return ", ".join(f"{int(left) + 1}-{LETTERS[right]}" for left, right in given.items())
    if isinstance(given, str):
        return given
    return format(parse_number(given), "f").replace(".", ",")  # 1e-05 -> "0,00001"


def letter_range(size: int) -> str:
    """'А–Г' for four options."""
    return f"{LETTERS[0]}–{LETTERS[size - 1]}"


def _label(index: int, size: int) -> str:
    return f"{index + 1} ({LETTERS[index]})" if size <= len(LETTERS) else str(index + 1)


def _choices(text: str, size: int) -> tuple[list[int], str | None]:
    """Tokens of digits or of letters -> 0-based indices, in the order typed."""
    digits: list[int] = []
    letters: list[int] = []
    for token in filter(None, _SEPARATORS.split(text)):
        if token.isascii() and token.isdigit():
            numbers = list(token) if size <= 9 else [token]
            digits += [int(n) for n in numbers]
        elif token.isalpha():
            for char in token:
                if char not in LETTERS[:size]:
                    return [], f"Варианта «{char}» нет: варианты {letter_range(size)}."
                letters.append(LETTERS.index(char))
        else:
            return [], f"Не удалось разобрать «{token}»: пишите номера (1, 3) или буквы (АВ)."
    if digits and letters:
        return [], "Пишите или номера, или буквы, но не вместе."
    if not digits and not letters:
        return [], "Не удалось разобрать ответ: пишите номера (1, 3) или буквы (АВ)."
    for number in digits:
        if not 1 <= number <= size:
            return [], f"Варианта {number} нет: варианты с 1 по {size}."
    return letters or [n - 1 for n in digits], None


def _matching(text: str, left: int, right: int) -> Parsed:
    compact = _PAIR_SEPARATORS.sub("", text)
    if compact.isalpha():
        pairs = list(enumerate(compact, start=1))
        if len(pairs) > left:
            return None, f"Букв больше, чем пунктов слева ({left})."
    elif _PAIRS.fullmatch(compact):
        pairs = [(int(n), char) for n, char in _PAIR.findall(compact)]
    else:
        return None, "Не удалось разобрать ответ: пишите пары «1-Б, 2-А» или буквы по порядку «БА»."
    answer: dict[int, int] = {}
    for number, char in pairs:
        if not 1 <= number <= left:
            return None, f"Слева нет пункта {number}: пункты с 1 по {left}."
        if char not in LETTERS[:right]:
            return None, f"Справа нет варианта «{char}»: варианты {letter_range(right)}."
        if number - 1 in answer:
            return None, f"Для пункта {number} указано несколько ответов."
        answer[number - 1] = LETTERS.index(char)
    return {str(i): answer[i] for i in sorted(answer)}, None
