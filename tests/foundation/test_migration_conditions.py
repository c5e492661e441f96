"""Migration 0005: published questionnaire versions move to the one condition grammar."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from sqlalchemy import create_engine, text

import questionnaires as qn
from app import create_app
from extensions import db
from services import questionnaires
from tests.conftest import BASE_CONFIG
from tests.foundation.test_migration_members import _upgrade

ROOT = Path(__file__).resolve().parent.parent.parent
_spec = importlib.util.spec_from_file_location(
    "migration_0005", ROOT / "migrations" / "versions" / "0005_one_condition_grammar.py"
)
migration = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(migration)


def _old_form(export: dict) -> dict:
    old = json.loads(json.dumps(export))
    for section in old["sections"]:
        for question in section["questions"]:
            if question["show_if"] is not None:
                question["show_if"] = migration.from_grammar(question["show_if"])
    return old


def test_old_and_new_forms_convert_both_ways():
    new = {
        "all": [
            {"question": "a", "in": ["yes", "partly"]},
            {"not": {"question": "b", "answered": True}},
        ]
    }
    old = {
        "all": [
            {"question": "a", "op": "in", "value": ["yes", "partly"]},
            {"not": {"question": "b", "op": "answered"}},
        ]
    }

    assert migration.from_grammar(new) == old
    assert migration.to_grammar(old) == new


def test_a_version_published_in_the_old_form_still_matches_its_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrate.sqlite3'}"
    definition = qn.latest("critical-minerals-dd")
    old = _old_form(definition.to_export())
    assert old != definition.to_export()
    _upgrade(url, "0004")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO questionnaire_versions (id, key, version, definition, checksum, "
                "published_at) VALUES (1, :k, :v, :d, :c, '2026-01-01 00:00:00')"
            ),
            {
                "k": definition.id,
                "v": definition.version,
                "d": json.dumps(old),
                "c": questionnaires.sha256_of(old),
            },
        )
    engine.dispose()

    _upgrade(url, "head")

    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        row = questionnaires.publish(definition)  # raises when the checksums differ
        assert row.id == 1
        assert row.definition == definition.to_export()
        db.engine.dispose()
