"""Asking for a corrective action plan: from an accepted finding or a comment, with due dates
that default by severity to the buyer's terms or Assay's, and their basis recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from extensions import db
from models import (
    ActionStatus,
    AuditEntry,
    CorrectiveAction,
    DueBasis,
    FindingDecision,
    Notification,
    PlanAction,
    ReviewComment,
    RiskResult,
)
from services import (
    corrective_actions,
    corrective_requests,
    corrective_terms,
    findings,
    notifications,
    review,
    sharing,
)
from services.errors import DomainError
from tests.workflow.conftest import (
    BUYER_USER,
    GRAPHITE,
    OTHER_BUYER,
    REVIEWER,
    SUPPLIER,
    buyer_org,
    review_of,
    submit_profile,
    user,
)
from tests.workflow.corrective import PLAN, TODAY, accept, action, request_for

LUALABA = "Lualaba Cobalt Processing SARL"
HEILONGJIANG = "Heilongjiang Spherical Graphite Co., Ltd."


@pytest.fixture
def lualaba(app, demo) -> int:
    """The demo cobalt processor's realistic answers, submitted to the demo buyer."""
    return submit_profile(app, SUPPLIER, LUALABA)


def _source(submission_id, **kwargs):
    return corrective_requests.source(review_of(submission_id), **kwargs)


def _ask(submission_id, found, **kwargs):
    kwargs.setdefault("text", "Pay migrant workers the same.")
    kwargs.setdefault("verification", "desk_review")
    return corrective_requests.request(
        review_of(submission_id), user(kwargs.pop("as_", REVIEWER)), found, **kwargs
    )


def test_a_plan_is_asked_for_an_accepted_finding_with_the_default_dates(app, lualaba):
    accept(app, lualaba, "cw_migrants_unequal")
    with app.app_context():
        found = _source(lualaba, rule_id="cw_migrants_unequal")
        item = _ask(lualaba, found, verification="follow_up_audit")
        assert (item.status, item.severity, item.rule_id) == (
            ActionStatus.REQUESTED,
            "high",
            "cw_migrants_unequal",
        )
        # A high finding: the plan within 14 days, closure within 90: Assay's defaults.
        assert (item.requested_on, item.plan_due_on, item.due_on) == (
            TODAY,
            TODAY + timedelta(days=14),
            TODAY + timedelta(days=90),
        )
        assert item.due_basis == DueBasis.DEFAULT
        assert item.finding["title"]["ja"] and item.finding["references"]
        assert item.finding["triggered_by"]
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "corrective_action.request")
        )
        assert (entry.actor_id, entry.submission_id, entry.to_state) == (
            user(REVIEWER).id,
            lualaba,
            "requested",
        )
        assert entry.detail["corrective_action_id"] == item.id
        assert entry.detail["due_basis"] == "default"
        told = db.session.scalars(
            select(Notification.user_id).where(Notification.kind == "cap_requested")
        ).all()
        assert told == [user(SUPPLIER).id]


def test_a_critical_finding_is_due_for_a_plan_within_seven_days(app, demo):
    graphite = submit_profile(app, GRAPHITE, HEILONGJIANG)
    action_id = request_for(app, graphite, "fl_xinjiang_inputs")
    with app.app_context():
        item = action(action_id)
        assert item.severity == "critical" and item.finding["red_flag"] is True
        assert item.plan_due_on == TODAY + timedelta(days=7)


@pytest.mark.parametrize("decision", [None, "dismissed"])
def test_only_an_accepted_finding_becomes_a_request(app, lualaba, decision):
    if decision:
        with app.app_context():
            findings.decide(
                review_of(lualaba), user(REVIEWER), "cw_migrants_unequal", decision, "Not so."
            )
    with app.app_context(), pytest.raises(DomainError, match="Accept the finding"):
        _source(lualaba, rule_id="cw_migrants_unequal")
    with app.app_context(), pytest.raises(DomainError, match="no such finding"):
        _source(lualaba, rule_id="not_a_rule")


def test_one_open_plan_per_finding_and_a_new_one_after_closure(app, lualaba):
    first = request_for(app, lualaba, "cw_migrants_unequal")
    with app.app_context():
        found = _source(lualaba, rule_id="cw_migrants_unequal")
        with pytest.raises(DomainError, match=f"#{first} about this is still open"):
            _ask(lualaba, found)
        item = action(first)
        item.status = ActionStatus.VERIFIED_CLOSED
        db.session.commit()
        assert _ask(lualaba, found).id != first


def test_the_buyers_own_terms_apply_and_are_named_as_the_basis(app, lualaba):
    accept(app, lualaba, "cw_migrants_unequal")
    with app.app_context():
        buyer = user(BUYER_USER)
        terms = {s: (10, 60) for s in corrective_terms.SEVERITIES}
        terms["high"] = (5, 30)
        corrective_terms.save_terms(buyer.organisation_id, buyer, terms)
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "corrective_action.terms")
        )
        assert entry.detail["before"]["high"] == [14, 90]
        assert entry.detail["after"]["high"] == [5, 30]
        item = _ask(lualaba, _source(lualaba, rule_id="cw_migrants_unequal"))
        assert (item.plan_due_on, item.due_on, item.due_basis) == (
            TODAY + timedelta(days=5),
            TODAY + timedelta(days=30),
            DueBasis.BUYER,
        )


def test_dates_the_reviewer_chooses_are_marked_as_such_and_checked(app, lualaba):
    accept(app, lualaba, "cw_migrants_unequal")
    with app.app_context():
        found = _source(lualaba, rule_id="cw_migrants_unequal")
        for plan_due, due, message in (
            (TODAY, TODAY + timedelta(days=30), "after today"),
            (TODAY + timedelta(days=40), TODAY + timedelta(days=30), "before the plan"),
        ):
            with pytest.raises(DomainError, match=message):
                _ask(lualaba, found, plan_due_on=plan_due, due_on=due)
        assert db.session.scalar(select(CorrectiveAction)) is None
        item = _ask(
            lualaba,
            found,
            plan_due_on=TODAY + timedelta(days=3),
            due_on=TODAY + timedelta(days=30),
        )
        assert item.due_basis == DueBasis.REVIEWER


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": "  "}, "Say what the supplier should correct"),
        ({"verification": "phone call"}, "how the action will be verified"),
        ({"as_": BUYER_USER}, "Your role does not allow"),
        ({"as_": SUPPLIER}, "Your role does not allow"),
    ],
)
def test_a_request_is_refused_with_a_reason(app, lualaba, kwargs, message):
    accept(app, lualaba, "cw_migrants_unequal")
    with app.app_context():
        with pytest.raises(DomainError, match=message):
            _ask(lualaba, _source(lualaba, rule_id="cw_migrants_unequal"), **kwargs)
        assert db.session.scalar(select(CorrectiveAction)) is None


def test_a_plan_is_opened_from_a_comment_with_the_severity_the_reviewer_chooses(app, lualaba):
    with app.app_context():
        review.add_comment(
            review_of(lualaba), user(REVIEWER), "cw_migrant_recruiters", "Which agencies?"
        )
        comment = db.session.scalar(select(ReviewComment))
        found = _source(lualaba, comment_id=comment.id)
        assert found.suggested("ja") == "Which agencies?"
        assert found.finding["title"]["en"]  # the question commented on
        with pytest.raises(DomainError, match="Choose a severity"):
            _ask(lualaba, found, severity="dreadful")
        item = _ask(lualaba, found, severity="critical")
        assert (item.severity, item.comment_id, item.question_id, item.rule_id) == (
            "critical",
            comment.id,
            "cw_migrant_recruiters",
            None,
        )
        assert item.plan_due_on == TODAY + timedelta(days=7)


def test_another_buyers_comment_or_review_cannot_be_used(app, lualaba, second_buyer):
    with app.app_context():
        submission = review_of(lualaba).submission
        sharing.share(submission, user(SUPPLIER), [buyer_org().id, second_buyer])
        review.add_comment(review_of(lualaba), user(REVIEWER), None, "Mine.")
        comment = db.session.scalar(select(ReviewComment))
        with pytest.raises(DomainError, match="a comment of this review"):
            corrective_requests.source(review_of(lualaba, second_buyer), comment_id=comment.id)
        with pytest.raises(DomainError, match="a comment of this review"):
            _source(lualaba, comment_id=comment.id + 999)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"high": (0, 30)}, "between 1 and 730"),
        ({"low": (14, 731)}, "between 1 and 730"),
        ({"medium": (30, 20)}, "Closure cannot be due before the plan"),
    ],
)
def test_terms_out_of_range_are_refused_and_nothing_is_kept(app, demo, values, message):
    with app.app_context():
        buyer = user(BUYER_USER)
        terms = {s: (14, 90) for s in corrective_terms.SEVERITIES} | values
        with pytest.raises(DomainError, match=message):
            corrective_terms.save_terms(buyer.organisation_id, buyer, terms)
        db.session.rollback()
        assert corrective_terms.all_terms(buyer.organisation_id) == list(
            corrective_terms.DEFAULT_TERMS.values()
        )


def test_only_the_buyers_own_people_set_its_terms(app, demo, second_buyer):
    terms = dict.fromkeys(corrective_terms.SEVERITIES, (3, 9))
    with app.app_context():
        for email in (REVIEWER, SUPPLIER, OTHER_BUYER):
            with pytest.raises(DomainError, match="Only the buyer's own people"):
                corrective_terms.save_terms(user(BUYER_USER).organisation_id, user(email), terms)
        assert corrective_terms.terms_for(second_buyer, "high").basis == DueBasis.DEFAULT


def test_closing_a_plan_lowers_the_reviewed_rating_through_the_rules_only(app, demo):
    graphite = submit_profile(app, GRAPHITE, HEILONGJIANG)
    action_id = request_for(app, graphite, "fl_xinjiang_inputs")
    with app.app_context():
        item = action(action_id)
        reviewer = user(REVIEWER)
        assert review_of(graphite).reviewed_rating == "critical"
        for move, who in (
            (PlanAction.SUBMIT_PLAN, GRAPHITE),
            (PlanAction.ACCEPT_PLAN, REVIEWER),
            (PlanAction.START_WORK, GRAPHITE),
        ):
            corrective_actions.transition(item, move, user(who), "ok", plan=PLAN, note="Done.")
        item.status = ActionStatus.EVIDENCE_SUBMITTED  # evidence itself is tested elsewhere
        db.session.commit()
        corrective_actions.transition(item, PlanAction.VERIFY_CLOSE, reviewer, "Audited.")
        current = review_of(graphite)
        result = db.session.get(RiskResult, item.risk_result_id)
        # The computed rating stays; the reviewed one drops below critical, never above it.
        assert result.rating == "critical"
        assert current.reviewed_rating in ("low", "medium", "high")
        rerated = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "review.rerated"))
        assert rerated.detail["reviewed_rating"] == current.reviewed_rating
        assert rerated.detail["previous"] == "critical"
        # A later decision on another finding keeps the remediation in the reviewed rating.
        findings.decide(current, reviewer, "lr_weak_voice_country", "accepted", "Seen.")
        assert review_of(graphite).reviewed_rating == rerated.detail["reviewed_rating"]
        corrective_actions.transition(item, PlanAction.REOPEN, reviewer, "Seen again.")
        assert review_of(graphite).reviewed_rating == "critical"


def test_a_dismissed_finding_stays_out_whatever_its_plan_says(app, lualaba):
    action_id = request_for(app, lualaba, "cw_migrants_unequal")
    with app.app_context():
        findings.decide(
            review_of(lualaba), user(REVIEWER), "cw_migrants_unequal", "dismissed", "Wrong."
        )
        current = review_of(lualaba)
        result = db.session.get(RiskResult, action(action_id).risk_result_id)
        decided = findings.decisions(result, current.buyer_id)
        assert decided["cw_migrants_unequal"].decision == FindingDecision.DISMISSED
        assert action(action_id).status == ActionStatus.REQUESTED


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_notification_of_a_plan_reads_as_a_sentence(app, demo, lang):
    params = {
        "buyer": "Sakura",
        "supplier": "Lualaba",
        "name": "Anna",
        "reason": "Give the amount.",
        "due": TODAY.isoformat(),
        "title": {"en": "Migrant workers are paid less", "ja": "移住労働者の賃金が低い"},
        "cap_id": 1,
    }
    kinds = [
        "cap_requested",
        "cap_plan_submitted",
        "cap_plan_returned",
        "cap_plan_accepted",
        "cap_evidence_submitted",
        "cap_verified_closed",
        "cap_reopened",
        "cap_comment",
        "cap_due",
        "cap_overdue",
    ]
    with app.test_request_context(), force_locale(lang):
        texts = [notifications.text(Notification(kind=k, params=params)) for k in kinds]
    assert len(set(texts)) == len(kinds)
    for kind, text in zip(kinds, texts, strict=True):
        assert kind not in text
        assert "Sakura" in text or "Lualaba" in text or "Anna" in text, text
        if lang == "ja":
            assert any("\u3040" <= c <= "\u30ff" for c in text), text
        if kind in ("cap_plan_returned", "cap_reopened"):
            assert "Give the amount." in text
        else:
            assert params["title"][lang] in text
