"""Reviewing through the pages: start, comment, request changes, resubmit, approve, reject."""

from __future__ import annotations

import io
import re

from sqlalchemy import select

from extensions import db
from models import (
    Answer,
    AuditEntry,
    EvidenceFile,
    Notification,
    ReviewComment,
    Submission,
    SubmissionShare,
    SubmissionStatus,
)
from tests.factories import PDF_BYTES
from tests.workflow.conftest import (
    BUYER_USER,
    REVIEWER,
    SUPPLIER,
    review_id,
    send_back,
    signed_in,
    user,
)


def _status(app, submission_id):
    with app.app_context():
        return db.session.get(Submission, submission_id).status


def _question_block(html: str, question_id: str) -> str:
    start = html.index(f'id="q-{question_id}"')
    end = html.find('class="question', start + 10)
    return html[start : end if end != -1 else len(html)]


def test_reviewer_starts_the_review(app, submitted):
    reviewer = signed_in(app, REVIEWER)
    page = reviewer.get(f"/review/{review_id(app, submitted)}").get_data(as_text=True)
    assert "Start review" in page
    response = reviewer.post(f"/review/{review_id(app, submitted)}/start")
    assert response.status_code == 302
    assert _status(app, submitted) == SubmissionStatus.IN_REVIEW
    assert "Start review" not in reviewer.get(f"/review/{review_id(app, submitted)}").get_data(
        as_text=True
    )


def test_first_comment_starts_the_review_and_is_kept_per_round_and_question(app, submitted):
    reviewer = signed_in(app, REVIEWER)
    reviewer.post(
        f"/review/{review_id(app, submitted)}/comments",
        data={"question_id": "org_headcount", "body": "Include contractors."},
    )
    assert _status(app, submitted) == SubmissionStatus.IN_REVIEW
    with app.app_context():
        comment = db.session.scalar(select(ReviewComment))
        assert (comment.round, comment.question_id, comment.body) == (
            1,
            "org_headcount",
            "Include contractors.",
        )
    page = reviewer.get(f"/review/{review_id(app, submitted)}").get_data(as_text=True)
    assert "Include contractors." in page


def test_comment_on_unknown_question_or_empty_is_refused(app, submitted):
    reviewer = signed_in(app, REVIEWER)
    page = reviewer.post(
        f"/review/{review_id(app, submitted)}/comments",
        data={"question_id": "no_such_question", "body": "Hm"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "There is no such question." in page
    reviewer.post(
        f"/review/{review_id(app, submitted)}/comments", data={"question_id": "", "body": "  "}
    )
    with app.app_context():
        assert db.session.scalar(select(ReviewComment)) is None


def test_supplier_sees_comments_beside_the_questions_after_changes_are_requested(app, submitted):
    reviewer = signed_in(app, REVIEWER)
    reviewer.post(
        f"/review/{review_id(app, submitted)}/comments",
        data={"question_id": "org_headcount", "body": "Include contractors in the headcount."},
    )
    supplier = signed_in(app, SUPPLIER)
    section = f"/submissions/{submitted}/sections/org"
    assert "Include contractors" not in supplier.get(section).get_data(as_text=True)

    response = reviewer.post(
        f"/review/{review_id(app, submitted)}/decision",
        data={"action": "request_changes", "reason": "See the headcount."},
    )
    assert response.status_code == 302
    assert _status(app, submitted) == SubmissionStatus.CHANGES_REQUESTED
    page = supplier.get(section).get_data(as_text=True)
    block = _question_block(page, "org_headcount")
    assert "Include contractors in the headcount." in block
    assert "review-comment" in block
    assert "Include contractors" not in _question_block(page, "org_legal_name")
    overview = supplier.get(f"/submissions/{submitted}").get_data(as_text=True)
    assert "See the headcount." in overview
    assert f"/submissions/{submitted}/sections/org#q-org_headcount" in overview


def test_resubmission_opens_round_two_and_shows_what_changed(app, submitted):
    send_back(app, submitted, {"org_headcount": "Include contractors."})
    supplier = signed_in(app, SUPPLIER)
    with app.app_context():
        version = db.session.get(Submission, submitted).version
        old = db.session.scalar(
            select(Answer.value).where(
                Answer.submission_id == submitted, Answer.question_id == "org_headcount"
            )
        )
    saved = supplier.post(
        f"/submissions/{submitted}/answers",
        json={"version": version, "answers": {"org_headcount": 4321}},
    )
    assert saved.status_code == 200, saved.get_json()
    assert supplier.post(f"/submissions/{submitted}/submit").status_code == 302
    with app.app_context():
        submission = db.session.get(Submission, submitted)
        assert (submission.status, submission.round) == (SubmissionStatus.SUBMITTED, 2)

    page = (
        signed_in(app, REVIEWER).get(f"/review/{review_id(app, submitted)}").get_data(as_text=True)
    )
    assert "Changed since round 1" in page
    block = page[page.index('id="q-org_headcount"') :][:3000]
    assert "4,321" in block
    assert re.search(r"Round 1 said:</strong>\s*" + re.escape(f"{old:,}"), block)
    assert "Include contractors." in block  # the earlier round's comment stays beside it
    assert 'id="q-org_legal_name"' in page
    legal = page[page.index('id="q-org_legal_name"') :][:1500]
    assert "Round 1 said" not in legal


def test_reviewer_cannot_edit_answers_or_documents(app, submitted):
    reviewer = signed_in(app, REVIEWER)
    with app.app_context():
        version = db.session.get(Submission, submitted).version
    response = reviewer.post(
        f"/submissions/{submitted}/answers",
        json={"version": version, "answers": {"org_headcount": 7777}},
    )
    assert response.status_code == 403
    response = reviewer.post(
        f"/submissions/{submitted}/evidence",
        data={
            "question_id": "lr_foa_policy",
            "file": (io.BytesIO(PDF_BYTES), "x.pdf"),
        },
    )
    with app.app_context():
        assert (
            db.session.scalar(
                select(Answer.value).where(
                    Answer.submission_id == submitted, Answer.question_id == "org_headcount"
                )
            )
            != 7777
        )
        names = db.session.scalars(
            select(EvidenceFile.filename).where(EvidenceFile.submission_id == submitted)
        ).all()
        assert "x.pdf" not in names


def test_supplier_and_buyer_cannot_decide(app, submitted):
    for email in (SUPPLIER, BUYER_USER):
        client = signed_in(app, email)
        for path in ("decision", "start", "comments", "findings"):
            response = client.post(
                f"/review/{review_id(app, submitted)}/{path}",
                data={"action": "approve", "reason": "fine", "undecided_ok": "1"},
            )
            assert response.status_code == 404, (email, path)
    assert _status(app, submitted) == SubmissionStatus.SUBMITTED


def test_approve_and_reject_need_a_reason_and_notify_the_supplier(app, submitted):
    reviewer = signed_in(app, REVIEWER)
    page = reviewer.post(
        f"/review/{review_id(app, submitted)}/decision",
        data={"action": "approve", "reason": ""},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert _status(app, submitted) == SubmissionStatus.SUBMITTED
    assert "This field is required." in page
    reviewer.post(
        f"/review/{review_id(app, submitted)}/decision",
        data={"action": "approve", "reason": "Sound.", "undecided_ok": "1"},
    )
    assert _status(app, submitted) == SubmissionStatus.APPROVED
    with app.app_context():
        note = db.session.scalar(
            select(Notification).where(Notification.user_id == user(SUPPLIER).id)
        )
        assert (note.kind, note.params["reason"], note.submission_id) == (
            "approved",
            "Sound.",
            submitted,
        )
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.to_state == "approved"))
        assert (entry.reason, entry.actor_id) == ("Sound.", user(REVIEWER).id)


def test_nobody_changes_an_approved_submission(app, submitted):
    reviewer = signed_in(app, REVIEWER)
    reviewer.post(
        f"/review/{review_id(app, submitted)}/decision",
        data={"action": "approve", "reason": "Sound.", "undecided_ok": "1"},
    )
    supplier = signed_in(app, SUPPLIER)
    with app.app_context():
        version = db.session.get(Submission, submitted).version
    assert (
        supplier.post(
            f"/submissions/{submitted}/answers",
            json={"version": version, "answers": {"org_headcount": 1}},
        ).status_code
        == 403
    )
    assert supplier.post(f"/submissions/{submitted}/submit").status_code == 302
    page = reviewer.post(
        f"/review/{review_id(app, submitted)}/decision",
        data={"action": "reject", "reason": "Changed my mind."},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "You cannot reject a submission whose status is Approved." in page
    reviewer.post(
        f"/review/{review_id(app, submitted)}/comments",
        data={"question_id": "", "body": "Late remark."},
    )
    assert _status(app, submitted) == SubmissionStatus.APPROVED
    with app.app_context():
        assert db.session.scalar(select(ReviewComment)) is None


def test_a_new_round_copies_an_approved_submission_into_a_draft(app, submitted):
    signed_in(app, REVIEWER).post(
        f"/review/{review_id(app, submitted)}/decision",
        data={"action": "approve", "reason": "Sound.", "undecided_ok": "1"},
    )
    supplier = signed_in(app, SUPPLIER)
    assert "Start a new round" in supplier.get(f"/submissions/{submitted}").get_data(as_text=True)
    response = supplier.post(f"/submissions/{submitted}/new-round")
    assert response.status_code == 302
    with app.app_context():
        copy = db.session.scalar(select(Submission).where(Submission.previous_id == submitted))
        assert response.headers["Location"] == f"/submissions/{copy.id}"
        assert (copy.status, copy.round) == (SubmissionStatus.DRAFT, 1)

        def answers(sid):
            rows = db.session.scalars(select(Answer).where(Answer.submission_id == sid))
            return {a.question_id: a.value for a in rows}

        def files(sid):
            rows = db.session.scalars(select(EvidenceFile).where(EvidenceFile.submission_id == sid))
            return sorted((f.question_id, f.sha256, f.filename) for f in rows)

        def shares(sid):
            rows = db.session.scalars(
                select(SubmissionShare.buyer_id).where(SubmissionShare.submission_id == sid)
            )
            return set(rows)

        assert answers(copy.id) == answers(submitted) != {}
        assert files(copy.id) == files(submitted) != []
        assert shares(copy.id) == shares(submitted) != set()
        assert db.session.get(Submission, submitted).status == SubmissionStatus.APPROVED
        copy_id = copy.id
    again = supplier.post(f"/submissions/{submitted}/new-round", follow_redirects=True)
    assert "was started already" in again.get_data(as_text=True)
    draft = supplier.get(f"/submissions/{copy_id}").get_data(as_text=True)
    assert "copied from questionnaire #" in draft


def test_a_new_round_is_refused_while_open(app, submitted):
    supplier = signed_in(app, SUPPLIER)
    page = supplier.post(f"/submissions/{submitted}/new-round", follow_redirects=True)
    assert "only from an approved or rejected" in page.get_data(as_text=True)
    with app.app_context():
        assert (
            db.session.scalar(select(Submission).where(Submission.previous_id == submitted)) is None
        )


def test_history_is_shown_on_both_submission_pages(app, submitted):
    send_back(app, submitted, {"org_headcount": "Include contractors."})
    pages = {
        SUPPLIER: f"/submissions/{submitted}",
        REVIEWER: f"/review/{review_id(app, submitted)}",
    }
    for email, path in pages.items():
        page = signed_in(app, email).get(path).get_data(as_text=True)
        history = page[page.index('id="history"') :]
        for label in (
            "Questionnaire started",
            "Document uploaded",
            "Submitted",
            "Review started",
            "Changes requested",
            "Please see my comments.",
        ):
            assert label in history, (email, label)
        # The reviewer's working steps stay with the buyer's side.
        assert ("Comment added" in history) == (email == REVIEWER)
