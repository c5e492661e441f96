"""The data model, one module per aggregate."""

from models.audit import AuditEntry
from models.connection import ConnectionRequest, ConnectionStatus
from models.corrective_action import (
    ActionStatus,
    CorrectiveAction,
    CorrectiveActionComment,
    CorrectiveActionFile,
    DueBasis,
    DueTerms,
    PlanAction,
    Verification,
)
from models.evidence import EvidenceBlob, EvidenceFile
from models.invitation import Invitation, InvitationKind
from models.notification import Notification, ReminderLog
from models.organisation import AuditorAppointment, BuyerSupplier, Organisation, OrganisationKind
from models.questionnaire import QuestionnaireVersion
from models.report import StoredReport
from models.review import FindingDecision, FindingReview, Review, ReviewComment
from models.risk import RiskResult
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
    "ActionStatus",
    "Answer",
    "AuditEntry",
    "AuditorAppointment",
    "AuthSession",
    "BuyerSupplier",
    "ConnectionRequest",
    "ConnectionStatus",
    "CorrectiveAction",
    "CorrectiveActionComment",
    "CorrectiveActionFile",
    "DueBasis",
    "DueTerms",
    "EvidenceBlob",
    "EvidenceFile",
    "FindingDecision",
    "FindingReview",
    "Invitation",
    "InvitationKind",
    "Notification",
    "Organisation",
    "OrganisationKind",
    "PlanAction",
    "QuestionnaireVersion",
    "ReminderLog",
    "Review",
    "ReviewComment",
    "RiskResult",
    "Role",
    "SignInThrottle",
    "StoredReport",
    "Submission",
    "SubmissionRound",
    "SubmissionShare",
    "SubmissionStatus",
    "User",
    "Verification",
]
