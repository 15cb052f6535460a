"""The jury of an olympiad and its marking settings. They flush; the view commits."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import func, select

from olympiad import audit
from olympiad.domain.marking import FinalRule
from olympiad.domain.person_names import Case, decline_full
from olympiad.extensions import db
from olympiad.marking.answers import AFTER_MARKING, MarkingError
from olympiad.marking.works import papers_of
from olympiad.models import JuryMember, Mark, MarkSlot, Olympiad, PaperTask, Role, User
from olympiad.versions import is_stale


def members(olympiad: Olympiad) -> list[JuryMember]:
    query = select(JuryMember).where(JuryMember.olympiad_id == olympiad.id)
    return sorted(db.session.scalars(query), key=lambda m: (not m.is_chair, m.user.full_name))


def candidates(olympiad: Olympiad) -> list[User]:
    """Active jury accounts not yet on this olympiad's jury."""
    taken = select(JuryMember.user_id).where(JuryMember.olympiad_id == olympiad.id)
    query = select(User).where(
        User.role == Role.JUROR, User.active.is_(True), User.id.not_in(taken)
    )
    return list(db.session.scalars(query.order_by(User.full_name)))


def _check_editable(olympiad: Olympiad) -> None:
    if olympiad.status in AFTER_MARKING:
        raise MarkingError(_("Проверка работ завершена: состав жюри и настройки не меняются."))


def _snapshot(member: JuryMember) -> dict:
    return {
        "user": member.user.login,
        "chair": member.is_chair,
        "groups": member.group_ids,
        "tasks": member.paper_task_ids,
    }


def _only_chair(olympiad: Olympiad, member: JuryMember) -> None:
    for other in members(olympiad):
        if other is not member:
            other.is_chair = False


def appoint(actor: User, olympiad: Olympiad, user_id: int, is_chair: bool) -> JuryMember:
    _check_editable(olympiad)
    user = db.session.get(User, user_id)
    if user is None or user.role != Role.JUROR or not user.active:
        raise MarkingError(_("В жюри можно включить только действующую учётную запись члена жюри."))
    if any(m.user_id == user.id for m in members(olympiad)):
        raise MarkingError(_("%(name)s уже в жюри этой олимпиады.", name=user.full_name))
    member = JuryMember(olympiad_id=olympiad.id, user=user, is_chair=is_chair)
    db.session.add(member)
    if is_chair:
        _only_chair(olympiad, member)
    db.session.flush()
    audit.record(actor, "jury_appointed", member, new=_snapshot(member))
    from olympiad.mail import events

    events.jury_appointed(member, olympiad)
    return member


def update_member(
    actor: User, member: JuryMember, is_chair: bool, group_ids: list[int], task_ids: list[int]
) -> None:
    olympiad = db.session.get(Olympiad, member.olympiad_id)
    _check_editable(olympiad)
    groups = {g.id for g in olympiad.groups}
    items = {i.id for paper in papers_of(olympiad).values() for i in paper.items}
    if not set(group_ids) <= groups or not set(task_ids) <= items:
        raise MarkingError(_("Таких групп или заданий в этой олимпиаде нет. Обновите страницу."))
    old = _snapshot(member)
    member.is_chair = is_chair
    member.group_ids = sorted(set(group_ids))
    member.paper_task_ids = sorted(set(task_ids))
    if is_chair:
        _only_chair(olympiad, member)
    db.session.flush()
    audit.record(actor, "jury_changed", member, old=old, new=_snapshot(member))


def remove_member(actor: User, member: JuryMember) -> None:
    _check_editable(db.session.get(Olympiad, member.olympiad_id))
    marked = db.session.scalar(
        select(func.count(Mark.id))
        .join(PaperTask)
        .where(Mark.juror_id == member.user_id, PaperTask.paper.has(olympiad_id=member.olympiad_id))
    )
    if marked:
        raise MarkingError(
            _(
                "У %(name)s уже есть оценки (%(n)s): из жюри не исключить. Можно изменить "
                "назначение.",
                name=decline_full(member.user.full_name, Case.GENITIVE),
                n=marked,
            )
        )
    audit.record(actor, "jury_removed", member, old=_snapshot(member))
    db.session.delete(member)
    db.session.flush()


def parse_tolerance(text: str) -> float:
    try:
        value = Decimal((text or "").strip().replace(",", "."))
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0 or (value * 2) % 1 or value > 100:
        raise MarkingError(_("Допустимое расхождение — число баллов от 0, целое или с половиной."))
    return float(value)


def save_settings(
    actor: User,
    olympiad: Olympiad,
    tolerance: str,
    rule: str,
    markers: dict[int, int],
    version: int | None,
) -> None:
    """The tolerance, the rule and how many jury members mark each open task."""
    _check_editable(olympiad)
    if is_stale(version, olympiad.version):
        raise MarkingError(
            _("Пока вы редактировали, настройки изменил другой пользователь. Обновите страницу.")
        )
    value = parse_tolerance(tolerance)
    if rule not in {r.value for r in FinalRule}:
        raise MarkingError(_("Выберите правило итоговой оценки."))
    items = {i.id: i for paper in papers_of(olympiad).values() for i in paper.items}
    old = {"tolerance": olympiad.marking_tolerance, "rule": olympiad.marking_rule.value}
    changed = {}
    for item_id, count in markers.items():
        item = items.get(item_id)
        if item is None or count not in (1, 2):
            raise MarkingError(_("Таких заданий в этой олимпиаде нет. Обновите страницу."))
        if item.markers != count:
            if count == 1 and _has_second(item):
                raise MarkingError(
                    _(
                        "Задание %(n)s уже проверяют дважды, и вторые оценки есть: одну "
                        "проверку вернуть нельзя.",
                        n=item.position,
                    )
                )
            changed[item.id] = count
            item.markers = count
    olympiad.marking_tolerance, olympiad.marking_rule = value, FinalRule(rule)
    db.session.flush()
    audit.record(
        actor,
        "marking_settings",
        olympiad,
        old=old,
        new={"tolerance": value, "rule": rule, "markers": changed},
    )


def _has_second(item: PaperTask) -> bool:
    query = select(Mark.id).where(Mark.paper_task_id == item.id, Mark.slot == MarkSlot.SECOND)
    return db.session.scalar(query.limit(1)) is not None
