"""Asking for a corrective action plan, and the thread of messages on one.

A buyer's reviewer asks the supplier for a plan from a finding it accepted, or from one of
its own comments on an answer. The due dates default by severity to the buyer's terms (or
Assay's, ``services.corrective_terms``); the reviewer may set others, and the plan records
which it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from extensions import db
from models import (
    ActionStatus,
    CorrectiveAction,
    CorrectiveActionComment,
    DueBasis,
    FindingDecision,
    Review,
    ReviewComment,
    User,
    Verification,
)
from policy import can_request_corrective_action, reader_buyer_ids
from services import audit, corrective_terms, findings, risk, submissions
from services.corrective_actions import notify
from services.errors import DomainError
from services.workflow import clean_text

#: Most messages one plan's thread may hold.
MAX_COMMENTS = 500
#: The parts of a finding a plan keeps, as they stood when it was requested.
FINDING_KEYS = ("rule_id", "severity", "category", "title", "action", "references")


@dataclass(frozen=True)
class Source:
    """What a request is about: a finding of the current result, or a reviewer's comment."""

    severity: str
    finding: dict
    rule_id: str | None = None
    risk_result_id: int | None = None
    comment: ReviewComment | None = None
    #: The text the request starts from, by language: the finding's recommended action, or
    #: the comment as written.
    suggestion: dict[str, str] | None = None

    def suggested(self, locale: str) -> str:
        """Return the text a request form starts from, in *locale* where there is one."""
        texts = self.suggestion or {}
        return texts.get(locale[:2]) or texts.get("en") or ""


def source(review: Review, *, rule_id: str | None = None, comment_id: int | None = None) -> Source:
    """Return what a request in *review* would be about: an accepted finding, or a comment of
    this buyer's review.

    :raises DomainError: for a finding this buyer has not accepted or a comment not its own.
    """
    if rule_id:
        result = risk.current_result(review.submission)
        item = next(
            (
                f
                for f in (result.result.get("findings", []) if result else [])
                if f["rule_id"] == rule_id
            ),
            None,
        )
        if item is None:
            raise DomainError(_("There is no such finding."))
        decision = findings.decisions(result, review.buyer_id).get(rule_id)
        if decision is None or decision.decision != FindingDecision.ACCEPTED:
            raise DomainError(_("Accept the finding before asking for a corrective action."))
        kept = {key: item.get(key) for key in FINDING_KEYS}
        kept["red_flag"] = bool(item.get("red_flag"))
        kept["triggered_by"] = item.get("triggered_by", [])
        return Source(item["severity"], kept, rule_id, result.id, suggestion=item["action"])
    comment = db.session.get(ReviewComment, comment_id) if comment_id else None
    if (
        comment is None
        or comment.submission_id != review.submission_id
        or comment.buyer_id != review.buyer_id
    ):
        raise DomainError(_("Choose a finding or a comment of this review."))
    finding: dict = {"comment": comment.body}
    question = (
        submissions.definition(review.submission).find(comment.question_id)
        if comment.question_id
        else None
    )
    if question is not None:
        finding["title"] = question.text.to_dict()
    return Source("medium", finding, comment=comment, suggestion={"en": comment.body})


def open_duplicate(review: Review, found: Source) -> CorrectiveAction | None:
    """Return this buyer's open plan for the same finding or comment of this supplier, if any."""
    query = select(CorrectiveAction).where(
        CorrectiveAction.buyer_id == review.buyer_id,
        CorrectiveAction.supplier_id == review.submission.supplier_id,
        CorrectiveAction.status != ActionStatus.VERIFIED_CLOSED,
    )
    if found.rule_id:
        query = query.where(CorrectiveAction.rule_id == found.rule_id)
    else:
        query = query.where(CorrectiveAction.comment_id == found.comment.id)
    return db.session.scalar(query.limit(1))


def request(
    review: Review,
    reviewer: User,
    found: Source,
    *,
    text: str,
    verification: str,
    severity: str | None = None,
    plan_due_on: date | None = None,
    due_on: date | None = None,
    today: date | None = None,
) -> CorrectiveAction:
    """Ask the supplier of *review* for a corrective action plan about *found*; audit;
    notify the supplier; commit.

    :param severity: for a plan opened from a comment (a finding keeps its own).
    :param plan_due_on, due_on: dates other than the terms' defaults, when the reviewer
        chose them.
    :raises DomainError: for a role that may not, an open plan on the same finding or
        comment, an empty request, an unknown severity or method, or dates in the past or
        closing before the plan is due. Nothing is stored then.
    """
    today = today or date.today()
    if not can_request_corrective_action(reviewer, review) or review.buyer_id not in (
        reader_buyer_ids(reviewer)
    ):
        raise DomainError(_("Your role does not allow you to ask for a corrective action."))
    duplicate = open_duplicate(review, found)
    if duplicate is not None:
        raise DomainError(_("Corrective action #%(id)s about this is still open.", id=duplicate.id))
    text = clean_text(text)
    if not text:
        raise DomainError(_("Say what the supplier should correct."))
    severity = found.severity if found.rule_id else (severity or found.severity)
    if severity not in corrective_terms.SEVERITIES:
        raise DomainError(_("Choose a severity."))
    try:
        method = Verification(verification)
    except ValueError:
        raise DomainError(_("Choose how the action will be verified.")) from None
    terms = corrective_terms.terms_for(review.buyer_id, severity)
    default_plan, default_due = terms.dates(today)
    plan_due_on, due_on = plan_due_on or default_plan, due_on or default_due
    basis = terms.basis if (plan_due_on, due_on) == (default_plan, default_due) else None
    if plan_due_on <= today or due_on <= today:
        raise DomainError(_("A due date must be after today."))
    if due_on < plan_due_on:
        raise DomainError(_("Closure cannot be due before the plan."))
    submission = review.submission
    action = CorrectiveAction(
        supplier_id=submission.supplier_id,
        buyer_id=review.buyer_id,
        submission_id=submission.id,
        current_submission_id=submission.id,
        risk_result_id=found.risk_result_id,
        rule_id=found.rule_id,
        comment_id=found.comment.id if found.comment else None,
        question_id=found.comment.question_id if found.comment else None,
        finding=found.finding,
        severity=severity,
        request=text,
        status=ActionStatus.REQUESTED,
        requested_on=today,
        plan_due_on=plan_due_on,
        due_on=due_on,
        due_basis=basis or DueBasis.REVIEWER,
        verification=method,
        requested_by_id=reviewer.id,
    )
    db.session.add(action)
    db.session.flush()
    audit.record(
        "corrective_action.request",
        actor=reviewer,
        organisation_id=submission.supplier_id,
        submission_id=submission.id,
        to_state=ActionStatus.REQUESTED.value,
        reason=text,
        detail={
            "corrective_action_id": action.id,
            "buyer_id": review.buyer_id,
            "rule_id": found.rule_id,
            "comment_id": action.comment_id,
            "severity": severity,
            "plan_due_on": plan_due_on.isoformat(),
            "due_on": due_on.isoformat(),
            "due_basis": action.due_basis.value,
            "verification": method.value,
        },
    )
    notify(action, "cap_requested", reviewer)
    db.session.commit()
    return action


def comments(action: CorrectiveAction) -> list[tuple[CorrectiveActionComment, User | None]]:
    """Return the thread of *action*, oldest first, with each author."""
    return list(
        db.session.execute(
            select(CorrectiveActionComment, User)
            .outerjoin(User, User.id == CorrectiveActionComment.author_id)
            .where(CorrectiveActionComment.action_id == action.id)
            .order_by(CorrectiveActionComment.id)
        ).tuples()
    )


def add_comment(action: CorrectiveAction, user: User, body: str) -> CorrectiveActionComment:
    """Add a message to the thread of *action* (the caller checked *user* sees it); audit;
    tell the other side; commit.

    :raises DomainError: for an empty message or a thread that holds the most allowed.
    """
    body = clean_text(body)
    if not body:
        raise DomainError(_("Write a comment."))
    count = db.session.scalar(
        select(func.count())
        .select_from(CorrectiveActionComment)
        .where(CorrectiveActionComment.action_id == action.id)
    )
    if count >= MAX_COMMENTS:
        raise DomainError(_("This thread holds %(n)s messages, the most allowed.", n=MAX_COMMENTS))
    item = CorrectiveActionComment(action_id=action.id, author_id=user.id, body=body)
    db.session.add(item)
    db.session.flush()
    audit.record(
        "corrective_action.comment",
        actor=user,
        organisation_id=action.supplier_id,
        submission_id=action.current_submission_id,
        detail={
            "corrective_action_id": action.id,
            "buyer_id": action.buyer_id,
            "comment_id": item.id,
        },
    )
    notify(action, "cap_comment", user, name=user.name)
    db.session.commit()
    return item
