"""Benchmark: import 5,000 students from one XLSX file (read_rows + validate_rows).

Run: .venv/bin/python bench/import_5000.py [rows]
Prints the file size, time of each step and peak memory (tracemalloc and ru_maxrss).
"""

from __future__ import annotations

import io
import random
import resource
import sys
import time
import tracemalloc
import zipfile

import openpyxl

from olympiad.enrollment.spreadsheet import read_rows, validate_rows
from olympiad.enrollment.validation import HEADERS

SURNAMES = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
]
MALE = [
    "Александр",
    "Дмитрий",
    "Максим",
    "Сергей",
    "Андрей",
    "Алексей",
    "Артём",
    "Илья",
    "Кирилл",
    "Михаил",
    "Никита",
    "Матвей",
    "Роман",
    "Егор",
    "Арсений",
    "Иван",
    "Денис",
    "Евгений",
    "Даниил",
    "Тимофей",
]
FEMALE = [
    "Анастасия",
    "Мария",
    "Анна",
    "Виктория",
    "Екатерина",
    "Наталья",
    "Марина",
    "Полина",
    "Дарья",
    "Алиса",
    "Ксения",
    "Елизавета",
    "Софья",
    "Варвара",
    "Юлия",
    "Ульяна",
    "Вероника",
    "Александра",
]
FATHERS = [
    "Александр",
    "Дмитрий",
    "Сергей",
    "Андрей",
    "Алексей",
    "Игорь",
    "Михаил",
    "Николай",
    "Владимир",
    "Олег",
    "Юрий",
    "Павел",
    "Виктор",
    "Евгений",
]
FORMS = ["ФИО", "Фамилия и инициалы", "Только шифр", "Нет"]
SCHOOLS = [f"МБОУ «СОШ № {n}»" for n in range(1, 41)] + [
    f"МАОУ «Гимназия № {n}»" for n in range(1, 6)
]


def patronymic(father: str, female: bool) -> str:
    stem = father[:-1] + "ь" if father.endswith("й") else father
    if stem.endswith("ь"):
        return stem[:-1] + ("евна" if female else "евич")
    return stem + ("овна" if female else "ович")


def make_file(rows: int, seed: int = 2024) -> bytes:
    rng = random.Random(seed)
    # a normal workbook, like Excel's: shared strings and a <dimension> element
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Ученики"
    sheet.append(list(HEADERS.values()))
    for _ in range(rows):
        female = rng.random() < 0.55
        surname = rng.choice(SURNAMES) + ("а" if female else "")
        grade = rng.randint(7, 11)
        mentor = (
            f"{rng.choice(SURNAMES)}а {rng.choice(FEMALE)} {patronymic(rng.choice(FATHERS), True)}"
        )
        sheet.append(
            [
                surname,
                rng.choice(FEMALE if female else MALE),
                patronymic(rng.choice(FATHERS), female),
                rng.choice(SCHOOLS),
                grade,
                grade if rng.random() < 0.9 else min(grade + 1, 11),
                mentor,
                "да",
                rng.choice(FORMS),
                rng.choice(["да", "нет"]),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(data: bytes, schools: dict[str, int]) -> tuple[float, float, object]:
    started = time.perf_counter()
    parsed = read_rows("import.xlsx", data)
    read_done = time.perf_counter()
    preview = validate_rows(parsed, schools=schools, fixed_school_id=None, existing=set())
    return read_done - started, time.perf_counter() - read_done, preview


def main(rows: int = 5000) -> None:
    data = make_file(rows)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(m.file_size for m in archive.infolist())
    schools = {name: i for i, name in enumerate(SCHOOLS, start=1)}
    read_s, validate_s, preview = run(data, schools)  # timed without tracemalloc's overhead
    tracemalloc.start()
    run(data, schools)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    duplicates = sum(1 for r in preview.rows if any("Повтор" in e for e in r.errors))
    size = f"{len(data) / 1024:.0f} KB XLSX, {unpacked / 1024:.0f} KB unpacked"
    print(f"rows in file:        {rows}  ({size})")
    print(f"read_rows:           {read_s:.2f} s")
    print(f"validate_rows:       {validate_s:.2f} s")
    print(f"total:               {read_s + validate_s:.2f} s")
    print(f"valid / with errors: {len(preview.students)} / {preview.error_count}")
    print(f"  (chance duplicates of school + full name + grade: {duplicates})")
    print(f"peak traced memory:  {peak / 2**20:.1f} MB (tracemalloc, import only)")
    print(f"peak RSS:            {maxrss_mb:.0f} MB (ru_maxrss, whole process)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
