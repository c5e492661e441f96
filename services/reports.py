"""PDF due-diligence reports: prepare the data from the database and render.

A report is either the supplier's working copy (no review in it) or one buyer's report: that
buyer's decision, finding decisions, reviewed rating and history, never another buyer's.
Storing a decided buyer's report is ``services.stored_reports``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from sqlalchemy import select

import questionnaires as qn
from extensions import db
from models import (
    AuditEntry,
    FindingReview,
    Review,
    RiskResult,
    Submission,
    SubmissionRound,
    User,
)
from models.types import utcnow
from reports import DueDiligenceReport, ReportData, parts, translation
from reports import data as rd
from services import (
    audit,
    corrective_evidence,
    corrective_lists,
    findings,
    questionnaires,
    risk,
    submissions,
)

LANGUAGES = rd.LANGUAGES
#: Audit actions as the report names them (``reports.labels.CODES["audit"]``).
_TRANSITION_CODES = {
    "submitted": "submitted",
    "in_review": "review_started",
    "changes_requested": "changes_requested",
    "approved": "approved",
    "rejected": "rejected",
}
_ACTION_CODES = {
    "submission.create": "created",
    "submission.share": "shared",
    "evidence.add": "evidence_uploaded",
    "evidence.remove": "evidence_removed",
    "review.comment": "commented",
    "risk.rescore": "rescored",
    "answers.import": "answers_imported",
    "corrective_action.request": "cap_requested",
    "corrective_action.comment": "cap_comment",
    "corrective_action.evidence_add": "cap_evidence_add",
    "corrective_action.evidence_remove": "cap_evidence_remove",
    "corrective_action.carried_forward": "cap_carried_forward",
    "review.rerated": "rerated",
    "rmi.import": "rmi_imported",
}
_renderer = DueDiligenceReport()


def _audit_code(entry: AuditEntry) -> str:
    if entry.action == "corrective_action.transition":
        return f"cap_{(entry.detail or {}).get('action', '')}"
    if entry.action in ("submission.transition", "review.transition"):
        if entry.to_state == "submitted" and (entry.detail or {}).get("action") == "resubmit":
            return "resubmitted"
        return _TRANSITION_CODES.get(entry.to_state or "", entry.to_state or entry.action)
    return _ACTION_CODES.get(entry.action, entry.action.replace(".", "_"))


def _names(user_ids) -> dict[int, str]:
    ids = {i for i in user_ids if i}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())


def _answers_for(submission: Submission, round_: int | None = None) -> tuple[dict, str]:
    """Return the answers document the report reflects and its SHA-256: the frozen answers
    of *round_* (or of the last round submitted), the live answers while being edited."""
    editing = submission.status.editable
    if round_ is not None or not editing:
        query = select(SubmissionRound).where(SubmissionRound.submission_id == submission.id)
        if round_ is not None:
            query = query.where(SubmissionRound.round == round_)
        snapshot = db.session.scalar(query.order_by(SubmissionRound.round.desc()).limit(1))
        if snapshot is not None:
            return snapshot.answers, snapshot.answers_sha256
    document = submissions.answers_document(submission)
    return document, questionnaires.sha256_of(document)


def _findings(
    result: RiskResult | None,
    definition: qn.Questionnaire,
    answers: dict,
    reviews: dict[str, FindingReview],
):
    if result is None:
        return []
    catalogue = questionnaires.catalogue()
    names = _names(r.reviewer_id for r in reviews.values())
    decided = {
        rule_id: rd.FindingReview(
            status=review.decision.value,
            justification=review.justification,
            reviewer=names.get(review.reviewer_id, ""),
            at=review.created_at,
        )
        for rule_id, review in reviews.items()
    }
    return [
        parts.finding(item, definition, answers, catalogue, decided.get(item["rule_id"]))
        for item in result.result.get("findings", [])
    ]


def _sections(definition: qn.Questionnaire, answers: dict, evidence: dict) -> list:
    files = {
        question_id: [rd.Evidence(f.filename, f.sha256, f.valid_until) for f in rows]
        for question_id, rows in evidence.items()
    }
    return parts.answer_sections(definition, answers, files)


def _result_for(submission: Submission, round_: int | None) -> RiskResult | None:
    """Return the result of *round_* (the current one when it is that round's)."""
    current = risk.current_result(submission)
    if round_ is None or current is None or current.round == round_:
        return current
    return db.session.scalar(
        select(RiskResult)
        .where(RiskResult.submission_id == submission.id, RiskResult.round == round_)
        .order_by(RiskResult.id.desc())
        .limit(1)
    )


def build(
    submission: Submission, review: Review | None = None, now: datetime | None = None
) -> ReportData:
    """Prepare the report data of *submission* for one buyer's *review*, or the supplier's
    working copy without one (no rendering)."""
    now = now or utcnow()
    round_ = review.round if review is not None else None
    definition = submissions.definition(submission)
    document, answers_sha = _answers_for(submission, round_)
    answers = document.get("answers", {})
    evidence = submissions.evidence_of(submission)
    result = _result_for(submission, round_)
    entries = [
        entry
        for entry, _name in audit.history(
            submission.id, {review.buyer_id} if review is not None else None
        )
    ]
    decided = review is not None and review.decided
    names = _names([e.actor_id for e in entries] + [review.decided_by_id if decided else None])
    decision = None
    if decided:
        decision = rd.Decision(
            outcome=review.status.value,
            reviewer=names.get(review.decided_by_id, ""),
            reason=review.decision_reason or "",
        )
    finding_reviews = findings.decisions(result, review.buyer_id if review else None)
    categories = [
        rd.CategoryScore(c["id"], c["name"], c["score"], c["rating"])
        for c in (result.result.get("categories", []) if result else [])
    ]
    sites = [
        rd.Site(str(row.get("name", "")), str(row.get("country", "")))
        for row in answers.get("org_sites", []) or []
        if isinstance(row, dict)
    ]
    return ReportData(
        report_id=_report_id(submission, review, answers_sha),
        generated_at=now,
        supplier=rd.Supplier(
            name=answers.get("org_legal_name") or submission.supplier.name,
            country=answers.get("org_country") or submission.supplier.country or "",
            sites=sites,
            countries=list(answers.get("org_countries") or []),
            minerals=list(answers.get("org_minerals") or []),
            lifecycle_stages=list(answers.get("org_lifecycle_stages") or []),
        ),
        questionnaire=rd.VersionRef(
            definition.id, definition.version, title=definition.title.to_dict()
        ),
        ruleset=rd.VersionRef(result.ruleset_id, result.ruleset_version)
        if result
        else rd.VersionRef(risk.DEFAULT_RULESET, "—"),
        rating=result.rating if result else "medium",
        score=result.score if result else 0,
        answers_sha256=answers_sha,
        draft=not decided,
        data_editions=parts.data_editions(result.data_editions, result.result.get("data_labels"))
        if result
        else {},
        submitted_at=submission.submitted_at,
        decided_at=review.decided_at if decided else None,
        decision=decision,
        reviewed_rating=findings.current_reviewed_rating(review, result),
        visibility=_visibility(review, result),
        categories=categories,
        findings=_findings(result, definition, answers, finding_reviews),
        sections=_sections(definition, answers, evidence),
        audit=[
            rd.AuditEntry(
                at=e.created_at,
                actor=names.get(e.actor_id, ""),
                action=_audit_code(e),
                from_state=e.from_state,
                to_state=e.to_state,
                note=e.reason or "",
            )
            for e in entries
        ],
        corrective_actions=_corrective_actions(submission, review, now),
    )


def _corrective_actions(submission: Submission, review: Review | None, now: datetime) -> list:
    """Return the buyer's plans raised on, or carried to, *submission* (none in the supplier's
    working copy, which holds no buyer's review)."""
    if review is None:
        return []
    today = now.date()
    return [
        rd.CorrectiveAction(
            number=action.id,
            title=(action.finding or {}).get("title") or action.request[:200],
            severity=action.severity,
            status=action.status.value,
            request=action.request,
            requested_on=action.requested_on,
            plan_due=action.plan_due_on,
            due=action.due_on,
            verification=action.verification.value,
            due_basis=action.due_basis.value,
            overdue=action.overdue(today),
            rule_id=action.rule_id,
            root_cause=action.root_cause or "",
            corrective_action=action.corrective_action or "",
            preventive_action=action.preventive_action or "",
            responsible=action.responsible_person or "",
            start=action.start_on,
            closed=action.closed_on,
            decision_reason=action.decision_reason or "",
            evidence=[rd.Evidence(f.filename, f.sha256) for f in corrective_evidence.files(action)],
            recurs=corrective_lists.recurs(action),
        )
        for action in corrective_lists.of_review(review, today)
    ]


def _visibility(review: Review | None, result: RiskResult | None) -> rd.Visibility | None:
    seen = findings.reviewed_visibility(review, result)
    if seen is None:
        return None
    computed = result.result["visibility"]
    return rd.Visibility(
        score=computed["score"],
        insufficient=bool(computed["insufficient"]),
        unknown=len(seen["unknown"]),
        unanswered=len(seen["unanswered"]),
        not_applicable=len(seen["not_applicable"]),
        reviewed_score=seen["score"] if seen["accepted"] else None,
    )


def _report_id(submission: Submission, review: Review | None, answers_sha: str) -> str:
    round_ = review.round if review is not None else submission.round
    buyer = f"-B{review.buyer_id}" if review is not None else ""
    return f"ASSAY-{submission.id}{buyer}-R{round_}-{answers_sha[:8].upper()}"


def render(submission: Submission, lang: str, review: Review | None = None) -> bytes:
    """Render the report of *submission* (for *review*'s buyer, when given) in *lang* now."""
    return _renderer.render(build(submission, review), lang)


def render_data(data: ReportData, lang: str) -> bytes:
    """Render prepared report *data* in *lang*."""
    return _renderer.render(data, lang)


def download_name(submission: Submission, lang: str, review: Review | None = None) -> str:
    """Return a safe file name for the report, worded in the report's language *lang*."""
    translations = translation.load(lang)
    base = unicodedata.normalize("NFKC", submission.supplier.name)
    base = re.sub(r"[^\w\-]+", "-", base, flags=re.UNICODE).strip("-")[:60]
    base = base or _file_name_part(translations.pgettext("file name", "supplier"))
    label = translations.pgettext("file name", "due-diligence-report")
    round_ = review.round if review is not None else submission.round
    return f"{_file_name_part(label)}_{base}_{submission.id}-R{round_}_{lang}.pdf"


def _file_name_part(text: str) -> str:
    """Return a catalogue's wording with only characters every file system accepts."""
    return re.sub(r'[\s/\\:*?"<>|]+', "-", text).strip("-")
