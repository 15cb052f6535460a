"""The annual report of the association for a plan year: the plan's theme and goal, the
meetings planned and held, the work between meetings, and the olympiad block built from the
results. The text is Russian: it is a document of the association, signed in Russian."""

from __future__ import annotations

from sqlalchemy import select

from olympiad.analysis import charts
from olympiad.analysis.data import OlympiadFigures, figures
from olympiad.analysis.sentences import association_of, summary
from olympiad.analysis.sentences import decimal as _f
from olympiad.certificates.designs import design_of
from olympiad.domain.awards import Status
from olympiad.domain.statistics import Flag, compare
from olympiad.extensions import db
from olympiad.models import Olympiad, Plan, PlanSection
from olympiad.pdf.annual_report import (
    AnnualReport,
    Chart,
    ChartRow,
    Heading,
    Signature,
    TableBlock,
    Text,
)
from olympiad.pdf.certificates import Kind
from olympiad.pdf.certificates.wording import russian_date
from olympiad.plan.document import venue_label
from olympiad.results.publication import public_name_of

TOP = 10  # participants in the list of the best
FLAG_TEXT = {
    Flag.TOO_EASY: "слишком лёгкое",
    Flag.TOO_HARD: "слишком трудное",
    Flag.NOT_DISCRIMINATING: "слабо различает",
}
STATUS_TEXT = {Status.WINNER: "победитель", Status.PRIZE_WINNER: "призёр"}
CHANGE_TEXT = {
    "schools": "Школ-участниц",
    "enrolled": "Заявлено участников",
    "present": "Участвовали",
    "winners": "Победителей",
    "prize_winners": "Призёров",
    "awarded_percent": "Победители и призёры, % участников",
    "average_percent": "Средний результат, % от максимума",
}


def previous_year(year: str) -> str:
    start, end = (int(part) for part in year.split("-"))
    return f"{start - 1}-{end - 1}"


def olympiads_of(year: str) -> list[Olympiad]:
    query = select(Olympiad).where(Olympiad.academic_year == year).order_by(Olympiad.id)
    return list(db.session.scalars(query))


def olympiads_of_plan(plan: Plan) -> list[Olympiad]:
    """The olympiads that fulfil an item of the plan (linked to it), not every olympiad of
    the year."""
    ids = [item.id for item in plan.items]
    if not ids:
        return []
    query = select(Olympiad).where(Olympiad.plan_item_id.in_(ids)).order_by(Olympiad.id)
    return list(db.session.scalars(query))


def _meetings(plan: Plan) -> list:
    held = [m for m in plan.meetings if m.held_on]
    blocks: list = [
        Heading("2. Заседания РМО"),
        Text(f"Запланировано заседаний: {len(plan.meetings)}, проведено: {len(held)}."),
    ]
    rows = []
    for m in plan.meetings:
        rows.append(
            [
                str(m.number),
                m.planned_when,
                russian_date(m.held_on) if m.held_on else "не проведено",
                m.held_venue or venue_label(m),
                f"«{m.topic.strip('«»')}»" if m.topic else "",
                "" if m.attendance_count is None else str(m.attendance_count),
            ]
        )
    blocks.append(
        TableBlock(
            ["№", "По плану", "Проведено", "Место", "Тема", "Присутствовали"],
            rows,
            [0.05, 0.12, 0.14, 0.2, 0.35, 0.14],
        )
    )
    for m in held:
        if m.open_event or m.decisions:
            blocks.append(Heading(f"Заседание № {m.number}", 2))
            if m.open_event:
                blocks.append(Text(m.open_event, "Открытое мероприятие:"))
            if m.decisions:
                blocks.append(Text(m.decisions, "Решения:"))
    return blocks


def _counts_table(counts, total, first: str) -> TableBlock:
    rows = [
        [
            c.name,
            str(c.enrolled),
            str(c.present),
            str(c.absent),
            f"{c.winners} ({_f(c.winners_percent)}%)",
            f"{c.prize_winners} ({_f(c.prize_winners_percent)}%)",
            _f(c.average_percent),
        ]
        for c in [*counts, total]
    ]
    rows[-1][0] = "Всего"
    headers = [first, "Заявлено", "Участвовали", "Не явились", "Победители", "Призёры", "Ср. %"]
    return TableBlock(headers, rows, [0.25, 0.1, 0.13, 0.11, 0.15, 0.15, 0.11], last_bold=True)


def _top(found: OlympiadFigures) -> TableBlock:
    lines = [
        (table, line)
        for table in found.tables
        for line in table.lines
        if line.status in (Status.WINNER, Status.PRIZE_WINNER)
    ]
    lines.sort(key=lambda pair: (pair[1].status != Status.WINNER, -pair[1].percent))
    rows = [
        [
            public_name_of(line.participant),
            line.participant.school.short_name,
            table.unit,
            _f(float(line.percent)),
            STATUS_TEXT[line.status],
        ]
        for table, line in lines[:TOP]
    ]
    return TableBlock(
        ["Участник", "Школа", "Класс", "% от макс.", "Статус"],
        rows,
        [0.32, 0.30, 0.1, 0.12, 0.16],
        caption="Имена — в форме, на которую родители дали согласие; иначе шифр.",
    )


def _olympiad_blocks(found: OlympiadFigures, previous: OlympiadFigures | None) -> list:
    olympiad, analysis = found.olympiad, found.analysis
    total = analysis.total
    blocks: list = [
        Heading(f"4. {olympiad.title}"),
        Text(summary(olympiad, total, len(analysis.schools))),
        Heading("4.1. Участники и итоги по школам", 2),
        _counts_table(analysis.schools, total, "Школа"),
        Chart(
            charts.schools(analysis.schools, total.average_percent, "Средний % от максимума"),
            "Рис. 1. Средний результат школ; пунктир — среднее по району.",
        ),
        Heading("4.2. Итоги по классам", 2),
        _counts_table(analysis.grades, total, "Класс"),
        TableBlock(
            ["Класс", "Участн.", "Среднее", "Медиана", "Мин.", "Макс.", "Ст. откл."],
            [
                [
                    u.name,
                    str(u.spread.count),
                    *(
                        _f(v)
                        for v in (
                            u.spread.mean,
                            u.spread.median,
                            u.spread.minimum,
                            u.spread.maximum,
                            u.spread.stdev,
                        )
                    ),
                ]
                for u in analysis.units
                if u.spread
            ],
            [0.16, 0.14, 0.14, 0.14, 0.14, 0.14, 0.14],
            caption="Результат в процентах от максимального балла.",
        ),
    ]
    blocks.append(
        ChartRow(
            [
                charts.distribution(u, f"{u.name} класс", "% от максимального балла", 235)
                for u in analysis.units
            ],
            "Рис. 2. Распределение результатов по классам: число участников, набравших "
            "0–10%, 10–20% … 90–100% максимального балла.",
        )
    )
    blocks += [Heading("4.3. Лучшие участники", 2), _top(found)]
    blocks += _tasks(found, 3)
    if previous is not None:
        blocks += _comparison(found, previous)
    return blocks


def _tasks(found: OlympiadFigures, figure: int) -> list:
    blocks: list = [
        Heading("4.4. Анализ заданий", 2),
        Text(
            "Выполнение — средний балл за задание в процентах от его максимума; индекс "
            "дискриминации — разность средних долей балла у 27% лучших и 27% худших "
            "участников. Отмечены задания с выполнением выше 85% или ниже 15% и с индексом "
            "меньше 0,2: их стоит пересмотреть в банке заданий."
        ),
    ]
    for paper in found.papers:
        rows, flagged = [], set()
        for index, t in enumerate(paper.tasks):
            note = ", ".join(FLAG_TEXT[f] for f in t.flags)
            wrong = [o for o in t.options if not o.correct and o.chosen]
            if wrong:
                popular = max(wrong, key=lambda o: o.chosen)
                note = "; ".join(
                    filter(
                        None, [note, f"чаще выбирали «{popular.label}» ({_f(popular.percent, 0)}%)"]
                    )
                )
            if t.flags:
                flagged.add(index)
            rows.append(
                [
                    t.task.label,
                    _f(t.task.max_points, 1).replace(",0", ""),
                    _f(t.completion),
                    _f(t.full, 0),
                    _f(t.zero, 0),
                    _f(t.discrimination, 2),
                    note,
                ]
            )
        blocks += [
            Heading(paper.name, 2),
            Chart(
                charts.completion(paper, f"Выполнение заданий, {paper.name}, %"),
                f"Рис. {figure}. Выполнение заданий; тёмные — отмеченные, пунктир — 15% и 85%.",
            ),
            TableBlock(
                ["№", "Макс.", "Выполн., %", "Полн., %", "Ноль, %", "Индекс", "Замечания"],
                rows,
                [0.06, 0.08, 0.12, 0.1, 0.1, 0.1, 0.44],
                highlight=flagged,
            ),
        ]
        figure += 1
    return blocks


def _comparison(found: OlympiadFigures, previous: OlympiadFigures) -> list:
    changes = compare(
        previous.analysis.total,
        found.analysis.total,
        (len(previous.analysis.schools), len(found.analysis.schools)),
    )
    digits = {"awarded_percent": 1, "average_percent": 1}
    rows = [
        [
            CHANGE_TEXT[c.name],
            _f(c.previous, digits.get(c.name, 0)),
            _f(c.current, digits.get(c.name, 0)),
            ("+" if (c.delta or 0) > 0 else "") + _f(c.delta, digits.get(c.name, 0)),
        ]
        for c in changes
    ]
    return [
        Heading("4.5. Сравнение с прошлым годом", 2),
        TableBlock(
            [
                "Показатель",
                previous.olympiad.academic_year,
                found.olympiad.academic_year,
                "Изменение",
            ],
            rows,
            [0.46, 0.18, 0.18, 0.18],
        ),
        Text(_conclusion({c.name: c for c in changes})),
    ]


def _conclusion(changes: dict) -> str:
    """One sentence a methodologist would write under the table."""
    enrolled, average = changes["enrolled"].delta or 0, changes["average_percent"].delta or 0
    more = "выросло" if enrolled > 0 else "сократилось" if enrolled < 0 else "не изменилось"
    count = f" на {abs(int(enrolled))}" if enrolled else ""
    if abs(average) < 1:
        level = "остался на прежнем уровне"
    else:
        level = f"{'повысился' if average > 0 else 'снизился'} на {_f(abs(average))} п. п."
    return (
        f"По сравнению с прошлым годом число заявленных участников {more}{count}, "
        f"средний результат {level.removesuffix('.')}."
    )


def annual_report(plan: Plan) -> AnnualReport:
    blocks: list = [
        Heading("1. Тема и цель работы"),
        Text(f"«{plan.theme.strip('«»')}»", "Методическая тема:"),
        Text(plan.goal, "Цель:"),
        *_meetings(plan),
        Heading("3. Работа между заседаниями"),
    ]
    between = plan.section_items(PlanSection.BETWEEN_MEETINGS)
    blocks += [Text(f"{n}. {item.text}") for n, item in enumerate(between, 1)] or [
        Text("Не запланирована.")
    ]
    earlier = {o.title: o for o in olympiads_of(previous_year(plan.academic_year))}
    signer = ""
    for olympiad in olympiads_of_plan(plan):
        found = figures(olympiad)
        if found is None:
            continue
        before = earlier.get(olympiad.title) or next(iter(earlier.values()), None)
        blocks += _olympiad_blocks(found, figures(before) if before else None)
        signer = signer or head_of(olympiad)
    return AnnualReport(
        title=f"Анализ работы {association_of(plan)} за {plan.academic_year} учебный год",
        academic_year=plan.academic_year,
        blocks=blocks,
        signature=Signature(
            "Руководитель РМО",
            signer,
            f"«___» ____________ {plan.academic_year[-4:]} г.",
        ),
    )


def head_of(olympiad: Olympiad) -> str:
    """The association's head as named under their line on the olympiad's letters."""
    for title, name in design_of(olympiad, Kind.MENTOR).signatories:
        if "РМО" in title and name.strip():
            return name.strip()
    return ""


def filenames(plan: Plan, ending: str = "pdf") -> tuple[str, str]:
    return (
        f"Анализ работы РМО {plan.academic_year}.{ending}",
        f"analysis-rmo-{plan.academic_year}.{ending}",
    )
