"""The online round: sittings of a grade group in a time window, each participant's attempt,
and the answers on their screen as they type them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from olympiad.models.base import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from olympiad.models.enrollment import Participant
    from olympiad.models.olympiads import GradeGroup, Olympiad
    from olympiad.models.tasks import PaperTask


class OnlineSitting(Base):
    """A grade group's paper written online, by all its schools or by the schools listed."""

    __tablename__ = "online_sitting"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="window_order"),
        CheckConstraint("time_limit_minutes > 0", name="limit_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    olympiad_id: Mapped[int] = mapped_column(ForeignKey("olympiad.id"), index=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("grade_group.id", ondelete="CASCADE"), index=True
    )
    school_ids: Mapped[list[int]] = mapped_column(JSON, default=list)  # empty: every school
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    time_limit_minutes: Mapped[int]
    # in a room under a supervisor who confirms attendance first, or at home
    supervised: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    olympiad: Mapped[Olympiad] = relationship()
    group: Mapped[GradeGroup] = relationship()
    attempts: Mapped[list[OnlineAttempt]] = relationship(back_populates="sitting")

    __mapper_args__ = {"version_id_col": version}


class OnlineAttempt(Base):
    """One participant's work in a sitting, from the moment they start it.

    Saves update it with plain UPDATE statements under a row lock (see online/attempts.py),
    not through a version column: a participant's saves are many and never conflict."""

    __tablename__ = "online_attempt"
    __table_args__ = (
        UniqueConstraint("participant_id"),
        CheckConstraint("extra_minutes >= 0", name="extra_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sitting_id: Mapped[int] = mapped_column(ForeignKey("online_sitting.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    extra_minutes: Mapped[int] = mapped_column(default=0)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    auto_submitted: Mapped[bool] = mapped_column(default=False)
    # the participant's screen: one task at a time ("one") or all on a page ("all"), and where
    layout: Mapped[str] = mapped_column(String(10), default="one")
    position: Mapped[int] = mapped_column(default=1)

    sitting: Mapped[OnlineSitting] = relationship(back_populates="attempts")
    participant: Mapped[Participant] = relationship()
    answers: Mapped[list[OnlineAnswer]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan"
    )


class OnlineAnswer(Base):
    """What the participant has on the screen for one task, as last saved.

    `seq` is the page's own counter of its saves of this task: a save with a lower number
    arrived late (the network reordered them) and never overwrites a newer one."""

    __tablename__ = "online_answer"
    __table_args__ = (
        UniqueConstraint("attempt_id", "paper_task_id"),
        CheckConstraint("seq >= 0", name="seq_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("online_attempt.id", ondelete="CASCADE"))
    paper_task_id: Mapped[int] = mapped_column(ForeignKey("paper_task.id"), index=True)
    value: Mapped[object | None] = mapped_column(JSON)  # the raw answer (domain/online.py)
    text: Mapped[str] = mapped_column(Text, default="")  # open answers: the text as typed
    answered: Mapped[bool] = mapped_column(default=False)  # anything chosen or typed
    seq: Mapped[int] = mapped_column(default=0)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    attempt: Mapped[OnlineAttempt] = relationship(back_populates="answers")
    paper_task: Mapped[PaperTask] = relationship()


class LateAnswer(Base):
    """An answer that reached the server only after the participant's deadline (typed before
    it, the page says, but kept in the browser while the connection was down).

    It is never scored by itself: it waits ("pending") for the organizer, who accepts it
    (then it becomes the task's answer and is scored like any other) or refuses it, with a
    reason; either way the row stays as the work's history. `client_left` is what the
    participant's countdown showed when it was typed: informative only, a browser can lie.
    `seq` follows the task's save counter: only a number above the acknowledged one is kept."""

    __tablename__ = "online_late_answer"
    __table_args__ = (
        UniqueConstraint("attempt_id", "paper_task_id"),
        CheckConstraint("seq > 0", name="late_seq_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("online_attempt.id", ondelete="CASCADE"), index=True
    )
    paper_task_id: Mapped[int] = mapped_column(ForeignKey("paper_task.id"))
    value: Mapped[object | None] = mapped_column(JSON)
    text: Mapped[str] = mapped_column(Text, default="")
    answered: Mapped[bool] = mapped_column(default=False)
    seq: Mapped[int]
    client_left: Mapped[int | None]
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # pending, accepted, refused, or superseded (a newer answer was acknowledged meanwhile)
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")

    attempt: Mapped[OnlineAttempt] = relationship()
    paper_task: Mapped[PaperTask] = relationship()
