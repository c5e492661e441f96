"""Accepting and dismissing findings: the computed rating stays, the reviewed one follows."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from extensions import db
from models import AuditEntry, FindingReview, RiskResult, Submission
from services import findings
from services.errors import DomainError
from tests.workflow.conftest import (
    BUYER_USER,
    GRAPHITE,
    REVIEWER,
    review_id,
    review_of,
    signed_in,
    submit_profile,
    user,
)

GRAPHITE_ORG = "Heilongjiang Spherical Graphite Co., Ltd."
RED_FLAG = "fl_xinjiang_inputs"


def _result(submission_id) -> RiskResult:
    return db.session.scalar(
        select(RiskResult).where(
            RiskResult.submission_id == submission_id, RiskResult.current.is_(True)
        )
    )


@pytest.fixture
def flagged(app, demo) -> int:
    """A submitted questionnaire rated critical by one red flag (inputs from Xinjiang)."""
    submission_id = submit_profile(app, GRAPHITE, GRAPHITE_ORG)
    with app.app_context():
        result = _result(submission_id)
        assert (result.rating, result.red_flag_count) == ("critical", 1)
        assert review_of(submission_id).reviewed_rating is None
        assert RED_FLAG in result.result["red_flags"]
    return submission_id


def _decide(client, submission_id, rule_id, decision, justification="Checked on site."):
    return client.post(
        f"/review/{review_id(client.application, submission_id)}/findings",
        data={"rule_id": rule_id, "decision": decision, "justification": justification},
    )


def test_dismissing_the_red_flag_lowers_the_reviewed_rating_only(app, flagged):
    reviewer = signed_in(app, REVIEWER)
    assert (
        _decide(
            reviewer, flagged, RED_FLAG, "dismissed", "Inputs come from Inner Mongolia."
        ).status_code
        == 302
    )
    with app.app_context():
        result = _result(flagged)
        assert result.rating == "critical"
        # the band of the score (52) once the floor goes
        assert findings.current_reviewed_rating(review_of(flagged), result) == "high"
        review = db.session.scalar(select(FindingReview))
        assert (review.rule_id, review.decision.value, review.justification) == (
            RED_FLAG,
            "dismissed",
            "Inputs come from Inner Mongolia.",
        )
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "finding.dismissed")
        )
        assert entry.reason == "Inputs come from Inner Mongolia."
        assert entry.detail["reviewed_rating"] == "high"
        assert db.session.get(Submission, flagged).status.value == "in_review"
    page = reviewer.get(f"/review/{review_id(app, flagged)}").get_data(as_text=True)
    assert "Inputs come from Inner Mongolia." in page
    assert 'title="Computed rating">Critical' in page
    assert 'title="Reviewed rating">High' in page


def test_accepting_keeps_the_rating_and_a_later_decision_replaces_the_earlier(app, flagged):
    reviewer = signed_in(app, REVIEWER)
    _decide(reviewer, flagged, RED_FLAG, "dismissed")
    _decide(reviewer, flagged, RED_FLAG, "accepted", "Confirmed by the customs records.")
    with app.app_context():
        result = _result(flagged)
        assert result.rating == "critical"
        assert findings.current_reviewed_rating(review_of(flagged), result) == "critical"
        buyer_id = review_of(flagged).buyer_id
        assert findings.decisions(result, buyer_id)[RED_FLAG].decision.value == "accepted"
        assert len(db.session.scalars(select(FindingReview)).all()) == 2


def test_reviewed_rating_appears_wherever_the_rating_does(app, flagged):
    _decide(signed_in(app, REVIEWER), flagged, RED_FLAG, "dismissed")
    buyer = signed_in(app, BUYER_USER)
    buyer.post("/language", data={"lang": "en"})  # the demo buyer prefers Japanese
    pages = {
        "queue": signed_in(app, REVIEWER).get("/reviewer/"),
        "review": buyer.get(f"/review/{review_id(app, flagged)}"),
        "portfolio": buyer.get("/buyer/"),
    }
    for name, response in pages.items():
        page = response.get_data(as_text=True)
        assert 'title="Computed rating">Critical' in page, name
        assert 'title="Reviewed rating">High' in page, name


@pytest.mark.parametrize(
    ("rule_id", "decision", "justification", "message"),
    [
        (RED_FLAG, "dismissed", "", "This field is required."),
        (RED_FLAG, "ignored", "Because.", "Not a valid choice."),
        ("no_such_rule", "dismissed", "Because.", "There is no such finding."),
    ],
)
def test_bad_decisions_are_refused(app, flagged, rule_id, decision, justification, message):
    page = signed_in(app, REVIEWER).post(
        f"/review/{review_id(app, flagged)}/findings",
        data={"rule_id": rule_id, "decision": decision, "justification": justification},
        follow_redirects=True,
    )
    assert message in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(FindingReview)) is None
        assert review_of(flagged).reviewed_rating is None


def test_decisions_are_refused_once_decided(app, flagged):
    reviewer = signed_in(app, REVIEWER)
    reviewer.post(
        f"/review/{review_id(app, flagged)}/decision",
        data={"action": "reject", "reason": "Xinjiang."},
    )
    with app.app_context(), pytest.raises(DomainError, match="not open for review"):
        findings.decide(review_of(flagged), user(REVIEWER), RED_FLAG, "dismissed", "Late.")


def test_reviewed_rating_rule(app):
    """Score band, floors of the findings still standing, never above the computed rating."""

    def finding(rule_id, severity, category, red_flag):
        text = {"en": rule_id, "ja": rule_id}
        return {
            "rule_id": rule_id, "severity": severity, "category": category, "title": text,
            "action": text, "references": [], "triggered_by": [], "red_flag": red_flag,
        }  # fmt: skip

    flag = finding(RED_FLAG, "critical", "forced_labour", True)
    high = finding("lr_strikers_unprotected", "high", "labour_rights", False)
    with app.app_context():
        result = RiskResult(
            ruleset_id="critical-minerals-risk",
            ruleset_version="1.0",
            score=10,
            rating="critical",
            result={"findings": [flag, high], "incomplete": [], "score": 10, "rating": "critical"},
        )
        assert findings.reviewed_rating(result, set()) == "critical"
        assert findings.reviewed_rating(result, {RED_FLAG}) == "medium"  # high's severity floor
        assert findings.reviewed_rating(result, {RED_FLAG, high["rule_id"]}) == "low"
        result.score = result.result["score"] = 55
        assert findings.reviewed_rating(result, {RED_FLAG, high["rule_id"]}) == "high"
        result.result = {
            "findings": [], "incomplete": ["org_headcount"], "score": 0, "rating": "medium",
        }  # fmt: skip
        result.score, result.rating = 0, "medium"
        assert findings.reviewed_rating(result, set()) == "medium"
