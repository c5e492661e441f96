"""A draft moves to a newer questionnaire version: unchanged answers carry over, the rest is
set aside and listed; only a version a rule set scores is offered."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import select

import questionnaires as qn
import rules
from extensions import db
from models import AuditEntry, Submission
from services import questionnaires, risk, submissions
from tests.factories import start_submission
from tests.workflow.conftest import OTHER_SUPPLIER, SUPPLIER, signed_in, user

ANSWERS = {"org_legal_name": "Acme Cobalt", "org_identifier": "RC-123", "org_headcount": "120"}


def _next_version() -> tuple[qn.Questionnaire, rules.RuleSet]:
    """Version 1.1 of the shipped questionnaire, one question reworded, one removed, one new,
    and a rule set for it."""
    data = copy.deepcopy(
        qn.yamlfile.read_yaml(qn.DEFINITIONS_DIR / "critical-minerals-dd" / "1.0.yaml")
    )
    data["version"] = "1.1"
    organisation = data["sections"][0]["questions"]
    headcount = next(q for q in organisation if q["id"] == "org_headcount")
    headcount["text"]["en"] = "How many workers, including contractors, do you employ?"
    organisation[:] = [q for q in organisation if q["id"] != "org_identifier"]
    organisation.append({**organisation[0], "id": "org_exploration", "required": False})
    target = qn.build_questionnaire(data)
    ruleset_data = copy.deepcopy(rules.load_ruleset("critical-minerals-risk").data)
    ruleset_data["version"] = "1.1"
    ruleset_data["questionnaire"]["version"] = "1.1"
    ruleset = rules.parse_ruleset(ruleset_data, target, rules.loader.catalogue_covers())
    return target, ruleset


def _install(app, *, scored: bool) -> qn.Questionnaire:
    target, ruleset = _next_version()
    with app.app_context():
        questionnaires.registry()[target.key] = target
        if scored:
            app.extensions["rulesets"] = [*risk.rulesets(), ruleset]
    return target


@pytest.fixture
def draft(app, demo):
    submission_id = start_submission(app, SUPPLIER)
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        outcome = submissions.save_answers(submission, user(SUPPLIER), ANSWERS, submission.version)
        assert not outcome.errors
    return submission_id


def test_a_moved_draft_keeps_unchanged_answers_and_lists_the_rest(app, draft):
    _install(app, scored=True)
    client = signed_in(app, SUPPLIER)

    overview = client.get(f"/submissions/{draft}").get_data(as_text=True)
    assert "Version 1.1 of this questionnaire is available." in overview
    page = client.get(f"/submissions/{draft}/version").get_data(as_text=True)
    assert 'data-question="org_headcount"' in page.split('class="to-answer"')[1].split("</ul>")[0]
    assert 'data-question="org_identifier"' in page.split('class="removed"')[1].split("</ul>")[0]
    response = client.post(f"/submissions/{draft}/version", data={"version": "1.1"})

    assert response.status_code == 302
    with app.app_context():
        submission = db.session.get(Submission, draft)
        assert submissions.definition(submission).version == "1.1"
        assert submissions.answers_of(submission) == {"org_legal_name": "Acme Cobalt"}
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "submission.version_moved")
        )
        assert entry.submission_id == draft
        assert entry.detail["changed"] == {"org_headcount": 120}
        assert entry.detail["removed"] == {"org_identifier": "RC-123"}
        assert (entry.detail["from"], entry.detail["to"]) == ("1.0", "1.1")
        new_draft = submissions.start(user(OTHER_SUPPLIER))
        assert submissions.definition(new_draft).version == "1.1"
    assert "is available" not in client.get(f"/submissions/{draft}").get_data(as_text=True)


def test_a_version_no_rule_set_scores_is_not_offered(app, draft):
    _install(app, scored=False)
    client = signed_in(app, SUPPLIER)

    assert "is available" not in client.get(f"/submissions/{draft}").get_data(as_text=True)
    assert client.post(f"/submissions/{draft}/version", data={"version": "1.1"}).status_code == 302
    with app.app_context():
        submission = db.session.get(Submission, draft)
        assert submissions.definition(submission).version == "1.0"
        assert questionnaires.latest().version == "1.0"
        assert len(submissions.answers_of(submission)) == 3


def test_a_stale_page_moves_nothing(app, draft):
    _install(app, scored=True)
    client = signed_in(app, SUPPLIER)

    client.post(f"/submissions/{draft}/version", data={"version": "1.2"})

    with app.app_context():
        submission = db.session.get(Submission, draft)
        assert submissions.definition(submission).version == "1.0"
        assert len(submissions.answers_of(submission)) == 3


@pytest.mark.parametrize(
    "email", [OTHER_SUPPLIER, "buyer@demo.assay.example", "reviewer@demo.assay.example"]
)
def test_other_organisations_and_roles_get_404(app, draft, email):
    _install(app, scored=True)
    client = signed_in(app, email)

    assert client.get(f"/submissions/{draft}/version").status_code == 404
    assert client.post(f"/submissions/{draft}/version", data={"version": "1.1"}).status_code == 404
    with app.app_context():
        assert submissions.definition(db.session.get(Submission, draft)).version == "1.0"


def test_plan_move_sorts_answers_and_files():
    target, _ruleset = _next_version()
    source = qn.load_all()[("critical-minerals-dd", "1.0")]  # what _next_version() starts from
    move = qn.plan_move(
        source,
        target,
        {"org_legal_name": "Acme", "org_identifier": "X", "org_headcount": 5},
        files=["dd_audit_report", "org_identifier"],
    )

    assert move.carried == {"org_legal_name": "Acme"}
    assert move.changed == {"org_headcount": 5}
    assert move.removed == {"org_identifier": "X"}
    assert move.new == ("org_exploration",)
    assert [q.id for q in move.to_answer] == ["org_headcount"]
    assert (move.files_carried, move.files_removed) == (("dd_audit_report",), ("org_identifier",))


def test_a_submitted_questionnaire_keeps_its_version(app, demo_submissions):
    _install(app, scored=True)
    client = signed_in(app, SUPPLIER)
    with app.app_context():
        submitted = db.session.scalars(
            select(Submission).where(
                Submission.supplier_id == user(SUPPLIER).organisation_id,
                Submission.submitted_at.is_not(None),
            )
        ).first()

    assert client.get(f"/submissions/{submitted.id}/version").status_code == 404
    assert "is available" not in client.get(f"/submissions/{submitted.id}").get_data(as_text=True)
