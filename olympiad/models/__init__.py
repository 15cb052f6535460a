"""All models, imported here so that Alembic and the app see one metadata."""

from olympiad.models.audit import AuditEntry
from olympiad.models.base import Base
from olympiad.models.certificates import Certificate, CertificateDesign
from olympiad.models.enrollment import (
    Attendance,
    Consent,
    ConsentKind,
    Participant,
    ParticipantStatus,
    PublicationForm,
)
from olympiad.models.mail import MailState, NoticeSetting, OutboxMessage
from olympiad.models.marking import Answer, JuryMember, Mark, MarkSlot
from olympiad.models.olympiads import GradeGroup, Olympiad, OlympiadStatus, Room
from olympiad.models.online import LateAnswer, OnlineAnswer, OnlineAttempt, OnlineSitting
from olympiad.models.people import Role, User
from olympiad.models.plan import (
    Plan,
    PlanChapter,
    PlanDirection,
    PlanItem,
    PlanMeeting,
    PlanSection,
    PlanStatus,
)
from olympiad.models.results import Appeal, AppealState, FrozenResult, StatusOverride
from olympiad.models.schools import School
from olympiad.models.tasks import Paper, PaperTask, Task, TaskVersion

__all__ = [
    "Certificate",
    "CertificateDesign",
    "Appeal",
    "AppealState",
    "FrozenResult",
    "StatusOverride",
    "Answer",
    "JuryMember",
    "Mark",
    "MailState",
    "NoticeSetting",
    "OutboxMessage",
    "MarkSlot",
    "Attendance",
    "Consent",
    "ConsentKind",
    "GradeGroup",
    "Olympiad",
    "LateAnswer",
    "OnlineAnswer",
    "OnlineAttempt",
    "OnlineSitting",
    "OlympiadStatus",
    "Participant",
    "ParticipantStatus",
    "PublicationForm",
    "Room",
    "AuditEntry",
    "Base",
    "Plan",
    "PlanChapter",
    "PlanDirection",
    "PlanItem",
    "PlanMeeting",
    "PlanSection",
    "PlanStatus",
    "Role",
    "School",
    "Task",
    "TaskVersion",
    "Paper",
    "PaperTask",
    "User",
]
