"""One review per buyer: a submission shared with two buyers is reviewed by each on its own.

The attack: buyer A's reviewer comments and approves; buyer B must not see A's comments,
finding decisions, reviewed rating, decision or report, and must still review for itself.
"""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from extensions import db
from models import Review, StoredReport, Submission, SubmissionStatus
from services import review, sharing, stored_reports, submissions
from tests.factories import fill_submission, start_submission
from tests.workflow.conftest import (
    OTHER_BUYER,
    OTHER_REVIEWER,
    PASSWORD,
    REVIEWER,
    SUPPLIER,
    buyer_org,
    review_id,
    review_of,
    signed_in,
    user,
)

SECRET = "Internal note for Sakura only: the audit firm flagged block C."
REASON_A = "Approved for Sakura after the desk review."


def _pdf_text(data: bytes) -> str:
    import io

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def shared_twice(app, second_buyer) -> int:
    """A questionnaire of the demo supplier shared with the demo buyer and a second buyer."""
    submission_id = start_submission(app, SUPPLIER)
    fill_submission(app, submission_id, SUPPLIER)
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        supplier = user(SUPPLIER)
        sharing.share(submission, supplier, [buyer_org().id, second_buyer])
        submissions.submit(submission, supplier, date.today())
    return submission_id


def _approve_as_a(app, submission_id: int) -> int:
    a = review_id(app, submission_id)
    reviewer = signed_in(app, REVIEWER)
    reviewer.post(f"/review/{a}/comments", data={"question_id": "org_headcount", "body": SECRET})
    reviewer.post(
        f"/review/{a}/decision", data={"action": "approve", "reason": REASON_A, "undecided_ok": "1"}
    )
    return a


def test_each_buyer_gets_its_own_review_on_submit(app, shared_twice, second_buyer):
    with app.app_context():
        reviews = db.session.scalars(
            select(Review).where(Review.submission_id == shared_twice).order_by(Review.buyer_id)
        ).all()
        assert {r.buyer_id for r in reviews} == {buyer_org().id, second_buyer}
        assert {r.status for r in reviews} == {SubmissionStatus.SUBMITTED}


def test_one_buyers_comments_and_approval_stay_invisible_to_the_other(
    app, shared_twice, second_buyer
):
    a = _approve_as_a(app, shared_twice)
    b = review_id(app, shared_twice, second_buyer)
    with app.app_context():
        assert review_of(shared_twice).status == SubmissionStatus.APPROVED
        assert review_of(shared_twice, second_buyer).status == SubmissionStatus.SUBMITTED
        # B has not decided: for the supplier the questionnaire is still under review.
        assert db.session.get(Submission, shared_twice).status == SubmissionStatus.SUBMITTED

    for email in (OTHER_BUYER, OTHER_REVIEWER):
        other = signed_in(app, email, password=PASSWORD)
        page = other.get(f"/review/{b}").get_data(as_text=True)
        assert SECRET not in page and REASON_A not in page
        assert "Approved" not in page
        assert other.get(f"/review/{a}").status_code == 404
        overview = other.get(f"/submissions/{shared_twice}").get_data(as_text=True)
        assert SECRET not in overview and REASON_A not in overview
        assert other.get(f"/reports/reviews/{a}?lang=en").status_code == 404
        report = other.get(f"/reports/reviews/{b}?lang=en")
        assert report.status_code == 200
        text = _pdf_text(report.data)
        assert REASON_A not in text and "Sakura" not in text

    portfolio = signed_in(app, OTHER_BUYER, password=PASSWORD).get("/buyer/")
    row = portfolio.get_data(as_text=True)
    assert "status-submitted" in row and "status-approved" not in row


def test_the_other_buyers_reviewer_cannot_act_on_a_review_that_is_not_its_buyers(
    app, shared_twice, second_buyer
):
    a = review_id(app, shared_twice)
    other = signed_in(app, OTHER_REVIEWER, password=PASSWORD)
    assert other.post(f"/review/{a}/comments", data={"body": "x"}).status_code == 404
    assert other.post(f"/review/{a}/start").status_code == 404
    assert (
        other.post(f"/review/{a}/decision", data={"action": "reject", "reason": "x"}).status_code
        == 404
    )
    assert (
        other.post(
            f"/review/{a}/findings",
            data={"rule_id": "x", "decision": "dismissed", "justification": "x"},
        ).status_code
        == 404
    )
    with app.app_context():
        assert review_of(shared_twice).status == SubmissionStatus.SUBMITTED
        assert review.comments(review_of(shared_twice)) == []


def test_supplier_reads_each_buyers_released_feedback_separately(app, shared_twice, second_buyer):
    _approve_as_a(app, shared_twice)
    b = review_id(app, shared_twice, second_buyer)
    other = signed_in(app, OTHER_REVIEWER, password=PASSWORD)
    other.post(f"/review/{b}/comments", data={"question_id": "", "body": "Kanto needs the LTIFR."})
    other.post(f"/review/{b}/decision", data={"action": "request_changes", "reason": "Kanto asks."})
    with app.app_context():
        assert db.session.get(Submission, shared_twice).status == (
            SubmissionStatus.CHANGES_REQUESTED
        )
    supplier = signed_in(app, SUPPLIER)
    overview = supplier.get(f"/submissions/{shared_twice}").get_data(as_text=True)
    assert REASON_A in overview and "Kanto asks." in overview
    assert "Kanto needs the LTIFR." in overview
    # A's comment was released with A's approval, beside the question it is about.
    section = supplier.get(f"/submissions/{shared_twice}/sections/org").get_data(as_text=True)
    assert SECRET in section


def test_resubmission_reopens_only_the_buyer_that_asked_and_each_decides_alone(
    app, shared_twice, second_buyer
):
    a = _approve_as_a(app, shared_twice)
    b = review_id(app, shared_twice, second_buyer)
    other = signed_in(app, OTHER_REVIEWER, password=PASSWORD)
    other.post(f"/review/{b}/decision", data={"action": "request_changes", "reason": "More."})
    with app.app_context():
        submission = db.session.get(Submission, shared_twice)
        submissions.submit(submission, user(SUPPLIER), date.today())
        assert (submission.round, submission.status) == (2, SubmissionStatus.SUBMITTED)
        assert (review_of(shared_twice).round, review_of(shared_twice).status) == (
            1,
            SubmissionStatus.APPROVED,
        )
        assert review_of(shared_twice, second_buyer).round == 2
    other.post(f"/review/{b}/decision", data={"action": "reject", "reason": "Kanto rejects."})
    with app.app_context():
        assert db.session.get(Submission, shared_twice).status == SubmissionStatus.REJECTED
        reports = db.session.scalars(
            select(StoredReport).where(StoredReport.submission_id == shared_twice)
        ).all()
        assert {(r.buyer_id, r.round) for r in reports} == {
            (buyer_org().id, 1),
            (second_buyer, 2),
        }
    a_pdf = signed_in(app, REVIEWER).get(f"/reports/reviews/{a}?lang=en")
    b_pdf = other.get(f"/reports/reviews/{b}?lang=en")
    assert REASON_A in _pdf_text(a_pdf.data) and "Kanto rejects." not in _pdf_text(a_pdf.data)
    assert "Kanto rejects." in _pdf_text(b_pdf.data) and REASON_A not in _pdf_text(b_pdf.data)


def test_a_failed_report_render_never_loses_the_decision(app, submitted, monkeypatch):
    from services import reports

    a = review_id(app, submitted)

    def broken(*args, **kwargs):
        raise RuntimeError("renderer down")

    monkeypatch.setattr(reports._renderer, "render", broken)
    reviewer = signed_in(app, REVIEWER)
    response = reviewer.post(
        f"/review/{a}/decision", data={"action": "approve", "reason": "OK", "undecided_ok": "1"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert review_of(submitted).status == SubmissionStatus.APPROVED
        assert stored_reports.pending(review_of(submitted))
    pending = reviewer.get(f"/reports/reviews/{a}?lang=en")
    assert pending.status_code == 503 and pending.headers["Retry-After"] == "60"
    assert "Report pending" in reviewer.get(f"/review/{a}").get_data(as_text=True)

    monkeypatch.undo()
    ready = reviewer.get(f"/reports/reviews/{a}?lang=ja")
    assert ready.status_code == 200 and ready.data.startswith(b"%PDF")
    with app.app_context():
        assert not stored_reports.pending(review_of(submitted))
        assert stored_reports.pending_reviews() == []


def test_retry_pending_command_stores_the_missing_reports(app, submitted, monkeypatch):
    from services import reports

    monkeypatch.setattr(reports._renderer, "render", lambda *a, **k: 1 / 0)
    with app.app_context():
        review.decide(review_of(submitted), user(REVIEWER), "reject", "No.")
        assert [r.submission_id for r in stored_reports.pending_reviews()] == [submitted]
    monkeypatch.undo()
    result = app.test_cli_runner().invoke(args=["report", "retry-pending"])
    assert result.exit_code == 0, result.output
    assert "1 of 1 pending reports stored." in result.output
    with app.app_context():
        assert stored_reports.pending_reviews() == []


def test_comments_per_review_are_capped_with_a_clear_message(app, submitted):
    app.config["REVIEW_MAX_COMMENTS"] = 2
    a = review_id(app, submitted)
    reviewer = signed_in(app, REVIEWER)
    for body in ("One.", "Two."):
        reviewer.post(f"/review/{a}/comments", data={"question_id": "", "body": body})
    page = reviewer.post(
        f"/review/{a}/comments", data={"question_id": "", "body": "Three."}, follow_redirects=True
    ).get_data(as_text=True)
    assert "This review holds 2 comments, the most allowed." in page
    with app.app_context():
        assert [c.body for c in review.comments(review_of(submitted))] == ["One.", "Two."]
