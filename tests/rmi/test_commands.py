"""``flask rmi import`` and ``flask rmi export``."""

from __future__ import annotations

import json

import rmi
from extensions import db
from models import Submission
from services import submissions
from services.rmi import country_code
from tests.factories import audit_entries, start_submission
from tests.rmi.test_import_pages import EMRT, SUPPLIER
from tests.rmi.workbooks import template


def test_dry_run_prints_the_preview_and_changes_nothing(app, demo, tmp_path):
    submission_id = start_submission(app, SUPPLIER)
    path = tmp_path / "supplier.xlsx"
    path.write_bytes(EMRT)
    result = app.test_cli_runner().invoke(
        args=["rmi", "import", str(path), "--submission", str(submission_id), "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    preview = json.loads(result.stdout)
    assert (preview["template"], preview["version"]) == ("EMRT", "2.1")
    statuses = {a["question"]: a["status"] for a in preview["answers"]}
    assert statuses["trace_cobalt_cahra"] == "new"
    assert {"severity": "error", "cell": "Smelter List!E6", "message": "country is required."} in [
        {k: p[k] for k in ("severity", "cell", "message")} for p in preview["problems"]
    ]
    with app.app_context():
        assert submissions.answers_of(db.session.get(Submission, submission_id)) == {}
    assert audit_entries(app, "rmi.import") == []


def test_import_then_export_round_trips(app, demo, tmp_path):
    submission_id = start_submission(app, SUPPLIER)
    workbook_path, template_path, out = (
        tmp_path / "supplier.xlsx",
        tmp_path / "EMRT.xlsx",
        tmp_path / "out.xlsx",
    )
    workbook_path.write_bytes(EMRT)
    template_path.write_bytes(template())
    runner = app.test_cli_runner()
    imported = runner.invoke(
        args=["rmi", "import", str(workbook_path), "--submission", str(submission_id)]
    )
    assert imported.exit_code == 0, imported.output
    (entry,) = audit_entries(app, "rmi.import")
    assert entry.actor_id is None and entry.detail["file"] == "supplier.xlsx"
    exported = runner.invoke(
        args=["rmi", "export", str(submission_id), "--template", str(template_path), "-o", str(out)]
    )
    assert exported.exit_code == 0, exported.output
    assert (
        rmi.read(out.read_bytes(), country_code).declaration
        == rmi.read(EMRT, country_code).declaration
    )


def test_an_unknown_version_fails_with_the_message(app, demo, tmp_path):
    from tests.rmi.workbooks import workbook

    submission_id = start_submission(app, SUPPLIER)
    path = tmp_path / "new.xlsx"
    path.write_bytes(workbook("EMRT", "2.2", minerals={}))
    result = app.test_cli_runner().invoke(
        args=["rmi", "import", str(path), "--submission", str(submission_id)]
    )
    assert result.exit_code == 1
    assert "EMRT 2.2" in result.output
