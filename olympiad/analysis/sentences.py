"""The sentences of the annual report: each number in them is a field of the same totals
the tables print, formatted as the tables format it."""

from __future__ import annotations

import re

from olympiad.domain.statistics import Count
from olympiad.models import Olympiad, Plan
from olympiad.pdf.certificates.wording import russian_date


def decimal(value: float | None, digits: int = 1) -> str:
    """43.75 -> «43,8», as every table and sentence of the report prints a figure."""
    return "—" if value is None else f"{value:.{digits}f}".replace(".", ",")


_ASSOCIATION = re.compile(r"(районного\s+методического\s+объединения.*?)\s+на\s+\d{4}", re.I | re.S)


def association_of(plan: Plan) -> str:
    """The association as the plan names it, in the genitive: «районного методического
    объединения педагогов-библиотекарей»."""
    found = _ASSOCIATION.search(plan.title or "")
    return " ".join(found.group(1).split()) if found else "районного методического объединения"


def order_words(olympiad: Olympiad) -> str:
    """«приказом от 22.03.2021 № 112-од», or "" without an order."""
    if not (olympiad.final_order and olympiad.final_order_date):
        return ""
    number = olympiad.final_order.strip().removeprefix("№").strip()
    return f"приказом от {olympiad.final_order_date.strftime('%d.%m.%Y')} № {number}"


def summary(olympiad: Olympiad, total: Count, schools: int) -> str:
    """The olympiad in one paragraph; every number is a field of the totals row of the
    tables (`total`), formatted as the tables format it."""
    when = russian_date(olympiad.held_on) if olympiad.held_on else ""
    came = f"участвовали {total.present}, не явились {total.absent}"
    if total.disqualified:
        one = total.disqualified % 10 == 1 and total.disqualified % 100 != 11
        came += f", дисквалифицирован{'' if one else 'ы'} {total.disqualified}"
    order = order_words(olympiad)
    return (
        f"Олимпиада проведена {when} ({olympiad.venue or 'место не указано'}). "
        f"Заявлено {total.enrolled} обучающихся из {schools} школ, {came}. "
        f"Победителей — {total.winners} ({decimal(total.winners_percent)}% участников), "
        f"призёров — {total.prize_winners} ({decimal(total.prize_winners_percent)}%), "
        f"всего победителей и призёров — {total.awarded} ({decimal(total.awarded_percent)}%). "
        f"Средний результат — {decimal(total.average_percent)}% от максимального балла."
        + (f" Итоги утверждены {order}." if order else "")
    )
