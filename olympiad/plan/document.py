"""The plan as readers see it: venues, the records of meetings, and the printable document."""

from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Plan, PlanItem, PlanMeeting, PlanSection, School
from olympiad.pdf.certificates.wording import russian_date
from olympiad.pdf.plan import DirectionBlock, MeetingRow, PlanDocument


def venue_label(meeting: PlanMeeting) -> str:
    """The venue as written in the plan, or the registry name when only a school was chosen."""
    if meeting.venue_text:
        return meeting.venue_text
    return meeting.venue_school.full_name if meeting.venue_school else ""


def with_extras(item: PlanItem) -> str:
    """The item's text with its term and people responsible, for print."""
    extras = [f"срок: {item.planned_when}"] if item.planned_when else []
    extras += [f"ответственные: {item.responsible}"] if item.responsible else []
    return f"{item.text} ({'; '.join(extras)})" if extras else item.text


def to_document(plan: Plan) -> PlanDocument:
    """The plan in the shape the PDF builder prints."""
    return PlanDocument(
        title=plan.title,
        academic_year=plan.academic_year,
        theme=plan.theme,
        goal=plan.goal,
        objectives=[with_extras(item) for item in plan.section_items(PlanSection.OBJECTIVE)],
        directions=[
            DirectionBlock(
                f"4.{number}", direction.title, [with_extras(item) for item in direction.items]
            )
            for number, direction in enumerate(plan.directions, 1)
        ],
        meetings=[
            MeetingRow(
                meeting.number,
                meeting.planned_when,
                venue_label(meeting),
                meeting.topic,
                meeting.practical_part,
                list(meeting.theoretical_points),
                meeting.responsible,
            )
            for meeting in plan.meetings
        ],
        between_meetings=[
            with_extras(item) for item in plan.section_items(PlanSection.BETWEEN_MEETINGS)
        ],
        headings=dict(plan.headings or {}),
        chapters=[
            DirectionBlock(chapter.number, chapter.heading, [with_extras(i) for i in chapter.items])
            for chapter in plan.chapters
        ],
        author=plan.author,
        approved_by=[line.strip() for line in plan.approver_position.splitlines() if line.strip()],
        approver_name=plan.approver_name,
        approved_on=russian_date(plan.approved_on) if plan.approved_on else "",
    )


def pdf_filenames(plan: Plan) -> tuple[str, str]:
    """(Russian name, ASCII fallback) for the downloaded file."""
    return f"План РМО {plan.academic_year}.pdf", f"plan-rmo-{plan.academic_year}.pdf"


def has_record(meeting: PlanMeeting) -> bool:
    return bool(
        meeting.held_on
        or meeting.held_venue
        or meeting.attendance_count is not None
        or meeting.attending_school_ids
        or meeting.open_event
        or meeting.decisions
    )


def records(plan: Plan) -> dict[int, list[School]]:
    """For each meeting with a record, the schools that came (a deleted school drops out)."""
    recorded = [meeting for meeting in plan.meetings if has_record(meeting)]
    ids = {school_id for meeting in recorded for school_id in meeting.attending_school_ids}
    schools = {}
    if ids:
        schools = {s.id: s for s in db.session.scalars(select(School).where(School.id.in_(ids)))}
    return {
        meeting.id: [schools[i] for i in meeting.attending_school_ids if i in schools]
        for meeting in recorded
    }
