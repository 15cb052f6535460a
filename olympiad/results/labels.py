"""Words of the results documents: statuses, table titles, the state of the results, and the
jury's signature block."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from olympiad.domain.awards import Status
from olympiad.domain.olympiad_rules import FROZEN
from olympiad.extensions import db
from olympiad.models import JuryMember, Olympiad

if TYPE_CHECKING:
    from olympiad.results.tables import Table

STATUS_NAMES = {
    Status.WINNER: _l("победитель"),
    Status.PRIZE_WINNER: _l("призёр"),
    Status.PARTICIPANT: _l("участник"),
    Status.UNDECIDED: _l("решает жюри"),
}

BLANK_SIGNATURE = "________________"
BLANK_NAME = "______________________"


def status_name(status: Status | None) -> str:
    """'призёр'; an empty string for someone who has no status (absent, disqualified)."""
    return str(STATUS_NAMES[Status(status)]) if status else ""


def status_labels() -> Callable[[Status | None], str]:
    """`status_name` with each name translated once: for a page of many lines. Translated at
    the first use, not before: every page gets this function, few show a status."""
    names: dict = {}

    def label(status: Status | None) -> str:
        if not status:
            return ""
        if not names:
            names.update((key, str(name)) for key, name in STATUS_NAMES.items())
        return names[status]

    return label


def table_title(table: Table) -> str:
    """'7 класс' or 'Группа 9–11 классов'."""
    if not table.by_group:
        return _("%(grade)s класс", grade=table.unit)
    if re.search(r"[^\W\d_]", table.unit):  # a group named in words: "Старшие классы"
        return _("Группа «%(name)s»", name=table.unit)
    return _("Группа %(name)s классов", name=table.unit)


def day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def points(value: Decimal | float | None) -> str:
    """4.5 -> '4,5', 4 -> '4', None -> '—' (as printed in Russian documents)."""
    if value is None:
        return "—"
    return f"{float(value):g}".replace(".", ",")


def percent(value: Decimal | float | None) -> str:
    """72.2 -> '72,2', 50 -> '50,0'."""
    if value is None:
        return "—"
    return f"{float(value):.1f}".replace(".", ",")


def state_line(olympiad: Olympiad) -> str:
    """'Предварительные результаты', or 'Итоговые результаты (утверждены приказом № … от …)'."""
    if olympiad.status not in FROZEN:
        return _("Предварительные результаты")
    order, when = olympiad.final_order.strip(), day(olympiad.final_order_date)
    if order and when:
        return _(
            "Итоговые результаты (утверждены приказом № %(order)s от %(date)s)",
            order=order,
            date=when,
        )
    if order:
        return _("Итоговые результаты (утверждены приказом № %(order)s)", order=order)
    return _("Итоговые результаты")


_STAGE = re.compile(r"^(\w+?)(?:ый|ий|ой)\s+этап\s+", re.IGNORECASE)


def protocol_title(olympiad: Olympiad) -> str:
    """'Протокол жюри муниципального этапа олимпиады …' from the olympiad's title."""
    title = " ".join(olympiad.title.split())
    match = _STAGE.match(title)
    if match:
        stage = match.group(1).lower() + "ого этапа "
        return _("Протокол жюри %(rest)s", rest=stage + title[match.end() :])
    return _("Протокол жюри: %(title)s", title=title)


def counts_line(table: Table) -> str:
    return _(
        "Максимальный балл: %(max)s · участников: %(n)s · победителей: %(w)s · призёров: %(p)s",
        max=points(table.max_total),
        n=len(table.lines),
        w=table.count(Status.WINNER),
        p=table.count(Status.PRIZE_WINNER),
    )


def override_note(line) -> str:
    """'Статус изменён организатором (по правилам — участник): причина'."""
    override = line.override
    if override is None:
        return ""
    return _(
        "Статус изменён организатором (по правилам — %(computed)s): %(reason)s",
        computed=status_name(line.computed),
        reason=" ".join(override.reason.split()),
    )


def initials(full_name: str) -> str:
    """'Андреева Людмила Михайловна' -> 'Л. М. Андреева', as under a signature."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name.strip()
    return " ".join([*(f"{p[0]}." for p in parts[1:3]), parts[0]])


def signatures(olympiad: Olympiad, table: Table | None = None) -> list[tuple[str, str]]:
    """(role, name) lines of the signature block: the chair, then the members of the jury who
    mark this table's grades; blank lines to fill in by hand when the jury is not recorded."""
    members = db.session.scalars(
        select(JuryMember)
        .where(JuryMember.olympiad_id == olympiad.id)
        .options(joinedload(JuryMember.user))
        .order_by(JuryMember.id)
    ).all()
    group = table.paper.group_id if table is not None and table.paper is not None else None
    chair = next((m for m in members if m.is_chair), None)
    others = sorted(
        (
            m
            for m in members
            if not m.is_chair and (group is None or not m.group_ids or group in m.group_ids)
        ),
        key=lambda m: m.user.full_name.casefold(),
    )
    lines = [(_("Председатель жюри"), initials(chair.user.full_name) if chair else BLANK_NAME)]
    names = [initials(m.user.full_name) for m in others] or [BLANK_NAME] * 3
    for n, name in enumerate(names):
        lines.append((_("Члены жюри") if n == 0 else "", name))
    return lines
