"""PDF due-diligence reports: prepare the data from the database, render, store at approval."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime

from sqlalchemy import select

import questionnaires as qn
from extensions import db
from models import (
    AuditEntry,
    FindingReview,
    RiskResult,
    StoredReport,
    Submission,
    SubmissionRound,
    SubmissionStatus,
    User,
)
from models.types import utcnow
from reports import DueDiligenceReport, ReportData
from reports import data as rd
from services import questionnaires, risk, submissions
from services.display import answer_text

LANGUAGES = ("en", "ja")
DECIDED = frozenset({SubmissionStatus.APPROVED, SubmissionStatus.REJECTED})
#: Audit actions as the report names them.
_TRANSITION_CODES = {
    "submitted": "submitted",
    "in_review": "review_started",
    "changes_requested": "changes_requested",
    "approved": "approved",
    "rejected": "rejected",
}
_ACTION_CODES = {
    "submission.create": "created",
    "evidence.add": "evidence_uploaded",
    "risk.rescore": "rescored",
    "answers.import": "saved",
}
_renderer = DueDiligenceReport()


def _both(text: str) -> dict[str, str]:
    return {"en": text, "ja": text}


def _audit_code(entry: AuditEntry) -> str:
    if entry.action == "submission.transition":
        if entry.to_state == "submitted" and (entry.detail or {}).get("action") == "resubmit":
            return "resubmitted"
        return _TRANSITION_CODES.get(entry.to_state or "", entry.to_state or entry.action)
    return _ACTION_CODES.get(entry.action, entry.action.replace(".", "_"))


def _names(user_ids) -> dict[int, str]:
    ids = {i for i in user_ids if i}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())


def _answers_for(submission: Submission) -> tuple[dict, str]:
    """Return the answers document the report reflects and its SHA-256."""
    if submission.status != SubmissionStatus.DRAFT and submission.status != (
        SubmissionStatus.CHANGES_REQUESTED
    ):
        snapshot = db.session.scalar(
            select(SubmissionRound)
            .where(SubmissionRound.submission_id == submission.id)
            .order_by(SubmissionRound.round.desc())
            .limit(1)
        )
        if snapshot is not None:
            return snapshot.answers, snapshot.answers_sha256
    document = submissions.answers_document(submission)
    return document, questionnaires.sha256_of(document)


def _findings(result: RiskResult | None, definition: qn.Questionnaire, answers: dict):
    if result is None:
        return []
    catalogue = questionnaires.catalogue()
    reviews = {
        r.rule_id: r
        for r in db.session.scalars(
            select(FindingReview)
            .where(FindingReview.risk_result_id == result.id)
            .order_by(FindingReview.id)
        )
    }
    names = _names(r.reviewer_id for r in reviews.values())
    findings = []
    for item in result.result.get("findings", []):
        references = []
        for code in item.get("references", []):
            entry = catalogue.entries.get(code)
            title = entry.title.to_dict() if entry is not None else _both(code)
            references.append(
                rd.Reference(code=code, title=title, locator=entry.locator if entry else "")
            )
        triggered = []
        for trigger in item.get("triggered_by", []):
            question = definition.find(trigger.get("question"))
            if question is None:
                triggered.append(
                    rd.TriggeringAnswer(
                        _both(str(trigger.get("question"))), str(trigger.get("value"))
                    )
                )
                continue
            value = trigger.get("value", answers.get(question.id))
            triggered.append(
                rd.TriggeringAnswer(
                    question.text.to_dict(),
                    {lang: answer_text(question, value, lang) for lang in LANGUAGES},
                )
            )
        review = reviews.get(item["rule_id"])
        findings.append(
            rd.Finding(
                rule_id=item["rule_id"],
                severity=item["severity"],
                category=item["category"],
                title=item["title"],
                action=item["action"],
                red_flag=bool(item.get("red_flag")),
                references=references,
                triggered_by=triggered,
                review=rd.FindingReview(
                    status=review.decision.value,
                    justification=review.justification,
                    reviewer=names.get(review.reviewer_id, ""),
                    at=review.created_at,
                )
                if review
                else None,
            )
        )
    return findings


def _sections(definition: qn.Questionnaire, answers: dict, evidence: dict) -> list:
    sections = []
    for section in definition.sections:
        rows = []
        for question in section.questions:
            files = evidence.get(question.id, [])
            value = answers.get(question.id)
            if value is None and not files:
                continue
            rows.append(
                rd.Answer(
                    question_id=question.id,
                    text=question.text.to_dict(),
                    answer={lang: answer_text(question, value, lang) for lang in LANGUAGES},
                    evidence=[rd.Evidence(f.filename, f.sha256, f.valid_until) for f in files],
                )
            )
        if rows:
            sections.append(rd.AnswerSection(title=section.title.to_dict(), answers=rows))
    return sections


def build(submission: Submission, now: datetime | None = None) -> ReportData:
    """Prepare the report data of *submission* (no rendering)."""
    now = now or utcnow()
    definition = submissions.definition(submission)
    document, answers_sha = _answers_for(submission)
    answers = document.get("answers", {})
    evidence = submissions.evidence_of(submission)
    result = risk.current_result(submission)
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.submission_id == submission.id).order_by(AuditEntry.id)
    ).all()
    names = _names([e.actor_id for e in entries] + [submission.decided_by_id])
    decision = None
    if submission.status in DECIDED:
        decision = rd.Decision(
            outcome=submission.status.value,
            reviewer=names.get(submission.decided_by_id, ""),
            reason=submission.decision_reason or "",
        )
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
        report_id=f"ASSAY-{submission.id}-R{submission.round}-{answers_sha[:8].upper()}",
        generated_at=now,
        supplier=rd.Supplier(
            name=answers.get("org_legal_name") or submission.supplier.name,
            country=answers.get("org_country") or submission.supplier.country or "",
            sites=sites,
            countries=list(answers.get("org_countries") or []),
            minerals=list(answers.get("org_minerals") or []),
            lifecycle_stages=list(answers.get("org_lifecycle_stages") or []),
        ),
        questionnaire=rd.VersionRef(definition.id, definition.version),
        ruleset=rd.VersionRef(result.ruleset_id, result.ruleset_version)
        if result
        else rd.VersionRef(risk.DEFAULT_RULESET, "—"),
        rating=result.rating if result else "medium",
        score=result.score if result else 0,
        answers_sha256=answers_sha,
        draft=submission.status not in DECIDED,
        data_editions=dict(result.data_editions) if result else {},
        submitted_at=submission.submitted_at,
        decided_at=submission.decided_at if submission.status in DECIDED else None,
        decision=decision,
        reviewed_rating=result.reviewed_rating if result else None,
        categories=categories,
        findings=_findings(result, definition, answers),
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
    )


def render(submission: Submission, lang: str) -> bytes:
    """Render the report of *submission* in *lang* now."""
    return _renderer.render(build(submission), lang)


def store(submission: Submission) -> list[StoredReport]:
    """Render and keep the reports of a decided round in every language (the caller commits)."""
    data = build(submission)
    stored = []
    for lang in LANGUAGES:
        pdf = _renderer.render(data, lang)
        row = StoredReport(
            submission_id=submission.id,
            round=submission.round,
            lang=lang,
            document_id=data.report_id,
            sha256=hashlib.sha256(pdf).hexdigest(),
            data=pdf,
        )
        db.session.add(row)
        stored.append(row)
    db.session.flush()
    return stored


def pdf_for(submission: Submission, lang: str) -> bytes:
    """Return the stored report of a decided round, or a fresh rendering for other states."""
    if submission.status in DECIDED:
        row = db.session.scalar(
            select(StoredReport).where(
                StoredReport.submission_id == submission.id,
                StoredReport.round == submission.round,
                StoredReport.lang == lang,
            )
        )
        if row is not None:
            return row.data
    return render(submission, lang)


def download_name(submission: Submission, lang: str) -> str:
    """Return a safe, localised file name for the report."""
    base = submission.supplier.name
    base = unicodedata.normalize("NFKC", base)
    base = re.sub(r"[^\w\-]+", "-", base, flags=re.UNICODE).strip("-")[:60] or "supplier"
    label = "デューディリジェンス報告書" if lang == "ja" else "due-diligence-report"
    return f"{label}_{base}_{submission.id}-R{submission.round}_{lang}.pdf"
