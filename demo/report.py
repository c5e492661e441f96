"""A realistic sample report (the high-risk answers document, scored and reviewed), and a
plain-text reference.

Used by the tests, the benchmarks and anyone who wants to see a report without
a database: ``DueDiligenceReport().render(sample_report_data(), "ja")``.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

import questionnaires as qn
import rules
from demo.documents import HIGH_RISK, SCORING_DATE, document
from reports.data import (
    LANGUAGES,
    Answer,
    AnswerSection,
    AuditEntry,
    CategoryScore,
    Decision,
    Evidence,
    Finding,
    FindingReview,
    Reference,
    ReportData,
    Site,
    Supplier,
    TriggeringAnswer,
    VersionRef,
)
from reports.fonts import markup, register_fonts
from reports.formatting import Formatter
from reports.labels import code_label
from services.display import answer_text

#: The rule set the sample is scored with.
RULESET = "critical-minerals-risk"

#: Reviewer decisions on findings of the sample: rule id -> (status, justification).
REVIEWS = {
    "fl_recruitment_fees": (
        "accepted",
        "Confirmed in worker interviews on 14 October; 31 workers paid fees & receipts were seen.",
    ),
    "cl_child_labour_found": (
        "accepted",
        "Site visit report confirms; a remediation plan with the cooperative is required "
        "before further purchases.",
    ),
    "cl_ilab_listed_source": (
        "accepted",
        "Inherent country risk; applies to every DR Congo source.",
    ),
    "fl_forced_overtime": (
        "dismissed",
        "Worker interviews found no forced overtime; the 'unknown' answer reflects missing "
        "records, not risk.",
    ),
    "circ_no_take_back": (
        "dismissed",
        "A take-back scheme with two cell makers starts in 2027 and the plan was reviewed.",
    ),
    "tr_no_shipment_documents": (
        "accepted",
        "Shipment documents exist for some lots only; for artisanal lots the records are not "
        "held by the supplier <b>at all</b>.",
    ),
}

START = datetime(2026, 10, 1, 8, 30, tzinfo=UTC)


@functools.cache
def _scored() -> tuple[qn.Questionnaire, dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Return the questionnaire, the high-risk document, its canonical answers and its result."""
    sample = document(HIGH_RISK)
    definition = qn.load_all()[(sample["questionnaire"], sample["version"])]
    answers = qn.parse_answers_document(sample, [definition]).answers
    ruleset = rules.load_ruleset(RULESET)
    result = rules.evaluate(ruleset, sample, rules.load_reference_data(), SCORING_DATE)
    return definition, sample, answers, result.to_dict()


@functools.cache
def _catalogue() -> qn.Catalogue:
    return qn.load_catalogue()


def _displayed(question: qn.Question, value: object) -> dict[str, str]:
    return {lang: answer_text(question, value, lang) for lang in LANGUAGES}


def _answers(
    definition: qn.Questionnaire, answers: dict[str, Any], evidence: dict[str, list]
) -> tuple[list[AnswerSection], dict[str, Answer]]:
    """Build the answer sections and an index of answers by question id."""
    sections, index = [], {}
    for section in definition.sections:
        rows = []
        for question in section.questions:
            files = evidence.get(question.id, [])
            value = answers.get(question.id)
            if value is None and not files:
                continue
            attached = [
                Evidence(
                    f["name"],
                    f["sha256"],
                    f["valid_until"] and date.fromisoformat(f["valid_until"]),
                )
                for f in files
            ]
            answer = Answer(
                question.id, question.text.to_dict(), _displayed(question, value), attached
            )
            rows.append(answer)
            index[question.id] = answer
        if rows:
            sections.append(AnswerSection(section.title.to_dict(), rows))
    return sections, index


def _reference(code: str) -> Reference:
    entry = _catalogue().entries.get(code)
    if entry is None:
        return Reference(code, {"en": code, "ja": code}, "")
    return Reference(code, entry.title.to_dict(), entry.locator)


def _trigger(
    definition: qn.Questionnaire, answers: dict[str, Any], trigger: dict
) -> TriggeringAnswer:
    question = definition.find(trigger["question"])
    value = trigger.get("value", answers.get(trigger["question"]))
    return TriggeringAnswer(question.text.to_dict(), _displayed(question, value))


def _findings(n: int | None, result: dict[str, Any], reviewed_at: datetime) -> list[Finding]:
    """Build ``n`` findings (all the result's when None), repeating them with numbered rule ids
    if needed."""
    definition, _sample, answers, _result = _scored()
    found = result["findings"]
    n = len(found) if n is None else n
    findings = []
    for i in range(n):
        item = found[i % len(found)]
        rule_id = item["rule_id"]
        if i >= len(found):
            rule_id = f"{rule_id}.{i // len(found) + 1}"
        review = None
        if rule_id in REVIEWS:
            status, why = REVIEWS[rule_id]
            review = FindingReview(status, why, "Aiko Tanaka", reviewed_at)
        findings.append(
            Finding(
                rule_id=rule_id,
                severity=item["severity"],
                category=item["category"],
                title=item["title"],
                action=item["action"],
                red_flag=bool(item.get("red_flag")),
                references=[_reference(code) for code in item["references"]],
                triggered_by=[_trigger(definition, answers, t) for t in item["triggered_by"]],
                review=review,
            )
        )
    return findings


def _supplier(answers: dict[str, Any]) -> Supplier:
    return Supplier(
        name=answers["org_legal_name"],
        country=answers["org_country"],
        sites=[Site(row["name"], row["country"]) for row in answers.get("org_sites", [])],
        countries=list(answers.get("org_countries", [])),
        minerals=list(answers.get("org_minerals", [])),
        lifecycle_stages=list(answers.get("org_lifecycle_stages", [])),
    )


def _audit(draft: bool, files: int, ruleset: str) -> list[AuditEntry]:
    """Build the audit trail of the sample submission."""
    t = START
    entries = [
        AuditEntry(t, "Jean-Pierre Mukendi", "created", None, "draft"),
        AuditEntry(
            t + timedelta(days=3), "Jean-Pierre Mukendi", "evidence_uploaded", note=f"{files} files"
        ),
        AuditEntry(t + timedelta(days=9), "Jean-Pierre Mukendi", "submitted", "draft", "submitted"),
        AuditEntry(t + timedelta(days=9, minutes=1), "system", "scored", note=ruleset),
        AuditEntry(
            t + timedelta(days=12), "Aiko Tanaka", "review_started", "submitted", "in_review"
        ),
        AuditEntry(
            t + timedelta(days=13),
            "Aiko Tanaka",
            "commented",
            note="trace_custody_documents: please upload the lot register <script>x()</script> & "
            "the shipment documents.",
        ),
        AuditEntry(
            t + timedelta(days=14),
            "Aiko Tanaka",
            "changes_requested",
            "in_review",
            "changes_requested",
        ),
        AuditEntry(
            t + timedelta(days=20),
            "Jean-Pierre Mukendi",
            "resubmitted",
            "changes_requested",
            "submitted",
        ),
        AuditEntry(
            t + timedelta(days=21), "Aiko Tanaka", "review_started", "submitted", "in_review"
        ),
    ]
    for offset, rule_id in enumerate(REVIEWS):
        action = f"finding_{REVIEWS[rule_id][0]}"
        entries.append(
            AuditEntry(t + timedelta(days=22, hours=offset), "Aiko Tanaka", action, note=rule_id)
        )
    if not draft:
        entries.append(
            AuditEntry(
                t + timedelta(days=23),
                "Aiko Tanaka",
                "approved",
                "in_review",
                "approved",
                note="Approved subject to the corrective plan.",
            )
        )
        entries.append(
            AuditEntry(
                t + timedelta(days=23, hours=1),
                "Aiko Tanaka",
                "shared",
                note="Shared with Nippon Battery Materials K.K.",
            )
        )
    return entries


def sample_report_data(n_findings: int | None = None, draft: bool = False) -> ReportData:
    """Return a full sample report: the high-risk document scored on its scoring date, with
    ``n_findings`` findings (all of the result's when None), evidence and an audit trail.

    A draft has no decision and is marked "DRAFT" on every page.
    """
    definition, sample, answers, result = _scored()
    result = copy.deepcopy(result)
    sections, _index = _answers(definition, answers, sample["evidence"])
    ruleset = VersionRef(result["ruleset"]["id"], result["ruleset"]["version"])
    dismissed = {rule_id for rule_id, (status, _why) in REVIEWS.items() if status == "dismissed"}
    reviewed = rules.reviewed_rating(
        rules.load_ruleset(ruleset.id, ruleset.version), result, dismissed
    )
    files = sum(len(attached) for attached in sample["evidence"].values())
    canonical = json.dumps(sample, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    decided_at = START + timedelta(days=23)
    return ReportData(
        report_id="DDR-2026-000417-EBMC",
        generated_at=START + timedelta(days=52, hours=2, minutes=15),
        draft=draft,
        supplier=_supplier(answers),
        questionnaire=VersionRef(definition.id, definition.version),
        ruleset=ruleset,
        data_editions=result["data_editions"],
        submitted_at=START + timedelta(days=20),
        decided_at=None if draft else decided_at,
        decision=None
        if draft
        else Decision("approved", "Aiko Tanaka", "Approved subject to the corrective plan."),
        rating=result["rating"],
        reviewed_rating=None if draft else reviewed.label,
        score=result["score"],
        categories=[
            CategoryScore(c["id"], c["name"], c["score"], c["rating"]) for c in result["categories"]
        ],
        findings=_findings(n_findings, result, START + timedelta(days=22)),
        sections=sections,
        audit=_audit(draft, files, f"{ruleset.id} {ruleset.version}"),
        answers_sha256=hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
    )


def report_text(data: ReportData, lang: str) -> str:
    """Return the report's content as plain text, one paragraph a line."""
    fmt = Formatter(lang)
    s = data.supplier
    lines = [s.name, *(f"{site.name} — {fmt.country(site.country)}" for site in s.sites)]
    lines += [", ".join(fmt.country(c) for c in s.countries)]
    lines += [", ".join(code_label("mineral", m, lang) for m in s.minerals)]
    lines += [fmt.text(c.name) for c in data.categories]
    for f in data.ordered_findings():
        lines += [f.rule_id, fmt.text(f.title), fmt.text(f.action)]
        lines += [f"{r.code} — {fmt.text(r.title)} {r.locator}" for r in f.references]
        lines += [f"{fmt.text(t.question)} → {fmt.text(t.answer)}" for t in f.triggered_by]
        if f.review:
            lines.append(f"{f.review.reviewer}: {f.review.justification}")
    for section in data.sections:
        lines.append(fmt.text(section.title))
        for a in section.answers:
            lines += [f"{a.question_id} {fmt.text(a.text)}", fmt.text(a.answer)]
            lines += [f"{e.file_name} SHA-256 {e.sha256}" for e in a.evidence]
    lines += [f"{fmt.timestamp(e.at)} {e.actor} {e.action} {e.note}" for e in data.audit]
    lines += [data.report_id, data.answers_sha256]
    return "\n".join(lines)


def report_text_length(data: ReportData, lang: str) -> int:
    """Return the number of characters of the report's content."""
    return len(report_text(data, lang))


def plain_text_pdf(text: str) -> bytes:
    """Render ``text`` as plain paragraphs, one per line, in the report's embedded font.

    This is the benchmark's reference: the same amount of text without any of
    the report's tables, chart or page furniture.
    """
    register_fonts()
    cjk = any(ord(ch) >= 0x3000 for ch in text)
    style = ParagraphStyle(
        "Plain",
        fontName="IPAexGothic",
        fontSize=9,
        leading=13.5,
        wordWrap="CJK" if cjk else None,
        spaceAfter=3,
    )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm)
    doc.build([Paragraph(markup(line, "IPAexGothic"), style) for line in text.splitlines()])
    return buffer.getvalue()
