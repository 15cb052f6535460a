"""The task bank (tasks and their versions) and the papers composed from it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from olympiad.domain.task_keys import TaskType
from olympiad.models.base import Base, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from olympiad.models.olympiads import GradeGroup, Olympiad


class Task(Base):
    """A task of the bank. Its content lives in versions: a version used by an olympiad that
    has been held is never edited again, so past results never change."""

    __tablename__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)  # "T-001"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    versions: Mapped[list[TaskVersion]] = relationship(
        back_populates="task", order_by="TaskVersion.number", cascade="all, delete-orphan"
    )

    @property
    def current(self) -> TaskVersion:
        return self.versions[-1]


class TaskVersion(Base):
    __tablename__ = "task_version"
    __table_args__ = (
        UniqueConstraint("task_id", "number"),
        CheckConstraint("max_points > 0", name="max_points_positive"),
        CheckConstraint("difficulty BETWEEN 1 AND 3", name="difficulty_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(default=1)
    type: Mapped[TaskType] = mapped_column(str_enum(TaskType))
    topic: Mapped[str] = mapped_column(String(40))
    grades: Mapped[list[int]] = mapped_column(JSON)
    difficulty: Mapped[int] = mapped_column(default=1)
    author: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    # multiples of 0.5 are exact in binary floating point
    max_points: Mapped[float]
    key: Mapped[dict] = mapped_column(JSON)
    image: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    image_type: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    task: Mapped[Task] = relationship(back_populates="versions")
    uses: Mapped[list[PaperTask]] = relationship(back_populates="task_version")


class Paper(Base):
    """The paper of one grade group of an olympiad: ordered task versions and a time limit."""

    __tablename__ = "paper"
    __table_args__ = (UniqueConstraint("group_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    olympiad_id: Mapped[int] = mapped_column(ForeignKey("olympiad.id"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("grade_group.id", ondelete="CASCADE"))
    time_limit_minutes: Mapped[int] = mapped_column(default=60)
    instructions: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    olympiad: Mapped[Olympiad] = relationship()
    group: Mapped[GradeGroup] = relationship()
    items: Mapped[list[PaperTask]] = relationship(
        back_populates="paper", order_by="PaperTask.position", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def max_total(self) -> float:
        return sum(item.task_version.max_points for item in self.items)


class PaperTask(Base):
    __tablename__ = "paper_task"
    __table_args__ = (
        UniqueConstraint("paper_id", "task_version_id"),
        CheckConstraint("markers IN (1, 2)", name="one_or_two_markers"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    task_version_id: Mapped[int] = mapped_column(ForeignKey("task_version.id"))
    # open tasks: marked by one jury member or by two independently
    markers: Mapped[int] = mapped_column(default=1, server_default="1")

    paper: Mapped[Paper] = relationship(back_populates="items")
    task_version: Mapped[TaskVersion] = relationship(back_populates="uses")
