"""The jury of an olympiad, the answers typed in or given online, and the jury's marks."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from olympiad.models.base import Base, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from olympiad.models.enrollment import Participant
    from olympiad.models.people import User
    from olympiad.models.tasks import PaperTask


class JuryMember(Base):
    """A user appointed to the jury of one olympiad, for some grade groups or tasks."""

    __tablename__ = "jury_member"
    __table_args__ = (UniqueConstraint("olympiad_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    olympiad_id: Mapped[int] = mapped_column(ForeignKey("olympiad.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    is_chair: Mapped[bool] = mapped_column(default=False)
    # empty lists mean every grade group / every task of the olympiad
    group_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    paper_task_ids: Mapped[list[int]] = mapped_column(JSON, default=list)

    user: Mapped[User] = relationship()


class Answer(Base):
    """A participant's answer to a closed task and the points the scoring engine gave it."""

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("participant_id", "paper_task_id"),
        CheckConstraint("points >= 0", name="points_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    paper_task_id: Mapped[int] = mapped_column(ForeignKey("paper_task.id"), index=True)
    value: Mapped[object | None] = mapped_column(JSON)
    text: Mapped[str] = mapped_column(Text, default="")  # as typed from the sheet
    points: Mapped[float] = mapped_column(default=0)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    participant: Mapped[Participant] = relationship()
    paper_task: Mapped[PaperTask] = relationship()

    __mapper_args__ = {"version_id_col": version}


class MarkSlot(enum.StrEnum):
    FIRST = "first"
    SECOND = "second"
    CHAIR = "chair"


class Mark(Base):
    """One jury member's mark of an open task of one work, by criteria."""

    __tablename__ = "mark"
    __table_args__ = (
        UniqueConstraint("participant_id", "paper_task_id", "slot"),
        CheckConstraint("total >= 0", name="total_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    paper_task_id: Mapped[int] = mapped_column(ForeignKey("paper_task.id"), index=True)
    slot: Mapped[MarkSlot] = mapped_column(str_enum(MarkSlot))
    juror_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    criteria: Mapped[list[float]] = mapped_column(JSON)
    total: Mapped[float]
    comment: Mapped[str] = mapped_column(Text, default="")
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    participant: Mapped[Participant] = relationship()
    paper_task: Mapped[PaperTask] = relationship()
    juror: Mapped[User] = relationship()

    __mapper_args__ = {"version_id_col": version}
