"""A realistic sample report (a cobalt processor in the DR Congo), and a plain-text reference.

Used by the tests, the benchmarks and anyone who wants to see a report without
a database: ``DueDiligenceReport().render(sample_report_data(), "ja")``.
"""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime, timedelta

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

from .data import (
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
from .fonts import markup, register_fonts
from .formatting import Formatter
from .labels import code_label
from .sample_answers import SECTIONS
from .sample_findings import FINDINGS, REFERENCES, REVIEWS

SUPPLIER = Supplier(
    name="Lualaba Cobalt & Copper Processing SARL",
    country="CD",
    sites=[
        Site("Kolwezi hydrometallurgical plant", "CD"),
        Site("Likasi cobalt hydroxide plant", "CD"),
        Site("Kasulo buying station (ASM cooperative)", "CD"),
        Site("Dar es Salaam export warehouse", "TZ"),
        Site("Solwezi trading office", "ZM"),
    ],
    countries=["CD", "ZM", "TZ"],
    minerals=["cobalt", "copper"],
    lifecycle_stages=["processing", "trading"],
)

#: Category id -> (score, rating), in the rule set's order.
CATEGORY_SCORES = {
    "labour_rights": (48, "medium"),
    "forced_labour": (91, "critical"),
    "child_labour": (88, "critical"),
    "conditions_of_work": (72, "high"),
    "voice_and_remedy": (55, "medium"),
    "environment": (69, "high"),
    "traceability": (74, "high"),
    "circularity": (30, "low"),
    "due_diligence_management": (58, "medium"),
}

START = datetime(2026, 10, 1, 8, 30, tzinfo=UTC)


def _text(key: str) -> dict[str, str]:
    kind, code = key.split(".", 1)
    return {lang: code_label(kind, code, lang) for lang in LANGUAGES}


def _answers() -> tuple[list[AnswerSection], dict[str, Answer]]:
    """Build the answer sections and an index of answers by question id."""
    sections, index = [], {}
    for (title_en, title_ja), questions in SECTIONS:
        answers = []
        for qid, text_en, text_ja, value, files in questions:
            evidence = [
                Evidence(name, hashlib.sha256(name.encode()).hexdigest(), until)
                for name, until in files
            ]
            answer = Answer(qid, {"en": text_en, "ja": text_ja}, value, evidence)
            answers.append(answer)
            index[qid] = answer
        sections.append(AnswerSection({"en": title_en, "ja": title_ja}, answers))
    return sections, index


def _findings(n: int, answers: dict[str, Answer], reviewed_at: datetime) -> list[Finding]:
    """Build ``n`` findings, repeating the catalogue with numbered rule ids if needed."""
    findings = []
    for i in range(n):
        rule_id, severity, category, red, title, action, refs, qids = FINDINGS[i % len(FINDINGS)]
        if i >= len(FINDINGS):
            rule_id = f"{rule_id}.{i // len(FINDINGS) + 1}"
        review = None
        if rule_id in REVIEWS:
            status, why = REVIEWS[rule_id]
            review = FindingReview(status, why, "Aiko Tanaka", reviewed_at)
        findings.append(
            Finding(
                rule_id=rule_id,
                severity=severity,
                category=category,
                title={"en": title[0], "ja": title[1]},
                action={"en": action[0], "ja": action[1]},
                red_flag=red,
                references=[
                    Reference(code, {"en": REFERENCES[code][0], "ja": REFERENCES[code][1]}, loc)
                    for code, loc in refs
                ],
                triggered_by=[TriggeringAnswer(answers[q].text, answers[q].answer) for q in qids],
                review=review,
            )
        )
    return findings


def _audit(draft: bool) -> list[AuditEntry]:
    """Build the audit trail of the sample submission."""
    t = START
    entries = [
        AuditEntry(t, "Jean-Pierre Mukendi", "created", None, "draft"),
        AuditEntry(
            t + timedelta(days=3), "Jean-Pierre Mukendi", "evidence_uploaded", note="12 files"
        ),
        AuditEntry(t + timedelta(days=9), "Jean-Pierre Mukendi", "submitted", "draft", "submitted"),
        AuditEntry(t + timedelta(days=9, minutes=1), "system", "scored", note="assay-risk 2026.2"),
        AuditEntry(
            t + timedelta(days=12), "Aiko Tanaka", "review_started", "submitted", "in_review"
        ),
        AuditEntry(
            t + timedelta(days=13),
            "Aiko Tanaka",
            "commented",
            note="SRC-05: please upload the lot register <script>x()</script> & the smelter list.",
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


def sample_report_data(n_findings: int = 35, draft: bool = False) -> ReportData:
    """Return a full sample report: DRC cobalt, ``n_findings`` findings, evidence, audit trail.

    A draft has no decision and is marked "DRAFT" on every page.
    """
    sections, answers = _answers()
    decided_at = START + timedelta(days=23)
    return ReportData(
        report_id="DDR-2026-000417-LCCP",
        generated_at=START + timedelta(days=52, hours=2, minutes=15),
        draft=draft,
        supplier=SUPPLIER,
        questionnaire=VersionRef("assay-critical-minerals", "2026.1"),
        ruleset=VersionRef("assay-risk", "2026.2"),
        data_editions={
            "US DOL ILAB List of Goods": "2024",
            "World Bank Worldwide Governance Indicators": "2024 (2023 data)",
        },
        submitted_at=START + timedelta(days=20),
        decided_at=None if draft else decided_at,
        decision=None
        if draft
        else Decision("approved", "Aiko Tanaka", "Approved subject to the corrective plan."),
        rating="critical",
        reviewed_rating=None if draft else "high",
        score=78.4,
        categories=[
            CategoryScore(cid, _text(f"category.{cid}"), score, rating)
            for cid, (score, rating) in CATEGORY_SCORES.items()
        ],
        findings=_findings(n_findings, answers, START + timedelta(days=22)),
        sections=sections,
        audit=_audit(draft),
        answers_sha256=hashlib.sha256(b"sample answers of DDR-2026-000417").hexdigest(),
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
