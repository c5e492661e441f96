"""Questionnaire, answers and risk commands."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from extensions import db
from models import RiskResult
from tests.factories import fill_submission, start_submission

SUPPLIER = "supplier@demo.assay.example"


def test_questionnaire_export_has_the_interface_shape(app):
    result = app.test_cli_runner().invoke(args=["questionnaire", "export"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["id"] == "critical-minerals-dd" and data["version"] == "1.1"  # the newest
    question = data["sections"][0]["questions"][0]
    assert set(question) >= {
        "id", "type", "text", "help", "options", "required", "show_if", "references",
        "evidence", "columns",
    }  # fmt: skip
    assert set(question["text"]) == {"en", "ja"}
    missing = app.test_cli_runner().invoke(args=["questionnaire", "export", "--version", "9.9"])
    assert missing.exit_code != 0 and "No questionnaire" in missing.output


def test_questionnaire_check_passes_and_fails_on_a_bad_definition(app, tmp_path):
    ok = app.test_cli_runner().invoke(args=["questionnaire", "check"])
    assert ok.exit_code == 0 and ok.output.startswith("OK")
    bad = tmp_path / "broken" / "1.0.yaml"
    bad.parent.mkdir()
    bad.write_text("id: broken\nversion: '1.0'\nsections: []\n", encoding="utf-8")
    failed = app.test_cli_runner().invoke(args=["questionnaire", "check", "--dir", str(tmp_path)])
    assert failed.exit_code == 1
    assert "1.0.yaml" in failed.output


def test_answers_export_import_round_trip(app, demo, tmp_path):
    source = start_submission(app, SUPPLIER)
    fill_submission(app, source, SUPPLIER)
    runner = app.test_cli_runner()
    exported = runner.invoke(args=["answers", "export", str(source)])
    assert exported.exit_code == 0, exported.output
    document = json.loads(exported.output)
    assert document["questionnaire"] == "critical-minerals-dd"
    with app.app_context():
        from models import Submission, SubmissionStatus
        from services import submissions

        original = db.session.get(Submission, source)
        original.status = SubmissionStatus.APPROVED  # frees the supplier to start another
        db.session.commit()
    target = start_submission(app, SUPPLIER)
    document["answers"]["org_headcount"] = "many"
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    imported = runner.invoke(args=["answers", "import", str(path), "--submission", str(target)])
    assert imported.exit_code == 1
    assert "org_headcount: Enter a number." in imported.output
    with app.app_context():
        copied = submissions.answers_of(db.session.get(Submission, target))
    expected = {k: v for k, v in document["answers"].items() if k != "org_headcount"}
    assert copied == expected
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    refused = runner.invoke(args=["answers", "import", str(garbage), "--submission", str(target)])
    assert refused.exit_code != 0 and "not valid JSON" in refused.output


def test_risk_score_prints_one_result_per_document_and_names_bad_ones(app, tmp_path):
    import demo

    good = demo.document(demo.HIGH_RISK)
    lines = [json.dumps(good), "{broken", json.dumps({"questionnaire": 5})]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = app.test_cli_runner().invoke(
        args=["risk", "score", str(path), "--date", "2026-11-24"], catch_exceptions=False
    )
    assert result.exit_code == 1
    printed = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(printed) == 1
    assert printed[0]["scoring_date"] == "2026-11-24"
    assert printed[0]["ruleset"] == {"id": "critical-minerals-risk", "version": "1.0"}
    assert "document 2:" in result.stderr and "document 3:" in result.stderr
    assert "Traceback" not in result.output


def test_risk_rescore_keeps_old_results(app, demo):
    submission_id = start_submission(app, SUPPLIER)
    fill_submission(app, submission_id, SUPPLIER)
    with app.app_context():
        from models import Submission, User
        from services import submissions

        user = db.session.scalar(select(User).where(User.email == SUPPLIER))
        submissions.submit(db.session.get(Submission, submission_id), user)
    result = app.test_cli_runner().invoke(args=["risk", "rescore", str(submission_id)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        rows = db.session.scalars(select(RiskResult).order_by(RiskResult.id)).all()
        assert [r.current for r in rows] == [False, True]
        assert rows[0].result == rows[1].result | {"scoring_date": rows[0].result["scoring_date"]}
    everything = app.test_cli_runner().invoke(args=["risk", "rescore", "--all"])
    assert "Re-scored 1 submission(s)." in everything.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(RiskResult)) == 3
    usage = app.test_cli_runner().invoke(args=["risk", "rescore"])
    assert usage.exit_code != 0


def test_risk_check_passes(app):
    result = app.test_cli_runner().invoke(args=["risk", "check"])
    assert result.exit_code == 0, result.output
    assert "critical-minerals-risk 1.0" in result.output
