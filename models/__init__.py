"""The data model, one module per aggregate."""

from models.api import ApiToken, IdempotentRequest, TokenKind
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
from models.portfolio import PortfolioEntry
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
from models.supplier_record import SupplierRecord
from models.user import AuthSession, Role, SignInThrottle, User
from models.webhook import DeliveryStatus, Webhook, WebhookDelivery

__all__ = [
    "Action",
    "ActionStatus",
    "Answer",
    "ApiToken",
    "AuditEntry",
    "AuditorAppointment",
    "AuthSession",
    "BuyerSupplier",
    "ConnectionRequest",
    "ConnectionStatus",
    "CorrectiveAction",
    "CorrectiveActionComment",
    "CorrectiveActionFile",
    "DeliveryStatus",
    "DueBasis",
    "DueTerms",
    "EvidenceBlob",
    "EvidenceFile",
    "FindingDecision",
    "FindingReview",
    "IdempotentRequest",
    "ImportStatus",
    "NotApplicableReview",
    "Invitation",
    "InvitationKind",
    "Notification",
    "Organisation",
    "OrganisationKind",
    "PlanAction",
    "PortfolioEntry",
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
    "SupplierRecord",
    "TokenKind",
    "User",
    "Verification",
    "Webhook",
    "WebhookDelivery",
]
