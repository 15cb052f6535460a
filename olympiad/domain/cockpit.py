"""Where an olympiad stands and what the organizer should do next.

The organizer's home shows each current olympiad as a row of stages (draft → … → archived),
one next step as the primary button, and the warnings that block that step. The rules here
take plain facts (counts, dates) and return plain data, so every stage is tested without a
database:

- The next step of a stage is the move to the following stage, except where the organizer
  has work left in the same stage: results are approved by the jury chair, not by the
  organizer (the organizer waits and watches the appeals), and a published olympiad first
  gets its certificates; archiving comes only after that.
- A warning names what would make the next step fail or go wrong: a grade group without a
  paper, no jury or no chair, registration closing soon with schools that enrolled nobody,
  attendance not marked, works not marked, discrepancies, appeals pending or an appeal
  window that has not ended.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from olympiad.domain.olympiad_rules import OlympiadStatus as S

STAGES: tuple[S, ...] = tuple(S)
SOON_DAYS = 3  # registration "closes soon" this many days ahead


@dataclass(frozen=True)
class Facts:
    """What the cockpit knows of one olympiad; counts not needed at a stage may stay zero."""

    status: S
    today: date
    now: datetime | None = None
    registration_closes_on: date | None = None
    held_on: date | None = None
    schools: int = 0  # active schools of the district
    schools_without_participants: tuple[str, ...] = ()
    participants: int = 0
    present: int = 0
    attendance_unknown: int = 0
    groups_without_paper: tuple[str, ...] = ()
    jurors: int = 0
    has_chair: bool = False
    works: int = 0
    works_complete: int = 0
    discrepancies: int = 0
    writing_online: int = 0
    appeals_pending: int = 0
    appeals_close_at: datetime | None = None
    certificates: int = 0


@dataclass(frozen=True)
class Step:
    status: S
    state: str  # "done", "current" or "todo"


@dataclass(frozen=True)
class Warning:
    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Cockpit:
    steps: list[Step]
    next_step: str
    warnings: list[Warning]
    counts: list[tuple[str, int | str]]


# the organizer's next step in each stage (a key the screen turns into a button)
NEXT_STEP: dict[S, str] = {
    S.DRAFT: "open_registration",
    S.REGISTRATION_OPEN: "close_registration",
    S.REGISTRATION_CLOSED: "mark_held",
    S.HELD: "start_marking",
    S.MARKING: "close_marking",
    S.PRELIMINARY: "await_approval",
    S.FINAL: "publish",
    S.PUBLISHED: "issue_certificates",
    S.ARCHIVED: "none",
}


def steps(status: S) -> list[Step]:
    at = STAGES.index(status)
    return [
        Step(stage, "done" if i < at else "current" if i == at else "todo")
        for i, stage in enumerate(STAGES)
    ]


def next_step(facts: Facts) -> str:
    if facts.status == S.PUBLISHED and facts.certificates:
        return "archive"
    return NEXT_STEP[facts.status]


def warnings(facts: Facts) -> list[Warning]:
    status, found = facts.status, []
    before_day = status in (S.DRAFT, S.REGISTRATION_OPEN, S.REGISTRATION_CLOSED)
    if before_day or status == S.HELD:
        if facts.groups_without_paper:
            found.append(Warning("no_paper", {"groups": ", ".join(facts.groups_without_paper)}))
        if not facts.jurors:
            found.append(Warning("no_jury"))
        elif not facts.has_chair:
            found.append(Warning("no_chair"))
    if status == S.REGISTRATION_OPEN and facts.schools_without_participants:
        closes = facts.registration_closes_on
        if closes is None or (closes - facts.today).days <= SOON_DAYS:
            found.append(
                Warning(
                    "schools_without_participants",
                    {
                        "n": len(facts.schools_without_participants),
                        "schools": ", ".join(facts.schools_without_participants),
                    },
                )
            )
    if status in (S.REGISTRATION_CLOSED, S.HELD) and facts.participants == 0:
        found.append(Warning("no_participants"))
    if status == S.HELD and facts.attendance_unknown:
        found.append(Warning("attendance_unknown", {"n": facts.attendance_unknown}))
    if status == S.HELD and facts.writing_online:
        found.append(Warning("writing_online", {"n": facts.writing_online}))
    if status == S.MARKING:
        unmarked = facts.works - facts.works_complete
        if unmarked:
            found.append(Warning("works_unmarked", {"n": unmarked}))
        if facts.discrepancies:
            found.append(Warning("discrepancies", {"n": facts.discrepancies}))
    if status == S.PRELIMINARY:
        if facts.appeals_pending:
            found.append(Warning("appeals_pending", {"n": facts.appeals_pending}))
        if facts.appeals_close_at is None:
            found.append(Warning("appeal_window_unset"))
        elif facts.now is not None and facts.now < facts.appeals_close_at:
            found.append(Warning("appeal_window_open", {"until": facts.appeals_close_at}))
    return found


def percent(part: int, whole: int) -> int:
    """A whole percentage, rounded down, so 99.6 % never shows as 100 % before it is done."""
    return part * 100 // whole if whole else 0


def counts(facts: Facts) -> list[tuple[str, int | str]]:
    """The figures that matter at the stage, as (key, value)."""
    status = facts.status
    if status in (S.DRAFT, S.REGISTRATION_OPEN):
        enrolled = facts.schools - len(facts.schools_without_participants)
        return [
            ("schools_enrolled", enrolled),
            ("schools_without", len(facts.schools_without_participants)),
            ("participants", facts.participants),
        ]
    if status in (S.REGISTRATION_CLOSED, S.HELD):
        return [("participants", facts.participants), ("present", facts.present)]
    if status == S.MARKING:
        return [
            ("present", facts.present),
            ("works_marked", f"{percent(facts.works_complete, facts.works)} %"),
            ("discrepancies", facts.discrepancies),
        ]
    if status == S.PRELIMINARY:
        return [("present", facts.present), ("appeals_pending", facts.appeals_pending)]
    return [("participants", facts.participants), ("certificates", facts.certificates)]


def cockpit(facts: Facts) -> Cockpit:
    return Cockpit(steps(facts.status), next_step(facts), warnings(facts), counts(facts))


# what a school's coordinator does at each stage, in order (keys the screen turns into links)
COORDINATOR_TASKS: dict[S, tuple[str, ...]] = {
    S.REGISTRATION_OPEN: ("enroll",),
    S.REGISTRATION_CLOSED: ("print_slips", "the_day"),
    S.HELD: ("wait_marking",),
    S.MARKING: ("wait_marking",),
    S.PRELIMINARY: ("results", "appeals"),
    S.FINAL: ("results", "certificates"),
    S.PUBLISHED: ("results", "certificates"),
}


def coordinator_tasks(status: S) -> tuple[str, ...]:
    return COORDINATOR_TASKS.get(status, ())
