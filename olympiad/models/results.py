"""Results: the organizer's status overrides, the frozen final results, and appeals."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from olympiad.domain.awards import Status
from olympiad.models.base import Base, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from olympiad.models.enrollment import Participant
    from olympiad.models.people import User
    from olympiad.models.tasks import PaperTask


class StatusOverride(Base):
    """The organizer's decision on one participant's status, with the reason; it beats the rules."""

    __tablename__ = "status_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[Status] = mapped_column(str_enum(Status))
    reason: Mapped[str] = mapped_column(Text)
    set_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    participant: Mapped[Participant] = relationship()
    set_by: Mapped[User] = relationship()


class FrozenResult(Base):
    """A participant's line of the approved final protocol: it never changes afterwards."""

    __tablename__ = "frozen_result"

    id: Mapped[int] = mapped_column(primary_key=True)
    olympiad_id: Mapped[int] = mapped_column(ForeignKey("olympiad.id"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), unique=True
    )
    unit: Mapped[str] = mapped_column(String(40))  # the grade or grade group ranked in
    position: Mapped[int]  # the row's order in the table
    place: Mapped[int]
    total: Mapped[float]
    max_total: Mapped[float]
    percent: Mapped[float]
    status: Mapped[Status] = mapped_column(str_enum(Status))
    overridden: Mapped[bool] = mapped_column(default=False)

    participant: Mapped[Participant] = relationship()


class AppealState(enum.StrEnum):
    PENDING = "pending"
    REJECTED = "rejected"  # the mark is kept
    ACCEPTED = "accepted"  # a new mark, higher or lower


class Appeal(Base):
    """A participant's disagreement with the mark of one task, and the chair's decision."""

    __tablename__ = "appeal"
    __table_args__ = (
        UniqueConstraint("olympiad_id", "number"),
        CheckConstraint("new_points IS NULL OR new_points >= 0", name="new_points_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    olympiad_id: Mapped[int] = mapped_column(ForeignKey("olympiad.id"), index=True)
    number: Mapped[int]  # No. within the olympiad, for the protocol
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    paper_task_id: Mapped[int] = mapped_column(ForeignKey("paper_task.id"))
    reasoning: Mapped[str] = mapped_column(Text)
    # what is contested, quoted from the work as shown (an answer, a criterion's mark)
    contested: Mapped[str] = mapped_column(Text, default="", server_default="")
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))  # None: self
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    state: Mapped[AppealState] = mapped_column(str_enum(AppealState), default=AppealState.PENDING)
    old_points: Mapped[float]  # the task's mark when the appeal was filed
    new_points: Mapped[float | None]
    decision: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)

    participant: Mapped[Participant] = relationship()
    paper_task: Mapped[PaperTask] = relationship()
    filed_by: Mapped[User | None] = relationship(foreign_keys=[filed_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    __mapper_args__ = {"version_id_col": version}
