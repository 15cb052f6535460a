"""Benchmark: import 5,000 students from one XLSX file.

Part 1 times reading and checking the file (read_rows + validate_rows) with its peak memory.
Part 2 saves the same file through the real import service (save_import: read, check against
the database, enroll every row with its consents, audit) into an empty SQLite database, and
into PostgreSQL too when OLYMPIAD_BENCH_DATABASE_URL is set (a database it may fill).

Run: .venv/bin/python bench/import_5000.py [rows]
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

from olympiad.enrollment.columns import HEADERS
from olympiad.enrollment.spreadsheet import read_rows, validate_rows

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


def make_file(rows: int, seed: int = 2024, unique: bool = False) -> bytes:
    """A realistic file; with `unique`, no two rows name the same student."""
    rng = random.Random(seed)
    seen: set[tuple] = set()
    # a normal workbook, like Excel's: shared strings and a <dimension> element
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Ученики"
    sheet.append(list(HEADERS.values()))
    while sheet.max_row <= rows:
        female = rng.random() < 0.55
        surname = rng.choice(SURNAMES) + ("а" if female else "")
        grade = rng.randint(7, 11)
        first = rng.choice(FEMALE if female else MALE)
        father = patronymic(rng.choice(FATHERS), female)
        school = rng.choice(SCHOOLS)
        if unique and (surname, first, father, school, grade) in seen:
            continue
        seen.add((surname, first, father, school, grade))
        mentor = (
            f"{rng.choice(SURNAMES)}а {rng.choice(FEMALE)} {patronymic(rng.choice(FATHERS), True)}"
        )
        sheet.append(
            [
                surname,
                first,
                father,
                school,
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


def save_to_database(url: str, data: bytes) -> tuple[float, int]:
    """Seconds to save the file through the import service into an empty database."""
    from olympiad import create_app
    from olympiad.enrollment.imports import save_import
    from olympiad.extensions import db
    from olympiad.models import Olympiad, OlympiadStatus, Participant, School

    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.drop_all()
        db.create_all()
        for name in SCHOOLS:
            db.session.add(School(full_name=name, short_name=name[6:-1]))
        olympiad = Olympiad(
            title="Олимпиада", academic_year="2020-2021", status=OlympiadStatus.REGISTRATION_OPEN
        )
        db.session.add(olympiad)
        db.session.commit()
        started = time.perf_counter()
        save_import(None, olympiad, "import.xlsx", data, None)
        db.session.commit()
        seconds = time.perf_counter() - started
        stored = db.session.query(Participant).count()
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    return seconds, stored


def main_database(rows: int = 5000) -> None:
    import os
    import tempfile

    data = make_file(rows, unique=True)
    with tempfile.TemporaryDirectory() as folder:
        targets = [("SQLite", f"sqlite:///{folder}/bench.sqlite3")]
        if os.environ.get("OLYMPIAD_BENCH_DATABASE_URL"):
            targets.append(("PostgreSQL", os.environ["OLYMPIAD_BENCH_DATABASE_URL"]))
        for label, url in targets:
            seconds, stored = save_to_database(url, data)
            print(
                f"save_import into {label + ':':<12} {seconds:.2f} s, {stored} participants stored"
            )


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    main(count)
    main_database(count)
