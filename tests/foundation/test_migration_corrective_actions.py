"""Migration 0006: the corrective action tables, made exactly as the models describe them and
taken away again by its downgrade, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from extensions import db

ROOT = Path(__file__).resolve().parent.parent.parent
TABLES = {
    "corrective_actions",
    "corrective_action_comments",
    "corrective_action_files",
    "corrective_action_terms",
}


def _shape(table: str) -> tuple[set, set, set]:
    found = inspect(db.engine)
    return (
        {(c["name"], c["nullable"]) for c in found.get_columns(table)},
        {
            (tuple(k["constrained_columns"]), k["referred_table"])
            for k in found.get_foreign_keys(table)
        },
        # PostgreSQL lists the index behind a unique constraint too; the models do not.
        {
            tuple(i["column_names"])
            for i in found.get_indexes(table)
            if not i.get("duplicates_constraint")
        },
    )


def _model_shape(table: str) -> tuple[set, set, set]:
    model = db.metadata.tables[table]
    return (
        {(c.name, c.nullable) for c in model.columns},
        {((k.parent.name,), k.column.table.name) for k in model.foreign_keys},
        {tuple(c.name for c in i.columns) for i in model.indexes},
    )


def test_the_tables_match_the_models_and_the_downgrade_removes_them(app):
    directory = str(ROOT / "migrations")
    with app.app_context():
        assert set(inspect(db.engine).get_table_names()) >= TABLES
        for table in TABLES:
            assert _shape(table) == _model_shape(table), table
        downgrade(directory=directory, revision="0007")
        db.engine.dispose()
        assert not TABLES & set(inspect(db.engine).get_table_names())
        upgrade(directory=directory)
        db.engine.dispose()
        assert set(inspect(db.engine).get_table_names()) >= TABLES
        db.engine.dispose()
