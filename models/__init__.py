"""The data model, one module per aggregate."""

from models.audit import AuditEntry
from models.evidence import EvidenceBlob, EvidenceFile
from models.invitation import Invitation
from models.notification import Notification, ReminderLog
from models.organisation import AuditorAppointment, BuyerSupplier, Organisation, OrganisationKind
from models.questionnaire import QuestionnaireVersion
from models.report import StoredReport
from models.review import FindingDecision, FindingReview, ReviewComment
from models.risk import RiskResult
from models.submission import (
    Answer,
    Submission,
    SubmissionRound,
    SubmissionShare,
    SubmissionStatus,
)
from models.user import AuthSession, Role, User

__all__ = [
    "Answer",
    "AuditEntry",
    "AuditorAppointment",
    "AuthSession",
    "BuyerSupplier",
    "EvidenceBlob",
    "EvidenceFile",
    "FindingDecision",
    "FindingReview",
    "Invitation",
    "Notification",
    "Organisation",
    "OrganisationKind",
    "QuestionnaireVersion",
    "ReminderLog",
    "ReviewComment",
    "RiskResult",
    "Role",
    "StoredReport",
    "Submission",
    "SubmissionRound",
    "SubmissionShare",
    "SubmissionStatus",
    "User",
]
