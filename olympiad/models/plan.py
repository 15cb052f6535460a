"""The association's annual work plan (one per academic year) and its parts."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from olympiad.models.base import Base, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from olympiad.models.schools import School


class PlanStatus(enum.StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class PlanSection(enum.StrEnum):
    """Where an ordered item of the plan stands."""

    OBJECTIVE = "objective"  # 3. Задачи
    DIRECTION = "direction"  # an item of 4.N
    BETWEEN_MEETINGS = "between_meetings"  # 6. Работа между заседаниями
    CHAPTER = "chapter"  # an item of a section after the sixth (7., 8., …)


class Plan(Base):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    academic_year: Mapped[str] = mapped_column(String(9), unique=True)  # "2020-2021"
    title: Mapped[str] = mapped_column(Text)
    theme: Mapped[str] = mapped_column(Text, default="")
    goal: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[PlanStatus] = mapped_column(str_enum(PlanStatus), default=PlanStatus.DRAFT)
    # the sections' headings as the plan writes them ("theme", "goal", … -> text); the app's
    # own wording where a key is missing
    headings: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # who drew the plan up, from the signature after its last section
    author: Mapped[str] = mapped_column(Text, default="")
    # «УТВЕРЖДАЮ»: who approved the plan; printed on the plan when set
    approver_position: Mapped[str] = mapped_column(Text, default="", server_default="")
    approver_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    approved_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    directions: Mapped[list[PlanDirection]] = relationship(
        back_populates="plan", order_by="PlanDirection.position", cascade="all, delete-orphan"
    )
    items: Mapped[list[PlanItem]] = relationship(
        back_populates="plan", order_by="PlanItem.position", cascade="all, delete-orphan"
    )
    meetings: Mapped[list[PlanMeeting]] = relationship(
        back_populates="plan", order_by="PlanMeeting.position", cascade="all, delete-orphan"
    )
    chapters: Mapped[list[PlanChapter]] = relationship(
        back_populates="plan", order_by="PlanChapter.position", cascade="all, delete-orphan"
    )

    def heading(self, key: str, default: str) -> str:
        return (self.headings or {}).get(key) or default

    __mapper_args__ = {"version_id_col": version}

    def section_items(self, section: PlanSection) -> list[PlanItem]:
        return [
            item
            for item in self.items
            if item.section == section and item.direction_id is None and item.chapter_id is None
        ]


class PlanDirection(Base):
    """A direction of activity, numbered 4.1, 4.2, ... with its own ordered items."""

    __tablename__ = "plan_direction"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(Text)

    plan: Mapped[Plan] = relationship(back_populates="directions")
    items: Mapped[list[PlanItem]] = relationship(
        back_populates="direction", order_by="PlanItem.position", cascade="all, delete-orphan"
    )


class PlanChapter(Base):
    """A section after the sixth («7. Самообразование»), with its heading as written."""

    __tablename__ = "plan_chapter"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    number: Mapped[str] = mapped_column(String(10))  # "7"
    heading: Mapped[str] = mapped_column(Text)

    plan: Mapped[Plan] = relationship(back_populates="chapters")
    items: Mapped[list[PlanItem]] = relationship(
        back_populates="chapter", order_by="PlanItem.position", cascade="all, delete-orphan"
    )


class PlanItem(Base):
    """One ordered line of the plan: an objective, an item of a direction, or work between
    meetings. An olympiad links to the item it fulfils."""

    __tablename__ = "plan_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    section: Mapped[PlanSection] = mapped_column(str_enum(PlanSection))
    direction_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_direction.id", ondelete="CASCADE"), index=True
    )
    chapter_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_chapter.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    planned_when: Mapped[str] = mapped_column(String(100), default="")  # a plan's «Сроки»
    responsible: Mapped[str] = mapped_column(Text, default="")  # «Ответственные»

    plan: Mapped[Plan] = relationship(back_populates="items")
    direction: Mapped[PlanDirection | None] = relationship(back_populates="items")
    chapter: Mapped[PlanChapter | None] = relationship(back_populates="items")


class PlanMeeting(Base):
    """A row of the table of meetings, and, once it has happened, its record."""

    __tablename__ = "plan_meeting"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    number: Mapped[int]
    planned_when: Mapped[str] = mapped_column(String(100), default="")  # "ноябрь" or a date
    venue_text: Mapped[str] = mapped_column(Text, default="")
    venue_school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"))
    topic: Mapped[str] = mapped_column(Text, default="")
    practical_part: Mapped[str] = mapped_column(Text, default="")
    theoretical_points: Mapped[list[str]] = mapped_column(JSON, default=list)
    responsible: Mapped[str] = mapped_column(Text, default="")  # «Ответственные»
    # the record, filled after the meeting
    held_on: Mapped[date | None]
    held_venue: Mapped[str] = mapped_column(Text, default="")
    attendance_count: Mapped[int | None]
    attending_school_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    open_event: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    plan: Mapped[Plan] = relationship(back_populates="meetings")
    venue_school: Mapped[School | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
