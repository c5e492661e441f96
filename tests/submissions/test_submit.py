"""Completeness check, submit (freeze, score, audit) and its transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from extensions import db
from models import AuditEntry, RiskResult, Submission, SubmissionRound, SubmissionStatus, User
from services import risk, submissions
from tests.factories import fill_submission

SUPPLIER = "supplier@demo.assay.example"


def test_completeness_lists_each_missing_item_with_a_link(app, supplier, draft):
    page = supplier.get(f"/submissions/{draft}").get_data(as_text=True)
    with app.app_context():
        missing = submissions.missing_items(db.session.get(Submission, draft))
    assert missing
    for item in missing:
        assert f"/sections/{item.section_id}#q-{item.question_id}" in page
    refused = supplier.post(f"/submissions/{draft}/submit", follow_redirects=True)
    assert b"required answers or documents are missing" in refused.data
    with app.app_context():
        assert db.session.get(Submission, draft).status == SubmissionStatus.DRAFT


def test_missing_evidence_is_listed_until_uploaded(app, supplier, draft):
    fill_submission(app, draft, SUPPLIER)
    with app.app_context():
        from models import EvidenceFile

        item = db.session.scalar(select(EvidenceFile).limit(1))
        question_id = item.question_id
        db.session.delete(item)
        db.session.commit()
    page = supplier.get(f"/submissions/{draft}").get_data(as_text=True)
    assert f"#q-{question_id}" in page
    assert "document missing" in page


def test_submit_freezes_records_scores_and_audits(app, supplier, draft):
    fill_submission(app, draft, SUPPLIER)
    response = supplier.post(f"/submissions/{draft}/submit", follow_redirects=True)
    assert b"Submitted. Your answers are now read-only." in response.data
    with app.app_context():
        submission = db.session.get(Submission, draft)
        user = db.session.scalar(select(User).where(User.email == SUPPLIER))
        assert submission.status == SubmissionStatus.SUBMITTED
        assert submission.submitted_by_id == user.id and submission.submitted_at is not None
        snapshot = db.session.scalar(select(SubmissionRound))
        assert snapshot.round == 1
        assert snapshot.answers["version"] == submissions.definition(submission).version
        assert snapshot.answers["answers"] == submissions.answers_of(submission)
        result = db.session.scalar(select(RiskResult))
        assert result.current and result.rating in {"low", "medium", "high", "critical"}
        assert result.result["ruleset"]["id"] == "critical-minerals-risk"
        definition = submissions.definition(submission)
        ruleset = risk.ruleset_for(definition.id, definition.version)
        assert result.result["ruleset"]["version"] == ruleset.version
        assert result.data_editions == {"ilab": "2022", "wgi": "2023", **ruleset.reference_data}

        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "submission.transition")
        )
        assert (entry.from_state, entry.to_state, entry.actor_id) == ("draft", "submitted", user.id)
    # Read-only now: saving and uploading are refused, the page shows the answers disabled.
    blocked = supplier.post(
        f"/submissions/{draft}/answers", json={"version": 99, "answers": {"org_legal_name": "x"}}
    )
    assert blocked.status_code == 403
    page = supplier.get(f"/submissions/{draft}/sections/org").get_data(as_text=True)
    assert "These answers are read-only." in page and "disabled" in page
    again = supplier.post(f"/submissions/{draft}/submit", follow_redirects=True)
    assert b"cannot be changed now" in again.data


def test_crash_during_submit_leaves_previous_state(app, draft, monkeypatch, demo):
    fill_submission(app, draft, SUPPLIER)
    from services import risk

    def broken_scoring(*_args, **_kwargs):
        raise RuntimeError("scoring failed")

    monkeypatch.setattr(risk, "score", broken_scoring)
    with app.app_context():
        submission = db.session.get(Submission, draft)
        user = db.session.scalar(select(User).where(User.email == SUPPLIER))
        audits_before = db.session.scalar(select(func.count()).select_from(AuditEntry))
        with pytest.raises(RuntimeError):
            submissions.submit(submission, user)
        db.session.rollback()
        submission = db.session.get(Submission, draft)
        assert submission.status == SubmissionStatus.DRAFT and submission.submitted_at is None
        assert db.session.scalar(select(func.count()).select_from(SubmissionRound)) == 0
        assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == audits_before
