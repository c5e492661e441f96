"""``flask audit verify`` covers answer changes and access events like every other entry."""

from __future__ import annotations

import json

from sqlalchemy import select

from extensions import db
from models import AuditEntry, EvidenceFile, Submission
from tests.workflow.conftest import BUYER_USER, SUPPLIER, send_back, signed_in, submit_for
from tests.workflow.test_audit_trail import tamper

KINDS = {
    "answers.change",
    "answers.import",
    "evidence.add",
    "evidence.download",
    "report.download",
    "portfolio.export",
    "submission.share",
}


def _verify(app):
    return app.test_cli_runner().invoke(args=["audit", "verify"])


def _every_kind(app) -> int:
    submission_id = submit_for(app, SUPPLIER, {"org_legal_name": "Before"})
    send_back(app, submission_id, {None: "Please revise."})
    supplier = signed_in(app, SUPPLIER)
    with app.app_context():
        version = db.session.get(Submission, submission_id).version
        evidence_id = db.session.scalar(select(EvidenceFile.id))
    saved = supplier.post(
        f"/submissions/{submission_id}/answers",
        json={"version": version, "answers": {"org_legal_name": "After « 変更 »"}},
    )
    assert saved.status_code == 200
    buyer = signed_in(app, BUYER_USER)
    assert buyer.get(f"/submissions/evidence/{evidence_id}").status_code == 200
    assert buyer.get("/buyer/portfolio.xlsx").status_code == 200
    assert signed_in(app, SUPPLIER).get(f"/reports/{submission_id}").status_code == 200
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEntry.action)))
    assert actions >= KINDS
    return submission_id


def test_a_chain_with_every_new_kind_of_entry_verifies(app, demo):
    _every_kind(app)
    result = _verify(app)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK:")


def test_altering_an_answer_change_is_detected(app, demo):
    _every_kind(app)
    with app.app_context():
        entry = db.session.scalar(
            select(AuditEntry)
            .where(AuditEntry.action == "answers.change")
            .order_by(AuditEntry.id.desc())
        )
        target, detail = entry.id, dict(entry.detail)
        detail["changes"] = [{**c, "new": "Something else"} for c in detail["changes"]]
        db.session.rollback()
        with db.engine.begin() as connection:
            postgres = connection.dialect.name == "postgresql"
            cast = "CAST(:detail AS JSONB)" if postgres else ":detail"
            tamper(
                connection,
                f"UPDATE audit_entries SET detail = {cast} WHERE id = :id",  # noqa: S608
                detail=json.dumps(detail, ensure_ascii=False),
                id=target,
            )
    result = _verify(app)
    assert result.exit_code == 1
    assert f"BROKEN at audit entry {target}" in result.output
    assert "content does not match its hash" in result.output
