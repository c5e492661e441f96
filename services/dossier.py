"""Everything one buyer's review reads about a submission, gathered once per page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import questionnaires as qn
import rules
from models import (
    AuditEntry,
    CorrectiveAction,
    EvidenceFile,
    FindingReview,
    NotApplicableReview,
    Review,
    ReviewComment,
    RiskResult,
    Submission,
)
from services import audit, corrective_lists, findings, review, risk, rounds, submissions


@dataclass
class Dossier:
    review: Review
    submission: Submission
    definition: qn.Questionnaire
    answers: dict[str, object]
    evidence: dict[str, list[EvidenceFile]]
    visible: set[str]
    result: RiskResult | None
    #: Findings of the current result shown beside the first answer that triggered them.
    findings_by_question: dict[str, list[dict]]
    #: Findings that no shown answer triggered (inherent risk, missing evidence, ...).
    general_findings: list[dict]
    decisions: dict[str, FindingReview]
    #: The rating after this buyer's decisions on findings (``None`` until it decided one).
    reviewed_rating: str | None
    comments: dict[str | None, list[ReviewComment]]
    changes: rounds.Changes
    history: list[tuple[AuditEntry, str | None]]
    today: date
    #: question id -> ids of the findings it triggered (also those shown elsewhere).
    triggered: dict[str, list[str]] = field(default_factory=dict)
    #: This buyer's corrective action plans raised on, or carried to, this submission.
    actions: list[CorrectiveAction] = field(default_factory=list)
    #: rule id -> this buyer's plans for that finding on earlier questionnaires (it recurs).
    recurring: dict[str, list[CorrectiveAction]] = field(default_factory=dict)
    #: The visibility of the current result after this buyer's decisions on "not applicable"
    #: answers (``None`` when the rule set does not measure it).
    visibility: dict | None = None
    #: This buyer's standing decision on each "not applicable" answer, by question id.
    not_applicable_decisions: dict[str, NotApplicableReview] = field(default_factory=dict)
    #: The reason the supplier gave for each "not applicable" answer, by question id.
    not_applicable_reasons: dict[str, str] = field(default_factory=dict)
    #: What changed since the result the current one replaced (a re-score), if any.
    rescored: rules.ResultChange | None = None

    def action_for(self, rule_id: str) -> CorrectiveAction | None:
        """Return this buyer's latest plan on the finding *rule_id* of this submission."""
        found = [a for a in self.actions if a.rule_id == rule_id]
        return found[-1] if found else None

    def actions_for_comment(self, comment_id: int) -> list[CorrectiveAction]:
        """Return the plans opened from one of this buyer's comments."""
        return [a for a in self.actions if a.comment_id == comment_id]

    def expired(self, item: EvidenceFile) -> bool:
        """Whether an evidence file's validity has ended."""
        return item.valid_until is not None and item.valid_until < self.today

    def category_name(self, category_id: str, locale: str) -> str:
        """Return the name of a risk category of the current result in *locale*."""
        for category in self.result.result.get("categories", []) if self.result else []:
            if category["id"] == category_id:
                return category["name"].get(locale[:2], category_id)
        return category_id

    def finding(self, rule_id: str) -> dict:
        """Return the finding of the current result with *rule_id*."""
        return next(f for f in self.result.result["findings"] if f["rule_id"] == rule_id)

    @property
    def red_flags(self) -> list[dict]:
        """Return the red-flag findings of the current result."""
        return [f for f in (self.result.result["findings"] if self.result else []) if f["red_flag"]]


def _place_findings(result: RiskResult | None, visible: set[str]):
    by_question: dict[str, list[dict]] = {}
    general: list[dict] = []
    triggered: dict[str, list[str]] = {}
    for finding in result.result.get("findings", []) if result else []:
        questions = [t["question"] for t in finding.get("triggered_by", [])]
        shown = [q for q in dict.fromkeys(questions) if q in visible]
        for question in shown:
            triggered.setdefault(question, []).append(finding["rule_id"])
        if shown:
            by_question.setdefault(shown[0], []).append(finding)
        else:
            general.append(finding)
    return by_question, general, triggered


def build(review_: Review, today: date | None = None) -> Dossier:
    """Gather the answers, documents, findings, this buyer's decisions and comments, the
    changes and the history this buyer may read."""
    submission = review_.submission
    definition = submissions.definition(submission)
    document = submissions.answers_document(submission, definition)
    answers = document["answers"]
    visible = set(qn.visible_question_ids(definition, answers))
    result = risk.current_result(submission)
    by_question, general, triggered = _place_findings(result, visible)
    today = today or date.today()
    previous = risk.previous_result(result) if result is not None else None
    return Dossier(
        review=review_,
        submission=submission,
        definition=definition,
        answers=answers,
        evidence=submissions.evidence_of(submission),
        visible=visible,
        result=result,
        findings_by_question=by_question,
        general_findings=general,
        decisions=findings.decisions(result, review_.buyer_id),
        reviewed_rating=findings.current_reviewed_rating(review_, result),
        comments=review.comments_by_question(review.comments(review_)),
        changes=rounds.changes(submission, document),
        history=audit.history(submission.id, {review_.buyer_id}),
        today=today,
        triggered=triggered,
        actions=sorted(corrective_lists.of_review(review_, today), key=lambda a: a.id),
        recurring=corrective_lists.earlier_rounds(review_),
        visibility=findings.reviewed_visibility(review_, result),
        not_applicable_decisions=findings.not_applicable_decisions(result, review_.buyer_id),
        not_applicable_reasons=qn.not_applicable_reasons(definition, answers),
        rescored=rules.compare(previous.result, result.result) if previous else None,
    )
