"""Check imported enrollment rows and turn them into StudentData, with errors in the user's
language (field names stay as the file's header has them)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from flask_babel import gettext as _

from olympiad.domain.olympiad_rules import format_grades
from olympiad.enrollment.columns import (
    EXAMPLE_ROW,
    FIELDS,
    GENDER_WORDS,
    LABELS,
    LINE_KEY,
    MAX_LENGTH,
    PRINTED,
)
from olympiad.enrollment.values import (
    NAME_RE,
    NO_PATRONYMIC,
    Publication,
    clean,
    fold,
    is_formula_like,
    normalize_person_name,
    normalize_school,
    parse_consent,
    parse_grade,
    parse_publication,
    person_key,
)
from olympiad.text import check_printable, check_text


@dataclass(frozen=True)
class StudentData:
    surname: str
    name: str
    patronymic: str
    school_id: int
    grade_studied: int
    grade_competed: int
    mentor: str
    consent_processing: bool
    consent_publication: Publication
    consent_work_publication: bool
    gender: str = ""  # "m" / "f" / "": needed only where the patronymic does not tell


@dataclass(frozen=True)
class RowResult:
    line_no: int
    data: StudentData | None
    errors: list[str] = field(default_factory=list)
    label: str = ""  # the name as written in the file, to find a wrong row by


@dataclass(frozen=True)
class ImportPreview:
    rows: list[RowResult]
    warnings: list[str] = field(default_factory=list)  # about the file: shown, not errors
    # consent columns absent from the file: every row records "no", which the user confirms
    missing_consents: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when there is at least one row and no row has an error: save all or none."""
        return bool(self.rows) and all(not r.errors for r in self.rows)

    @property
    def students(self) -> list[StudentData]:
        return [r.data for r in self.rows if r.data is not None]

    @property
    def error_count(self) -> int:
        return sum(1 for r in self.rows if r.errors)


def validate_rows(
    rows: Iterable[Mapping[str, str]],
    *,
    schools: Mapping[str, int],
    fixed_school_id: int | None,
    existing: Iterable[tuple[int, str, str, str, int]],
    grades_allowed: Collection[int] = range(7, 12),
) -> ImportPreview:
    """Check every row; `schools` maps full or short names to ids (normalised here)."""
    school_ids = {normalize_school(k): v for k, v in schools.items()}
    enrolled = {person_key(*item) for item in existing}
    seen: dict[tuple, int] = {}
    results = []
    for index, row in enumerate(rows):
        line_no = int(row.get(LINE_KEY) or index + 2)
        checker = _RowChecker(row, school_ids, fixed_school_id, grades_allowed)
        data = checker.check()
        if checker.key is not None:
            if checker.key in seen:
                checker.errors.append(
                    _(
                        "Повтор: этот ученик уже есть в строке %(line)s "
                        "(та же школа, ФИО и класс).",
                        line=seen[checker.key],
                    )
                )
            elif checker.key in enrolled:
                checker.errors.append(
                    _("Ученик уже записан на олимпиаду (та же школа, ФИО и класс обучения).")
                )
            seen.setdefault(checker.key, line_no)
        ok = not checker.errors
        label = clean(" ".join(str(row.get(f) or "") for f in ("surname", "name", "patronymic")))
        results.append(RowResult(line_no, data if ok else None, checker.errors, label[:100]))
    return ImportPreview(results)


class _RowChecker:
    """Collects the errors of one row; `key` is set when the identity could be parsed."""

    def __init__(self, row, school_ids, fixed_school_id, grades):
        self.raw = {f: str(row.get(f) or "") for f in FIELDS}
        self.school_ids = school_ids
        self.fixed_school_id = fixed_school_id
        self.grades = grades
        self.errors: list[str] = []
        self.refused: set[str] = set()
        self.key: tuple | None = None

    def check(self) -> StudentData | None:
        raw = self.raw
        for name, value in raw.items():
            check = check_printable if name in PRINTED else check_text
            problem = check(value, LABELS[name])
            if problem:
                self.errors.append(problem)
                self.refused.add(name)
                raw[name] = ""  # one message per field is enough
            elif is_formula_like(value):
                self.errors.append(
                    _(
                        "Поле «%(field)s» начинается с «%(char)s»: "
                        "формулы и похожие на них значения не принимаются.",
                        field=LABELS[name],
                        char=value.lstrip()[0],
                    )
                )
        surname = self._name("surname", required=True)
        name = self._name("name", required=True)
        patronymic = "" if fold(raw["patronymic"]) in NO_PATRONYMIC else raw["patronymic"]
        patronymic = self._name("patronymic", required=False, value=patronymic)
        mentor = clean(raw["mentor"])
        if len(mentor) > MAX_LENGTH["mentor"]:
            self._too_long("mentor")
        school_id = self._school()
        studied = self._grade("grade_studied", required=True)
        competed = self._grade("grade_competed", required=False)
        if competed is None and not clean(raw["grade_competed"]):
            competed = studied
        if studied is not None and competed is not None and competed < studied:
            self.errors.append(
                _(
                    "Класс участия (%(competed)s) ниже класса обучения (%(studied)s).",
                    competed=competed,
                    studied=studied,
                )
            )
        processing = self._consent("consent_processing")
        if processing is False or (processing is None and not clean(raw["consent_processing"])):
            self.errors.append(
                _(
                    "Нет согласия родителя на обработку персональных данных: "
                    "без него ученика записать нельзя."
                )
            )
        work = self._consent("consent_work_publication")
        gender = self._gender()
        publication = self._publication()
        if [fold(raw[f]) for f in ("surname", "name", "patronymic")] == [
            fold(EXAMPLE_ROW[f]) for f in ("surname", "name", "patronymic")
        ]:
            self.errors.append(_("Это строка-образец из шаблона: удалите её."))
        if surname and name and school_id is not None and studied is not None:
            self.key = person_key(school_id, surname, name, patronymic, studied)
        if self.errors:
            return None
        return StudentData(
            surname=surname,
            name=name,
            patronymic=patronymic,
            school_id=school_id,
            grade_studied=studied,
            grade_competed=competed,
            mentor=mentor,
            consent_processing=True,
            consent_publication=publication,
            consent_work_publication=bool(work),
            gender=gender,
        )

    def _gender(self) -> str:
        value = fold(self.raw["gender"]).rstrip(".")
        if not value:
            return ""
        for code, words in GENDER_WORDS.items():
            if value in words:
                return code
        self.errors.append(
            _(
                "Поле «%(field)s»: «%(value)s» — напишите «м» или «ж».",
                field=LABELS["gender"],
                value=clean(self.raw["gender"]),
            )
        )
        return ""

    def _missing(self, name: str) -> None:
        if name in self.refused:
            return
        self.errors.append(_("Не заполнено поле «%(field)s».", field=LABELS[name]))

    def _too_long(self, name: str) -> None:
        self.errors.append(
            _(
                "Слишком длинное значение в поле «%(field)s» (не больше %(limit)s символов).",
                field=LABELS[name],
                limit=MAX_LENGTH[name],
            )
        )

    def _name(self, name: str, *, required: bool, value: str | None = None) -> str:
        text = clean(self.raw[name] if value is None else value)
        if not text:
            if required:
                self._missing(name)
            return ""
        if len(text) > MAX_LENGTH[name]:
            self._too_long(name)
        elif not NAME_RE.fullmatch(text) and not is_formula_like(text):
            self.errors.append(
                _(
                    "Поле «%(field)s» содержит недопустимые символы: «%(text)s».",
                    field=LABELS[name],
                    text=text,
                )
            )
        return normalize_person_name(text)

    def _school(self) -> int | None:
        text = clean(self.raw["school"])
        found = self.school_ids.get(normalize_school(text)) if text else None
        if self.fixed_school_id is not None:
            if text and found != self.fixed_school_id:
                self.errors.append(
                    _(
                        "Указана другая школа («%(school)s»): "
                        "координатор записывает только учеников своей школы.",
                        school=text[:100],
                    )
                )
            return self.fixed_school_id
        if not text:
            self._missing("school")
        elif found is None:
            self.errors.append(_("Школа не найдена в реестре: «%(school)s».", school=text[:100]))
        return found

    def _grade(self, name: str, *, required: bool) -> int | None:
        text = clean(self.raw[name])
        if not text:
            if required:
                self._missing(name)
            return None
        grade = parse_grade(text)
        if grade is None:
            self.errors.append(
                _("«%(field)s»: не число — «%(text)s».", field=LABELS[name], text=text[:20])
            )
        elif grade not in self.grades:
            self.errors.append(
                _(
                    "«%(field)s»: %(grade)s вне допустимых классов (%(grades)s).",
                    field=LABELS[name],
                    grade=grade,
                    grades=format_grades(list(self.grades)).replace("-", "–"),
                )
            )
            return None
        return grade

    def _consent(self, name: str) -> bool | None:
        text = clean(self.raw[name])
        value = parse_consent(text) if text else None
        if text and value is None and not is_formula_like(text):
            self.errors.append(
                _(
                    "«%(field)s»: непонятное значение «%(text)s» (ожидается «да» или «нет»).",
                    field=LABELS[name],
                    text=text[:30],
                )
            )
        return value

    def _publication(self) -> Publication:
        text = clean(self.raw["consent_publication"])
        if not text:
            return "none"  # no recorded consent is no consent
        value = parse_publication(text)
        if value is None:
            if not is_formula_like(text):
                self.errors.append(
                    _(
                        "«%(field)s»: непонятное значение «%(text)s» "
                        "(ожидается: ФИО, Фамилия и инициалы, Только шифр или Нет).",
                        field=LABELS["consent_publication"],
                        text=text[:30],
                    )
                )
            return "none"
        return value
