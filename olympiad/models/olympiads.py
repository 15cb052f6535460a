"""An olympiad (one per year and stage), its grade groups and rooms."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from olympiad.domain.marking import FinalRule
from olympiad.domain.olympiad_rules import OlympiadStatus
from olympiad.models.base import Base, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from olympiad.models.enrollment import Participant
    from olympiad.models.plan import PlanItem


class Olympiad(Base):
    __tablename__ = "olympiad"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    academic_year: Mapped[str] = mapped_column(String(9), index=True)
    stage: Mapped[str] = mapped_column(String(30), default="municipal")
    held_on: Mapped[date | None]
    venue: Mapped[str] = mapped_column(Text, default="")
    # what a participant's home page tells them before the day: the start and what to bring
    starts_at_time: Mapped[time | None]
    what_to_bring: Mapped[str] = mapped_column(Text, default="", server_default="")
    grades: Mapped[list[int]] = mapped_column(JSON, default=lambda: [7, 8, 9, 10, 11])
    registration_opens_on: Mapped[date | None]
    registration_closes_on: Mapped[date | None]
    # at most this many participants of one school in one grade; None means no limit
    school_grade_limit: Mapped[int | None]
    status: Mapped[OlympiadStatus] = mapped_column(
        str_enum(OlympiadStatus), default=OlympiadStatus.DRAFT
    )
    # double marking: marks this far apart go to the chair; closer ones give the final mark
    # by the rule (the mean, or the higher)
    marking_tolerance: Mapped[float] = mapped_column(default=1.0, server_default="1")
    marking_rule: Mapped[FinalRule] = mapped_column(
        str_enum(FinalRule), default=FinalRule.MEAN, server_default="mean"
    )
    # results: the award rules (empty: the official defaults, see domain/awards.py), ranking
    # per grade or per grade group, the appeal window, the approving order
    award_rules: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
    rank_by_group: Mapped[bool] = mapped_column(default=False, server_default=false())
    appeals_close_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the showing of works: the jury's comments on open tasks are shown to the participant
    comments_visible: Mapped[bool] = mapped_column(default=False, server_default=false())
    final_order: Mapped[str] = mapped_column(String(60), default="", server_default="")
    final_order_date: Mapped[date | None]
    final_approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    final_approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # personal data: kept this many days after archiving, then the organizer may purge it
    retention_days: Mapped[int] = mapped_column(default=365, server_default="365")
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    plan_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_item.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    # changes whenever anything shown in its final results changes (results/stamp.py): the
    # key of the pages rendered once and served from the cache
    results_stamp: Mapped[str] = mapped_column(
        String(32), default=lambda: uuid.uuid4().hex, server_default=""
    )

    plan_item: Mapped[PlanItem | None] = relationship()
    groups: Mapped[list[GradeGroup]] = relationship(
        back_populates="olympiad", order_by="GradeGroup.position", cascade="all, delete-orphan"
    )
    rooms: Mapped[list[Room]] = relationship(
        back_populates="olympiad", order_by="Room.position", cascade="all, delete-orphan"
    )
    participants: Mapped[list[Participant]] = relationship(back_populates="olympiad")

    __mapper_args__ = {"version_id_col": version}

    def group_of(self, grade: int) -> GradeGroup | None:
        return next((g for g in self.groups if grade in g.grades), None)


class GradeGroup(Base):
    """Grades that write one paper, e.g. 7-8 and 9-11."""

    __tablename__ = "grade_group"
    __table_args__ = (UniqueConstraint("olympiad_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    olympiad_id: Mapped[int] = mapped_column(ForeignKey("olympiad.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(40))  # "7–8 классы"
    grades: Mapped[list[int]] = mapped_column(JSON)

    olympiad: Mapped[Olympiad] = relationship(back_populates="groups")


class Room(Base):
    """A room where the olympiad is written; the attendance sheets are printed per room."""

    __tablename__ = "room"
    __table_args__ = (UniqueConstraint("olympiad_id", "venue", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    olympiad_id: Mapped[int] = mapped_column(ForeignKey("olympiad.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    venue: Mapped[str] = mapped_column(Text, default="")
    name: Mapped[str] = mapped_column(String(60))  # "каб. 12"
    capacity: Mapped[int | None]
    grades: Mapped[list[int]] = mapped_column(JSON, default=list)  # empty: any grade

    olympiad: Mapped[Olympiad] = relationship(back_populates="rooms")
