"""The demo suppliers' questionnaires, taken through every state by the real services.

Every step goes through the same service functions the pages call, so the answers, the
scores, the notifications and the audit chain are what real use would leave behind.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from demo.documents import SUPPLIERS_DATE, document
from extensions import db
from models import Organisation, Review, Submission, User
from services import (
    evidence,
    findings,
    review,
    risk,
    sharing,
    submissions,
)


def _pdf(text: str) -> bytes:
    """Return a small, valid one-page PDF showing *text* (ASCII)."""
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


DOCUMENT = _pdf("Assay demo document")


def prepare(user: User, name: str, today: date, *, complete: bool = True) -> Submission:
    """Start a questionnaire for *user*'s organisation, of the version the answers document
    answers, answer it and attach its documents.

    :param name: the supplier's answers document (``suppliers/...``, see :mod:`demo.documents`);
        each of its files is attached as :data:`DOCUMENT`, valid until its date moved from
        :data:`~demo.documents.SUPPLIERS_DATE` to *today*.
    :param complete: answer only the first two sections, attach nothing, when false (a draft
        in progress).
    """
    answers_document = document(name)
    submission = submissions.start(user, answers_document["version"])
    definition = submissions.definition(submission)
    files = answers_document.pop("evidence", None) or {}
    if not complete:
        first = {q.id for s in definition.sections[:2] for q in s.questions}
        answers = answers_document["answers"]
        answers_document["answers"] = {qid: v for qid, v in answers.items() if qid in first}
        files = {}
    errors = submissions.import_document(submission, answers_document, user)
    if errors:
        raise RuntimeError(f"demo answers rejected: {errors}")
    shift = today - SUPPLIERS_DATE
    for question_id, attached in files.items():
        for file in attached:
            until = file["valid_until"]
            until = date.fromisoformat(until) + shift if until else None
            evidence.add(submission, user, question_id, file["name"], DOCUMENT, until)
    return submission


def _submit(
    user: User, buyer: Organisation, name: str, today: date, *others: Organisation
) -> Review:
    """Answer, share with *buyer* (and *others*) and submit; return *buyer*'s review of it."""
    submission = prepare(user, name, today)
    sharing.share(submission, user, [buyer.id, *(o.id for o in others)])
    submissions.submit(submission, user, today)
    return _review(submission, buyer)


def _review(submission: Submission, buyer: Organisation) -> Review:
    return db.session.scalar(
        select(Review).where(Review.submission_id == submission.id, Review.buyer_id == buyer.id)
    )


def _decide(item: Review, reviewer: User, decisions: dict[str, tuple[str, str]]):
    """Record the reviewer's decisions on those of the findings the result contains."""
    submission = item.submission
    result = risk.current_result(submission)
    present = {f["rule_id"] for f in (result.result.get("findings", []) if result else [])}
    for rule_id, (decision, justification) in decisions.items():
        if rule_id in present:
            findings.decide(item, reviewer, rule_id, decision, justification)


def run(
    users: dict[str, User],
    buyer: Organisation,
    reviewer: User,
    documents: dict[str, str],
    today: date,
    second: tuple[Organisation, User] | None = None,
) -> None:
    """Take each demo supplier's questionnaire to its state (see the module docstring).

    *users* and *documents* give each supplier's user and answers document by organisation name.

    With *second* (a buyer and its reviewer), the cobalt processor also shares with that
    buyer, whose reviewer works on its own review while the first buyer asks for changes.
    """
    recycler = users["Circular Metals Recycling GmbH"]
    approved = _submit(recycler, buyer, documents["Circular Metals Recycling GmbH"], today)
    _decide(
        approved,
        reviewer,
        {
            "lr_discrimination_grounds_missing": (
                "dismissed",
                "The 2026 revision of the policy, attached to the policy question, covers the "
                "grounds not ticked here.",
            )
        },
    )
    review.add_comment(approved, reviewer, None, "Complete answers and current certificates.")
    review.decide(
        approved,
        reviewer,
        "approve",
        "Management system and documents are in order; recycled inputs are verified.",
    )

    cobalt = users["Lualaba Cobalt Processing SARL"]
    others = (second[0],) if second else ()
    returned = _submit(cobalt, buyer, documents["Lualaba Cobalt Processing SARL"], today, *others)
    if second:
        review.add_comment(
            _review(returned.submission, second[0]),
            second[1],
            "org_headcount",
            "Internal: compare with the headcount in the 2025 audit report before we decide.",
        )
    if second:
        _decide(
            _review(returned.submission, second[0]),
            second[1],
            {
                "dd_security_forces_unvetted": (
                    "accepted",
                    "The site guards are contracted from a provider we cannot find in any "
                    "vetting register.",
                )
            },
        )
    _decide(
        returned,
        reviewer,
        {
            "cw_migrants_unequal": (
                "accepted",
                "Payslips sampled at the Kolwezi plant show migrant workers paid 18% less for "
                "the same grade.",
            )
        },
    )
    review.add_comment(
        returned,
        reviewer,
        "trace_mines_identified",
        "Which mines are not identified yet? Name the cooperatives you buy from and the share "
        "of volume each represents.",
    )
    review.add_comment(
        returned,
        reviewer,
        "cw_migrant_recruiters",
        "Which recruitment agencies do not meet the standard, and what are you doing about it?",
    )
    review.decide(
        returned,
        reviewer,
        "request_changes",
        "Please complete the traceability answers and explain the recruiters of migrant workers.",
    )

    nickel = users["Morowali Nickel Refining PT"]
    reworked = _submit(nickel, buyer, documents["Morowali Nickel Refining PT"], today)
    review.add_comment(
        reworked,
        reviewer,
        "fl_identity_documents_access",
        "Workers must be able to get their passports back at any time. Please change the "
        "practice or explain how access works.",
    )
    review.decide(reworked, reviewer, "request_changes", "Identity documents: see my comment.")
    outcome = submissions.save_answers(
        reworked.submission,
        nickel,
        {"fl_identity_documents_access": "yes", "cw_max_weekly_hours": 60},
        reworked.submission.version,
    )
    if outcome.errors or outcome.conflicts:
        raise RuntimeError(f"demo change rejected: {outcome.errors}")
    submissions.submit(reworked.submission, nickel, today)
    review.start_review(reworked, reviewer)
    _decide(
        reworked,
        reviewer,
        {
            "fl_substandard_accommodation": (
                "accepted",
                "The dormitory inspection found overcrowding in block C; a corrective action "
                "plan is requested by the end of the quarter.",
            ),
            "lr_zone_rights_restricted": (
                "accepted",
                "The industrial park's rules bar unions from the dormitories; workers confirmed "
                "it in interviews.",
            ),
            "env_protected_area_without_plan": (
                "dismissed",
                "The IUCN map shows the nearest protected area 38 km from the plant; the "
                "'unknown' answer refers to a survey that has since been completed.",
            ),
        },
    )

    graphite = users["Heilongjiang Spherical Graphite Co., Ltd."]
    refused = _submit(
        graphite, buyer, documents["Heilongjiang Spherical Graphite Co., Ltd."], today
    )
    _decide(
        refused,
        reviewer,
        {
            "fl_xinjiang_inputs": (
                "accepted",
                "The supplier confirms inputs from Xinjiang; this conflicts with the "
                "forced-labour import rules our customers are bound by.",
            ),
            "lr_strikers_unprotected": (
                "accepted",
                "Three workers were dismissed after the stoppage in March; the supplier "
                "confirms it.",
            ),
        },
    )
    review.decide(
        refused, reviewer, "reject", "Sourcing linked to Xinjiang (UFLPA) cannot be accepted."
    )

    lithium = users["Pilbara Spodumene Pty Ltd"]
    _submit(lithium, buyer, documents["Pilbara Spodumene Pty Ltd"], today)

    manganese = users["Kalahari Manganese (Pty) Ltd"]
    draft = prepare(manganese, documents["Kalahari Manganese (Pty) Ltd"], today, complete=False)
    sharing.share(draft, manganese, [buyer.id])
