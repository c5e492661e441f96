"""``risk rescore --all`` moves every submitted questionnaire to the newest rule set, and each
buyer's review page shows what changed between the two results."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

import rules
from extensions import db
from models import AuditEntry, Review, RiskResult, Submission
from services import risk
from tests.workflow.conftest import REVIEWER, signed_in


@pytest.fixture
def rescored(app, demo_submissions):
    """The demo, re-scored with ``risk rescore --all``; returns the command's output."""
    with app.app_context():
        before = {
            s.id: risk.current_result(s)
            for s in db.session.scalars(
                select(Submission).where(Submission.submitted_at.is_not(None))
            )
        }
        assert before and {r.ruleset_version for r in before.values()} == {"1.0"}
    output = app.test_cli_runner().invoke(args=["risk", "rescore", "--all"])
    assert output.exit_code == 0, output.output
    return before, output.output


def test_every_submitted_questionnaire_moves_to_the_newest_rule_set(app, rescored):
    before, output = rescored
    assert f"Re-scored {len(before)} submission(s)." in output
    with app.app_context():
        for submission_id, old in before.items():
            new = risk.current_result(db.session.get(Submission, submission_id))
            assert new.ruleset_version == "1.1" and new.id != old.id
            assert new.visibility == new.result["visibility"]["score"]
            # The answers stay those of version 1.0, carried to 1.1 as a draft would be.
            carried = new.result["carried"]
            assert (carried["from_version"], carried["to_version"]) == ("1.0", "1.1")
            assert carried["new_questions"] > 0
            # The old result stays, unchanged and no longer current.
            kept = db.session.get(RiskResult, old.id)
            assert not kept.current and kept.ruleset_version == "1.0"
            assert f"submission {submission_id}: {old.rating} ({old.score}) with 1.0 -> " in output
        entries = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "risk.rescore")
        ).all()
        assert {e.submission_id for e in entries} == set(before)
        assert {e.detail["from_ruleset"] for e in entries} == {"1.0"}
    assert "draft(s) not scored" in output


def test_the_review_page_shows_what_changed(app, rescored):
    before, _output = rescored
    with app.app_context():
        review = db.session.scalars(
            select(Review).where(Review.submission_id.in_(list(before))).order_by(Review.id)
        ).first()
        old = before[review.submission_id]
        new = risk.current_result(review.submission)
        change = rules.compare(old.result, new.result)
        review_id = review.id
    html = signed_in(app, REVIEWER).get(f"/review/{review_id}").get_data(as_text=True)
    assert "Re-scored: rule set 1.0 → 1.1" in html
    assert f"score {old.score} → {new.score}" in html
    assert "could not be carried over" in html
    for finding in change.added[:3]:
        assert re.sub("[\"&<>']", "", finding["title"]["en"])[:30] in re.sub(
            "&[a-z#0-9]+;", "", html
        )
    assert ("New findings" in html) == bool(change.added)
    assert ("No longer found" in html) == bool(change.removed)
    assert "Risk re-scored" in html  # in the history, with the rule sets
    japanese = signed_in(app, REVIEWER, lang="ja").get(f"/review/{review_id}")
    assert "1.0 → 1.1" in japanese.get_data(as_text=True)


def test_compare_matches_findings_by_rule():
    finding = {"rule_id": "a", "severity": "high", "red_flag": False, "title": {"en": "A"}}
    before = {"rating": "high", "score": 40, "findings": [finding, {**finding, "rule_id": "b"}]}
    after = {
        "rating": "critical",
        "score": 55,
        "findings": [
            {**finding, "severity": "critical", "red_flag": True},
            {**finding, "rule_id": "c"},
        ],
        "visibility": {"score": 70},
    }
    change = rules.compare(before, after)
    assert [f["rule_id"] for f in change.added] == ["c"]
    assert [f["rule_id"] for f in change.removed] == ["b"]
    assert [(c.before["severity"], c.after["severity"]) for c in change.changed] == [
        ("high", "critical")
    ]
    assert (change.visibility_before, change.visibility_after) == (None, 70)
    assert not change.unchanged and rules.compare(before, before).unchanged


def test_the_portfolio_shows_visibility_once_rescored(app, rescored):
    from tests.workflow.conftest import BUYER_USER

    client = signed_in(app, BUYER_USER, "en")
    text = client.get("/buyer/portfolio.csv").data.decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(text))
    column = header.index("Visibility")
    scored = [r for r in rows if r[column]]
    assert scored and all(0 < int(r[column]) <= 100 for r in scored)
    assert all(r[column + 1] in ("Yes", "No") for r in scored)
    assert "Insufficient information" in header
    page = client.get("/buyer/").get_data(as_text=True)
    assert f"{scored[0][column]} / 100" in page
