"""Every PDF builder takes any text the app accepts: markup-like, long, every script it
prints, many lines. The result opens in a PDF reader and its text can be extracted."""

import inspect
import io
import pkgutil
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

import olympiad.pdf
from olympiad.pdf import (
    annual_report,
    appeals,
    cards,
    enrollment,
    paper_sheets,
    papers,
    plan,
    public_protocol,
)
from olympiad.pdf.certificates import Certificate, Kind, default_designs, render_one
from olympiad.pdf.paper_parts import PaperData, PaperItem
from olympiad.text import check_printable, check_text, printable_characters
from tests.hardening.hostile import (
    FORBIDDEN,
    LETTER_CLASSES,
    MARKUP,
    UNPRINTABLE_NAMES,
    accepted_text,
)


def _paper(s: str) -> PaperData:
    one = s or "—"
    keys = [
        ("single_choice", {"options": [one, "Б"], "correct": 0}),
        ("multiple_choice", {"options": [one, "Б", "В"], "correct": [0, 2], "mode": "partial"}),
        (
            "matching",
            {
                "left": [one, "x"],
                "right": [one, "y"],
                "pairs": [[0, 0], [1, 1]],
                "mode": "per_pair",
            },
        ),
        ("ordering", {"items": [one, "x"], "order": [1, 0], "mode": "partial"}),
        ("short_answer", {"accepted": [one, "ответ"]}),
        ("number", {"value": 1.5, "tolerance": 0}),
        ("open", {"criteria": [{"title": one, "max": 5, "description": one}]}),
    ]
    items = [
        PaperItem(n, f"T-{n}", kind, s, 5 if kind == "open" else 1, key)
        for n, (kind, key) in enumerate(keys, start=1)
    ]
    return PaperData(s, "2020-2021", "7–8", 60, items, instructions=s, held_on=date(2021, 3, 1))


def _appeal(s: str) -> appeals.AppealRecord:
    return appeals.AppealRecord(
        number=1,
        cipher=s[:20],
        grade=9,
        task=s,
        task_short=s[:40],
        filed_on="01.03.2021",
        filed_by="участник",
        reasoning=s,
        old_points="3",
        new_points="4",
        outcome="удовлетворена",
        reason=s,
        decided_on="02.03.2021",
        accepted=True,
    )


def _certificate(s: str) -> Certificate:
    return Certificate(
        kind=Kind.WINNER,
        serial="2020-2021/ИК/0001",
        verify_url="https://olymp.example.ru/v/K7MX000001",
        full_name=s,
        school=s,
        grade=9,
        olympiad=s,
        year="2020-2021",
        status="победитель",
        place=1,
        issued_on=date(2021, 3, 15),
        participant="",
    )


def _report(s: str) -> annual_report.AnnualReport:
    return annual_report.AnnualReport(
        title=s,
        academic_year="2020-2021",
        blocks=[
            annual_report.Heading(s),
            annual_report.Text(s, bold_lead=s[:20]),
            annual_report.TableBlock(["Школа", "Участников"], [[s, "3"], [s[:10], s]], caption=s),
        ],
        signature=annual_report.Signature(s[:80], s, s[:40]),
    )


def _plan(s: str) -> plan.PlanDocument:
    return plan.PlanDocument(
        title=s,
        academic_year="2020-2021",
        theme=s,
        goal=s,
        objectives=[s, "Задача"],
        directions=[plan.DirectionBlock("4.1", s, [s])],
        meetings=[plan.MeetingRow(1, s, s, s, s, [s, s])],
        between_meetings=[s],
        approved_by=[s],
        approver_name=s,
        approved_on=s,
    )


# builder name -> a function making the whole document from one hostile string
BUILDERS = {
    "build_booklet": lambda s: papers.build_booklet(_paper(s)),
    "build_answer_sheet": lambda s: paper_sheets.build_answer_sheet(_paper(s)),
    "build_key": lambda s: paper_sheets.build_key(_paper(s)),
    "build_appeal_protocol": lambda s: appeals.build_appeal_protocol(
        appeals.AppealProtocol(s, "2020-2021", s, s, _appeal(s))
    ),
    "build_grade_protocol": lambda s: appeals.build_grade_protocol(
        appeals.GradeProtocol(s, "2020-2021", s, s, 9, s, [_appeal(s), _appeal(s[::-1])])
    ),
    "build_attendance_sheets": lambda s: enrollment.build_attendance_sheets(
        enrollment.AttendanceData(
            s,
            date(2021, 3, 1),
            [enrollment.RoomGroup(s[:30], 7, [enrollment.Person(s, s, 7)] * 3)],
        )
    ),
    "build_cipher_key": lambda s: enrollment.build_cipher_key(
        enrollment.CipherKeyData(s, s, [enrollment.KeyRow("A-001", s, s, 8)] * 3)
    ),
    "build_cipher_labels": lambda s: cards.build_cipher_labels(
        cards.CipherLabelsData(s, [cards.Label("A-001", 8)])
    ),
    "build_access_slips": lambda s: cards.build_access_slips(
        cards.AccessSlipsData(
            s, "https://o.example.ru/p", [cards.SchoolSlips(s, [cards.Slip(s, 8, "K7MX-1234")])]
        )
    ),
    "build_annual_report": lambda s: annual_report.build_annual_report(_report(s)),
    "build_plan_pdf": lambda s: plan.build_plan_pdf(_plan(s)),
    "build_public_protocol": lambda s: public_protocol.build_public_protocol(
        public_protocol.PublicProtocol(
            title=s,
            academic_year="2020-2021",
            unit=s[:30],
            order=s,
            max_total="60",
            rows=[public_protocol.PublicRow(1, s, s, "55,5", "92,5", s[:40])] * 3,
            note=s,
        )
    ),
    "render_one": lambda s: render_one(_certificate(s), default_designs()[Kind.WINNER]),
}


def _readable(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_every_builder_is_driven():
    """A new build_xxx in olympiad/pdf/ cannot be left out of the property below."""
    found = set()
    for module in pkgutil.walk_packages(olympiad.pdf.__path__, "olympiad.pdf."):
        mod = __import__(module.name, fromlist=["_"])
        found |= {
            name
            for name, fn in inspect.getmembers(mod, inspect.isfunction)
            if name.startswith("build_") and fn.__module__ == module.name
        }
    assert found - set(BUILDERS) == set()


@pytest.mark.parametrize("name", sorted(BUILDERS))
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=accepted_text)
def test_builder_takes_hostile_text(name, text):
    _readable(BUILDERS[name](text))


@pytest.mark.parametrize("name", ["build_attendance_sheets", "build_cipher_key"])
def test_markup_in_a_school_name_is_printed_as_written(name):
    content = _readable(BUILDERS[name](MARKUP[0]))
    assert "Гимназия <b>№2" in content


def test_a_long_appeal_flows_across_pages():
    long = ("Прошу пересмотреть оценку, так как ответ полный. " * 40)[:1500]
    many_lines = "\n".join(f"довод {n}" for n in range(150))
    grade = appeals.build_grade_protocol(
        appeals.GradeProtocol("О", "2020-2021", "", "И", 9, "1.1", [_appeal(long)] * 3)
    )
    assert len(PdfReader(io.BytesIO(grade)).pages) >= 2
    one = appeals.build_appeal_protocol(
        appeals.AppealProtocol("О", "2020-2021", "", "И", _appeal(many_lines))
    )
    assert "довод 149" in _readable(one)


@pytest.mark.parametrize("letters", sorted(LETTER_CLASSES))
def test_every_accepted_letter_prints(letters):
    """Each class of letter a name may hold has a glyph in every bundled font and comes
    back out of a diploma."""
    chars = LETTER_CLASSES[letters]
    assert set(chars) <= printable_characters()
    assert check_printable(chars, "Имя") is None
    pdf = render_one(_certificate(chars), default_designs()[Kind.WINNER])
    assert chars[:12] in _readable(pdf).replace(" ", "")


@pytest.mark.parametrize("name", UNPRINTABLE_NAMES)
def test_names_the_documents_cannot_print_are_refused(name):
    message = check_printable(name, "Фамилия")
    assert message and "«Фамилия»" in message and "кириллицей или латиницей" in message


@pytest.mark.parametrize("value", FORBIDDEN)
def test_controls_and_bidi_are_refused(value):
    message = check_text(value, "Школа")
    assert message and "«Школа»" in message and "U+" in message
