"""Migration 0003: platform-wide admins become their organisation's admins; invitations made
before it no longer reach into an organisation."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from app import create_app
from extensions import db
from tests.conftest import BASE_CONFIG

ROOT = Path(__file__).resolve().parent.parent.parent
NOW = "2026-01-01 00:00:00"
LATER = "2099-01-01 00:00:00"


def _upgrade(url: str, revision: str) -> None:
    from flask_migrate import upgrade

    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision=revision)
        db.engine.dispose()


def _seed(conn) -> None:
    for org_id, kind in ((1, "supplier"), (2, "buyer"), (3, "auditor")):
        conn.execute(
            text("INSERT INTO organisations (id, name, kind, created_at) VALUES (:i, :n, :k, :t)"),
            {"i": org_id, "n": f"Org {org_id}", "k": kind, "t": NOW},
        )
    users = [
        (1, "admin", 1, "hash"),
        (2, "admin", 2, "hash"),
        (3, "admin", 3, "hash"),
        (4, "buyer", 2, "hash"),
        (5, "supplier", 1, None),  # made in advance for a pending invitation
        (6, "supplier", 1, "hash"),  # accepted an invitation
    ]
    for user_id, role, org_id, password in users:
        conn.execute(
            text(
                "INSERT INTO users (id, email, name, password_hash, role, organisation_id, "
                "active, created_at) VALUES (:i, :e, :n, :p, :r, :o, :a, :t)"
            ),
            {
                "i": user_id,
                "e": f"u{user_id}@example.com",
                "n": f"User {user_id}",
                "p": password,
                "r": role,
                "o": org_id,
                "a": True,
                "t": NOW,
            },
        )
    conn.execute(
        text(
            "INSERT INTO buyer_suppliers (id, buyer_id, supplier_id, deadline, created_at) "
            "VALUES (1, 2, 1, '2099-02-01', :t)"
        ),
        {"t": NOW},
    )
    for inv_id, user_id, accepted in ((1, 5, None), (2, 6, NOW)):
        conn.execute(
            text(
                "INSERT INTO invitations (id, token_hash, email, user_id, relationship_id, "
                "created_by_id, created_at, expires_at, accepted_at) "
                "VALUES (:i, :h, :e, :u, 1, 4, :t, :x, :a)"
            ),
            {
                "i": inv_id,
                "h": f"{inv_id:064d}",
                "e": f"u{user_id}@example.com",
                "u": user_id,
                "t": NOW,
                "x": LATER,
                "a": accepted,
            },
        )


def test_admins_keep_only_their_own_organisation_and_old_links_close(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrate.sqlite3'}"
    _upgrade(url, "0002")
    engine = create_engine(url)
    with engine.begin() as conn:
        _seed(conn)
    engine.dispose()
    _upgrade(url, "head")

    engine = create_engine(url)
    with engine.connect() as conn:
        users = {
            row.id: (row.role, bool(row.is_org_admin), bool(row.active))
            for row in conn.execute(text("SELECT id, role, is_org_admin, active FROM users"))
        }
        invitations = {
            row.id: row
            for row in conn.execute(
                text(
                    "SELECT id, kind, buyer_id, organisation_id, deadline, accepted_by_id, "
                    "revoked_at FROM invitations"
                )
            )
        }
    engine.dispose()
    assert users == {
        1: ("supplier", True, True),
        2: ("buyer", True, True),
        3: ("reviewer", True, True),
        4: ("buyer", False, True),
        5: ("supplier", False, False),  # never set a password: disabled
        6: ("supplier", False, True),
    }
    pending, accepted = invitations[1], invitations[2]
    assert pending.revoked_at is not None
    assert (pending.kind, pending.buyer_id, pending.organisation_id) == ("supplier", 2, 1)
    assert str(pending.deadline) == "2099-02-01"
    assert accepted.revoked_at is None and accepted.accepted_by_id == 6
