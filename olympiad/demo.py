"""A realistic demo district: schools of the Selenginsky and Tarbagatai districts, accounts,
the association's real 2020-2021 plan. Later areas add their step to STEPS."""

from collections.abc import Callable
from datetime import date

from sqlalchemy import func, select

from olympiad.analysis.demo import load_meeting_records, load_previous_year
from olympiad.auth.passwords import hash_password
from olympiad.certificates.demo import load_certificates
from olympiad.enrollment.demo import load_olympiad
from olympiad.extensions import db
from olympiad.marking.demo import load_marking
from olympiad.models import JuryMember, Role, School, User
from olympiad.online.demo import load_online
from olympiad.plan.services import load_seed
from olympiad.results.demo import load_results
from olympiad.tasks.demo import load_bank

DEMO_PASSWORD = "demo-2020-2021"  # noqa: S105  (printed for the demo on purpose)

SELENGA = "МО «Селенгинский район»»"
TARBAGATAI = "МО «Тарбагатайский район»"

SCHOOLS = [
    ("МБОУ «Селенгинская СОШ»", "Селенгинская СОШ", SELENGA),
    ("МАОУ «Гусиноозёрская гимназия»", "Гусиноозёрская гимназия", SELENGA),
    ("МБОУ «Гусиноозёрская СОШ № 1»", "Гусиноозёрская СОШ № 1", SELENGA),
    ("МБОУ «Гусиноозёрская СОШ № 4»", "Гусиноозёрская СОШ № 4", SELENGA),
    ("МБОУ «Новоселенгинская СОШ»", "Новоселенгинская СОШ", SELENGA),
    ("МБОУ «Тарбагатайская СОШ»", "Тарбагатайская СОШ", TARBAGATAI),
    ("МБОУ «Нижнежиримская СОШ»", "Нижнежиримская СОШ", TARBAGATAI),
    ("МБОУ «Саянтуйская СОШ»", "Саянтуйская СОШ", TARBAGATAI),
]

COORDINATORS = [
    "Доржиева Светлана Бадмаевна",
    "Иванова Наталья Петровна",
    "Петрова Ольга Викторовна",
    "Цыренова Туяна Владимировна",
    "Смирнова Елена Александровна",
    "Кузнецова Галина Ивановна",
    "Федорова Марина Николаевна",
    "Бальжинимаева Оюна Цыреновна",
]

JURORS = [
    ("jury1", "Андреева Людмила Михайловна"),
    ("jury2", "Будаева Сэсэг Дашиевна"),
    ("jury3", "Васильева Ирина Сергеевна"),
    ("jury4", "Гармаева Дарима Баировна"),
]


def database_is_empty() -> bool:
    return not (
        db.session.scalar(select(func.count(User.id)))
        or db.session.scalar(select(func.count(School.id)))
    )


def erase_all() -> None:
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.flush()
    db.session.expunge_all()


def load_schools_and_accounts() -> None:
    password_hash = hash_password(DEMO_PASSWORD)
    db.session.add(
        User(
            login="organizer",
            full_name="Николаева Татьяна Геннадьевна",
            role=Role.ORGANIZER,
            password_hash=password_hash,
            email="rmo@example.org",
        )
    )
    for number, ((full, short, municipality), coordinator) in enumerate(
        zip(SCHOOLS, COORDINATORS, strict=True), start=1
    ):
        school = School(
            full_name=full,
            short_name=short,
            municipality=municipality,
            contact=f"school{number}@example.org",
        )
        db.session.add(school)
        db.session.add(
            User(
                login=f"coord{number}",
                full_name=coordinator,
                role=Role.COORDINATOR,
                school=school,
                password_hash=password_hash,
            )
        )
    for login, name in JURORS:
        db.session.add(
            User(login=login, full_name=name, role=Role.JUROR, password_hash=password_hash)
        )
    db.session.flush()


def load_plan() -> None:
    """The 2020-2021 plan from the shipped seed, through the same importer as an upload,
    approved by the head of the district's education department."""
    plan = load_seed()
    plan.approver_position = "Начальник МКУ «Управление образования\nМО «Селенгинский район»»"
    plan.approver_name = "С. Д. Очирова"  # a demo name, as on the diplomas
    plan.approved_on = date(2020, 9, 1)
    db.session.flush()


STEPS: list[Callable[[], None]] = [
    load_schools_and_accounts,
    load_plan,
    load_olympiad,
    load_bank,
    load_online,
    load_marking,
    load_results,
    load_certificates,
    load_previous_year,
    load_meeting_records,
]


def load(until: Callable[[], None] | None = None) -> None:
    """Every step, or the steps up to and including `until` (tests of one stage)."""
    for step in STEPS:
        step()
        if step is until:
            break


def print_logins(echo: Callable[[str], None]) -> None:
    order = {Role.ORGANIZER: 0, Role.COORDINATOR: 1, Role.JUROR: 2}
    users = sorted(
        db.session.scalars(select(User)), key=lambda user: (order[user.role], user.login)
    )
    chairs = set(db.session.scalars(select(JuryMember.user_id).where(JuryMember.is_chair)))
    echo(f"Демо-пароль для всех учётных записей: {DEMO_PASSWORD}")
    for user in users:
        school = f" — {user.school.short_name}" if user.school else ""
        chair = " — председатель жюри" if user.id in chairs else ""
        echo(f"  {user.login:<10} {user.role.value:<12} {user.full_name}{school}{chair}")
