"""A realistic sample report (the high-risk answers document), and a plain-text reference.

Used by the tests, the benchmarks and anyone who wants to see a report without
a database: ``DueDiligenceReport().render(sample_report_data(), "ja")``.
"""

from __future__ import annotations

import hashlib
import io
import json
from datetime import UTC, datetime, timedelta

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

import rules
from demo.documents import HIGH_RISK
from demo.scored import answer_sections, finding, scored, supplier
from reports import parts
from reports.data import (
    AuditEntry,
    CategoryScore,
    Decision,
    Finding,
    FindingReview,
    ReportData,
    VersionRef,
)
from reports.fonts import markup, register_fonts
from reports.formatting import Formatter
from reports.labels import code_label
from reports.translation import load

#: Reviewer decisions on findings: rule id -> (status, justification).
REVIEWS = {
    "fl_recruitment_fees": (
        "accepted",
        "Confirmed in worker interviews on 14 October; 31 workers paid fees & receipts were seen.",
    ),
    "cl_child_labour_found": (
        "accepted",
        "Site visit report confirms; a remediation plan with the cooperative is required before "
        "further purchases.",
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
        "Shipment documents cover some lots only; for artisanal lots the records are not held by "
        "the supplier <b>at all</b>.",
    ),
}

START = datetime(2026, 10, 1, 8, 30, tzinfo=UTC)


def _findings(n: int | None, reviewed_at: datetime) -> list[Finding]:
    """Build ``n`` findings (all the sample's when None), repeating the sample's with numbered
    rule ids if needed."""
    sample = scored(HIGH_RISK)
    found = sample.result["findings"]
    findings = []
    for i in range(len(found) if n is None else n):
        item = found[i % len(found)]
        rule_id = item["rule_id"]
        if i >= len(found):
            rule_id = f"{rule_id}.{i // len(found) + 1}"
        review = None
        if rule_id in REVIEWS:
            status, why = REVIEWS[rule_id]
            review = FindingReview(status, why, "Aiko Tanaka", reviewed_at)
        findings.append(finding(sample, item, rule_id, review))
    return findings


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
    """Return a full sample report: the high-risk document scored with the shipped rule set,
    ``n_findings`` findings (all of its own when None), evidence, audit trail.

    A draft has no decision and is marked "DRAFT" on every page.
    """
    sample = scored(HIGH_RISK)
    result = sample.result
    ruleset = VersionRef(result["ruleset"]["id"], result["ruleset"]["version"])
    dismissed = {rule_id for rule_id, (status, _why) in REVIEWS.items() if status == "dismissed"}
    reviewed = rules.reviewed_rating(
        rules.load_ruleset(ruleset.id, ruleset.version), result, dismissed
    )
    files = sum(len(attached) for attached in sample.document["evidence"].values())
    canonical = json.dumps(
        sample.document, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    decided_at = START + timedelta(days=23)
    return ReportData(
        report_id="DDR-2026-000417-EBMC",
        generated_at=START + timedelta(days=52, hours=2, minutes=15),
        draft=draft,
        supplier=supplier(sample),
        questionnaire=VersionRef(
            sample.questionnaire.id,
            sample.questionnaire.version,
            title=sample.questionnaire.title.to_dict(),
        ),
        ruleset=ruleset,
        data_editions=parts.data_editions(result["data_editions"], result.get("data_labels")),
        submitted_at=START + timedelta(days=20),
        decided_at=None if draft else decided_at,
        decision=None
        if draft
        else Decision("approved", "Aiko Tanaka", "Approved subject to the corrective plan."),
        rating=result["rating"],
        reviewed_rating=None if draft else reviewed.label,
        score=result["score"],
        categories=[
            CategoryScore(c["id"], dict(c["name"]), c["score"], c["rating"])
            for c in result["categories"]
        ],
        findings=_findings(n_findings, START + timedelta(days=22)),
        sections=answer_sections(sample),
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
        lines += [f"{r.code} — {fmt.text(r.title)} {fmt.text(r.locator)}" for r in f.references]
        lines += [f"{fmt.text(t.question)} → {fmt.text(t.answer)}" for t in f.triggered_by]
        lines += [parts.listing_line(item, lang, load(lang).gettext) for item in f.listings]
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
