"""A bank task as a plain JSON record (the demo bank and bank exchange files), with validation.

    {"code": "T-001", "type": "single_choice", "topic": "book_library", "grades": [7, 8],
     "difficulty": 1, "author": "Методическое объединение", "text": "...", "max_points": 1,
     "key": {...}}

`text` is markdown-lite (see `task_text`); `key` follows `task_keys`. Other fields are left to
the caller (an exchange file may carry more).
"""

from __future__ import annotations

from olympiad.domain.task_keys import DIFFICULTIES, TOPICS, validate_key

RECORD_FIELDS = ("code", "type", "topic", "grades", "difficulty", "author", "text", "max_points")
GRADES = range(1, 12)
MAX_CODE_LENGTH = 20


def validate_task(record: object) -> list[str]:
    """Everything wrong with one task record, in Russian; an empty list means it is valid."""
    if not isinstance(record, dict):
        return ["Задание должно быть объектом JSON."]
    missing = [name for name in (*RECORD_FIELDS, "key") if name not in record]
    if missing:
        return ["Нет полей: " + ", ".join(missing) + "."]
    errors = []
    code = record["code"]
    if not isinstance(code, str) or not code.strip() or len(code) > MAX_CODE_LENGTH:
        errors.append(f"Шифр задания должен быть непустой строкой до {MAX_CODE_LENGTH} символов.")
    if record["topic"] not in TOPICS:
        errors.append(f"Неизвестная тема «{record['topic']}».")
    grades = record["grades"]
    if (
        not isinstance(grades, list)
        or not grades
        or any(type(grade) is not int or grade not in GRADES for grade in grades)
        or len(set(grades)) != len(grades)
    ):
        errors.append("Классы: нужен список разных чисел от 1 до 11.")
    if type(record["difficulty"]) is not int or record["difficulty"] not in DIFFICULTIES:
        errors.append("Сложность должна быть 1, 2 или 3.")
    for name, label in (("author", "Автор"), ("text", "Текст задания")):
        if not isinstance(record[name], str) or not record[name].strip():
            errors.append(f"{label}: нужен непустой текст.")
    return errors + validate_key(record["type"], record["key"], record["max_points"])


def validate_bank(records: object) -> list[str]:
    """Problems of a whole bank, each prefixed with the task's code; codes must be unique."""
    if not isinstance(records, list):
        return ["Банк заданий должен быть списком заданий."]
    errors: list[str] = []
    seen: set[str] = set()
    for number, record in enumerate(records, start=1):
        code = record.get("code") if isinstance(record, dict) else None
        name = code if isinstance(code, str) and code.strip() else f"№ {number}"
        errors += [f"Задание {name}: {error}" for error in validate_task(record)]
        if isinstance(code, str):
            if code in seen:
                errors.append(f"Задание {name}: шифр повторяется.")
            seen.add(code)
    return errors
