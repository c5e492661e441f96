"""Visibility beside the rating on the review page, and each buyer's reviewers weighing the
reasons given for "not applicable" answers (accepted, they count as known)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from extensions import db
from models import AuditEntry, NotApplicableReview, Review, RiskResult, Submission
from services import findings, risk
from services.errors import DomainError
from tests.workflow.conftest import (
    OTHER_REVIEWER,
    REVIEWER,
    SUPPLIER,
    review_id,
    review_of,
    second_buyer,  # noqa: F401 (fixture)
    signed_in,
    submit_for,
    user,
)

REASON = "Our inputs are all end-of-life batteries collected in Japan."
NOT_APPLICABLE = {
    "org_buys_material": "yes",
    "trace_mines_identified": "not_applicable",
    "trace_mines_identified_na_reason": REASON,
    "vr_remediation": "not_applicable",
    "vr_remediation_na_reason": "No violation was found in the last three years.",
}


@pytest.fixture
def with_na(app, demo) -> int:
    """A questionnaire of version 1.1 with two "not applicable" answers and their reasons."""
    return submit_for(app, SUPPLIER, NOT_APPLICABLE)


def _result(submission_id: int) -> RiskResult:
    return risk.current_result(db.session.get(Submission, submission_id))


def _decide(app, submission_id, question_id, decision="accepted", email=REVIEWER, buyer=None):
    with app.app_context():
        findings.decide_not_applicable(
            review_of(submission_id, buyer), user(email), question_id, decision, "Checked."
        )


def test_the_result_stores_visibility_beside_the_rating(app, with_na):
    with app.app_context():
        result = _result(with_na)
        seen = result.result["visibility"]
        assert result.ruleset_version == "1.1"
        assert result.visibility == seen["score"] < 100
        assert result.insufficient is seen["insufficient"] is False
        assert set(seen["not_applicable"]) == {"trace_mines_identified", "vr_remediation"}
        assert seen["asked"] > len(seen["not_applicable"])


def test_the_review_page_shows_visibility_and_each_reason(app, with_na):
    page = signed_in(app, REVIEWER).get(f"/review/{review_id(app, with_na)}")
    html = page.get_data(as_text=True)
    with app.app_context():
        score = _result(with_na).visibility
    assert 'id="visibility"' in html
    assert f"{score} / 100" in html
    assert REASON in html
    assert "No violation was found in the last three years." in html
    assert "Accept the reason or not" in html


def test_accepting_a_reason_raises_the_reviewed_visibility_only(app, with_na):
    with app.app_context():
        computed = _result(with_na).visibility
    _decide(app, with_na, "trace_mines_identified")
    _decide(app, with_na, "vr_remediation")
    with app.app_context():
        item = review_of(with_na)
        result = _result(with_na)
        seen = findings.reviewed_visibility(item, result)
        assert seen["accepted"] == ["trace_mines_identified", "vr_remediation"]
        assert seen["score"] > computed == result.visibility  # the stored result is unchanged
        assert item.reviewed_visibility == seen["score"]
        assert item.reviewed_result_id == result.id
        entry = db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "not_applicable.accepted")
            .order_by(AuditEntry.id.desc())
        ).first()
        assert entry.detail["question"] == "vr_remediation"
        assert entry.detail["visibility"] == seen["score"]
    html = signed_in(app, REVIEWER).get(f"/review/{review_id(app, with_na)}").get_data(True)
    assert f"reviewed: {seen['score']} / 100" in html
    assert "Reason accepted" in html


def test_a_later_decision_replaces_the_earlier_one(app, with_na):
    _decide(app, with_na, "vr_remediation")
    _decide(app, with_na, "vr_remediation", "dismissed")
    with app.app_context():
        item = review_of(with_na)
        seen = findings.reviewed_visibility(item, _result(with_na))
        assert seen["accepted"] == []
        assert seen["score"] == _result(with_na).visibility
        rows = db.session.scalars(select(NotApplicableReview)).all()
        assert [r.decision.value for r in rows] == ["accepted", "dismissed"]  # both on record


@pytest.mark.parametrize(
    ("question_id", "decision", "message"),
    [
        ("org_buys_material", "accepted", "not scored as"),
        ("trace_mines_identified", "maybe", "accept the reason or not"),
    ],
)
def test_refused_decisions_name_the_problem(app, with_na, question_id, decision, message):
    with app.app_context():
        with pytest.raises(DomainError, match=f"(?i){message}"):
            findings.decide_not_applicable(
                review_of(with_na), user(REVIEWER), question_id, decision, "Checked."
            )
        assert db.session.scalar(select(NotApplicableReview)) is None


def test_the_form_posts_a_decision(app, with_na):
    client = signed_in(app, REVIEWER)
    rid = review_id(app, with_na)
    page = client.post(
        f"/review/{rid}/not-applicable",
        data={"question_id": "vr_remediation", "decision": "accepted", "justification": "Seen."},
    )
    assert page.status_code == 302 and page.location.endswith("#visibility")
    empty = client.post(
        f"/review/{rid}/not-applicable",
        data={"question_id": "vr_remediation", "decision": "accepted", "justification": ""},
        follow_redirects=True,
    )
    assert "This field is required." in empty.get_data(as_text=True)
    with app.app_context():
        assert [r.justification for r in db.session.scalars(select(NotApplicableReview))] == [
            "Seen."
        ]


def test_another_buyer_neither_sees_nor_shares_the_decision(app, with_na, second_buyer):  # noqa: F811
    from services import sharing

    with app.app_context():
        sharing.share(
            db.session.get(Submission, with_na),
            user(SUPPLIER),
            [review_of(with_na).buyer_id] + [second_buyer],
        )
    _decide(app, with_na, "trace_mines_identified")
    with app.app_context():
        other = db.session.scalar(
            select(Review).where(Review.submission_id == with_na, Review.buyer_id == second_buyer)
        )
        seen = findings.reviewed_visibility(other, _result(with_na))
        assert seen["accepted"] == [] and other.reviewed_visibility is None
        other_id = other.id
    client = signed_in(app, OTHER_REVIEWER, password="kanto-password-1")
    html = client.get(f"/review/{other_id}").get_data(as_text=True)
    assert "Reason accepted" not in html and "Checked." not in html
    # Nor can it decide on the first buyer's review.
    refused = client.post(
        f"/review/{review_id(app, with_na)}/not-applicable",
        data={"question_id": "vr_remediation", "decision": "accepted", "justification": "x"},
    )
    assert refused.status_code == 404


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages
    )


def test_the_report_shows_visibility_beside_the_rating_in_both_languages(app, with_na):
    _decide(app, with_na, "trace_mines_identified")
    _decide(app, with_na, "vr_remediation")
    client = signed_in(app, REVIEWER)
    rid = review_id(app, with_na)
    with app.app_context():
        computed = _result(with_na).visibility
        reviewed = review_of(with_na).reviewed_visibility
    english = _pdf_text(client.get(f"/reports/reviews/{rid}?lang=en").data)
    assert f"Visibility {computed} / 100 (reviewed: {reviewed} / 100)" in english
    assert "not applicable”: 2" in english
    japanese = _pdf_text(client.get(f"/reports/reviews/{rid}?lang=ja").data)
    assert f"可視性 100点中{computed}点（審査後：100点中{reviewed}点）" in japanese


@pytest.mark.parametrize("email", [SUPPLIER, "buyer@demo.assay.example"])
def test_only_the_buyers_reviewers_decide_on_reasons(app, with_na, email):
    client = signed_in(app, email)
    refused = client.post(
        f"/review/{review_id(app, with_na)}/not-applicable",
        data={"question_id": "vr_remediation", "decision": "accepted", "justification": "x"},
    )
    assert refused.status_code == 404
    with app.app_context():
        assert db.session.scalar(select(NotApplicableReview)) is None
