"""The data model, one module per aggregate."""

from models.audit import AuditEntry
from models.connection import ConnectionRequest, ConnectionStatus
from models.evidence import EvidenceBlob, EvidenceFile
from models.invitation import Invitation, InvitationKind
from models.notification import Notification, ReminderLog
from models.organisation import AuditorAppointment, BuyerSupplier, Organisation, OrganisationKind
from models.questionnaire import QuestionnaireVersion
from models.report import StoredReport
from models.review import (
    FindingDecision,
    FindingReview,
    NotApplicableReview,
    Review,
    ReviewComment,
)
from models.risk import RiskResult
from models.rmi import ImportStatus, RmiImport, RmiTemplate
from models.submission import (
    Action,
    Answer,
    Submission,
    SubmissionRound,
    SubmissionShare,
    SubmissionStatus,
)
from models.user import AuthSession, Role, SignInThrottle, User

__all__ = [
    "Action",
    "Answer",
    "AuditEntry",
    "AuditorAppointment",
    "AuthSession",
    "BuyerSupplier",
    "ConnectionRequest",
    "ConnectionStatus",
    "EvidenceBlob",
    "EvidenceFile",
    "FindingDecision",
    "FindingReview",
    "ImportStatus",
    "NotApplicableReview",
    "Invitation",
    "InvitationKind",
    "Notification",
    "Organisation",
    "OrganisationKind",
    "QuestionnaireVersion",
    "ReminderLog",
    "Review",
    "ReviewComment",
    "RiskResult",
    "RmiImport",
    "RmiTemplate",
    "Role",
    "SignInThrottle",
    "StoredReport",
    "Submission",
    "SubmissionRound",
    "SubmissionShare",
    "SubmissionStatus",
    "User",
]
