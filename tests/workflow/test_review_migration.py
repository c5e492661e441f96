"""The migration to per-buyer reviews gives each existing review to the buyer that appointed
the reviewer, and starts the other buyers' reviews afresh."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from app import create_app
from extensions import db
from tests.conftest import BASE_CONFIG, ROOT

NOW = "2026-11-01 10:00:00"


def _upgrade(url: str, revision: str) -> None:
    from flask_migrate import upgrade

    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision=revision)
        db.engine.dispose()


def _legacy_rows(conn) -> None:
    rows = [
        "INSERT INTO organisations (id, name, kind, created_at) VALUES "
        f"(1, 'Supplier', 'supplier', '{NOW}'), (2, 'Buyer A', 'buyer', '{NOW}'), "
        f"(3, 'Buyer B', 'buyer', '{NOW}'), (4, 'Auditor', 'auditor', '{NOW}')",
        "INSERT INTO auditor_appointments (buyer_id, auditor_id, created_at) "
        f"VALUES (2, 4, '{NOW}')",
        "INSERT INTO users (id, email, name, role, organisation_id, active, created_at) VALUES "
        f"(10, 'rev@auditor.example', 'Rev', 'reviewer', 4, true, '{NOW}'), "
        f"(11, 'sup@supplier.example', 'Sup', 'supplier', 1, true, '{NOW}')",
        "INSERT INTO questionnaire_versions (id, key, version, definition, checksum, "
        f"published_at) VALUES (1, 'q', '1.0', '{{}}', 'x', '{NOW}')",
        "INSERT INTO submissions (id, supplier_id, questionnaire_version_id, status, version, "
        "round, created_at, updated_at, submitted_at, decided_at, decided_by_id, "
        f"decision_reason) VALUES (100, 1, 1, 'approved', 3, 1, '{NOW}', '{NOW}', '{NOW}', "
        f"'{NOW}', 10, 'Fine.')",
        "INSERT INTO submission_shares (submission_id, buyer_id, shared_at) VALUES "
        f"(100, 2, '{NOW}'), (100, 3, '{NOW}')",
        "INSERT INTO risk_results (id, submission_id, round, ruleset_id, ruleset_version, "
        "data_editions, scoring_date, rating, score, red_flag_count, reviewed_rating, result, "
        f"current, created_at) VALUES (7, 100, 1, 'r', '1.0', '{{}}', '2026-11-01', 'high', 50, "
        f"0, 'medium', '{{}}', true, '{NOW}')",
        "INSERT INTO review_comments (submission_id, round, question_id, author_id, body, "
        f"created_at) VALUES (100, 1, NULL, 10, 'Looks complete.', '{NOW}')",
        "INSERT INTO finding_reviews (submission_id, risk_result_id, rule_id, decision, "
        f"justification, reviewer_id, created_at) VALUES (100, 7, 'x', 'dismissed', 'No.', 10, "
        f"'{NOW}')",
        "INSERT INTO stored_reports (submission_id, round, lang, document_id, sha256, data, "
        f"created_at) VALUES (100, 1, 'en', 'D', 'h', NULL, '{NOW}')",
    ]
    for sql in rows:
        conn.execute(text(sql))


def test_existing_review_moves_to_the_buyer_that_appointed_the_reviewer(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'legacy.sqlite3'}"
    _upgrade(url, "0001")
    engine = create_engine(url)
    with engine.begin() as conn:
        _legacy_rows(conn)
    _upgrade(url, "0002")
    with engine.connect() as conn:
        reviews = {
            row.buyer_id: row
            for row in conn.execute(
                text(
                    "SELECT buyer_id, status, decision_reason, reviewed_rating, "
                    "reviewed_result_id FROM reviews"
                )
            )
        }
        assert reviews[2].status == "approved" and reviews[2].decision_reason == "Fine."
        assert (reviews[2].reviewed_rating, reviews[2].reviewed_result_id) == ("medium", 7)
        assert reviews[3].status == "submitted" and reviews[3].decision_reason is None
        assert reviews[3].reviewed_rating is None
        assert conn.execute(text("SELECT buyer_id FROM review_comments")).scalar() == 2
        assert conn.execute(text("SELECT buyer_id FROM finding_reviews")).scalar() == 2
        assert conn.execute(text("SELECT buyer_id FROM stored_reports")).scalar() == 2
        # Buyer B has still to decide: for the supplier it is under review again.
        status = conn.execute(text("SELECT status FROM submissions WHERE id = 100")).scalar()
        assert status == "submitted"
    engine.dispose()
