"""Tokens and the API's conventions: problems in two languages, ETags, Idempotency-Key,
cursors, rate limits per token, and an audit entry naming the token of every call."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from extensions import db
from models import ApiToken, AuditEntry, User
from models.types import utcnow
from tests.api.conftest import RECYCLER, SAKURA_ADMIN, SAKURA_BUYER, bearer, issue
from tests.conftest import login


def test_a_token_is_kept_only_as_its_hash(app, demo):
    secret = issue(app, SAKURA_BUYER, ["suppliers:read"])
    with app.app_context():
        row = db.session.scalar(select(ApiToken))
        assert secret not in (row.token_hash, row.hint) and secret.startswith(row.hint)
        assert row.token_hash == __import__("hashlib").sha256(secret.encode()).hexdigest()


def test_expired_revoked_and_disabled_tokens_are_refused(app, demo):
    from services import members, tokens

    client = app.test_client()
    secret = issue(app, SAKURA_BUYER, ["suppliers:read"])
    assert client.get("/api/v1/suppliers", headers=bearer(secret)).status_code == 200
    with app.app_context():
        row = db.session.scalar(select(ApiToken))
        row.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert client.get("/api/v1/suppliers", headers=bearer(secret)).status_code == 401
    second = issue(app, SAKURA_BUYER, ["suppliers:read"])
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.email == SAKURA_ADMIN))
        tokens.revoke(admin, db.session.scalars(select(ApiToken)).all()[-1])
    assert client.get("/api/v1/suppliers", headers=bearer(second)).status_code == 401
    third = issue(app, SAKURA_BUYER, ["suppliers:read"])
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.email == SAKURA_ADMIN))
        member = db.session.scalar(select(User).where(User.email == SAKURA_BUYER))
        members.disable(admin, member)
    assert client.get("/api/v1/suppliers", headers=bearer(third)).status_code == 401


def test_an_integration_token_stops_when_its_issuer_is_no_longer_admin(app, demo):
    from models import Role, TokenKind
    from services import members

    secret = issue(
        app, SAKURA_ADMIN, ["submissions:write"], kind=TokenKind.INTEGRATION, role=Role.REVIEWER
    )
    client = app.test_client()
    assert client.get("/api/v1/reviews/999999", headers=bearer(secret)).status_code == 403
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.email == SAKURA_ADMIN))
        other = db.session.scalar(select(User).where(User.email == "buyer@demo.assay.example"))
        members.set_admin(admin, other, True)
        members.set_admin(other, admin, False)
    assert client.get("/api/v1/reviews/999999", headers=bearer(secret)).status_code == 401


def test_scopes_are_limited_to_the_role_and_enforced(app, demo):
    from services.errors import DomainError

    with pytest.raises(DomainError):
        issue(app, RECYCLER, ["suppliers:read"])  # a supplier keeps no suppliers
    with pytest.raises(DomainError):
        issue(app, SAKURA_BUYER, ["webhooks:read"])  # not an admin
    secret = issue(app, SAKURA_BUYER, ["questionnaires:read"])
    response = app.test_client().get("/api/v1/suppliers", headers=bearer(secret))
    assert response.status_code == 403
    assert response.get_json()["type"].endswith("#problem-insufficient-scope")


def test_a_signed_in_browser_reaches_no_api_without_a_token(app, demo):
    client = app.test_client()
    assert login(client, SAKURA_BUYER).status_code == 302
    assert client.get("/buyer/").status_code == 200
    assert client.get("/api/v1/suppliers").status_code == 401


def test_problems_follow_accept_language(app, demo):
    client = app.test_client()
    secret = issue(app, SAKURA_ADMIN)
    english = client.post("/api/v1/suppliers", json={"names": {}}, headers=bearer(secret))
    japanese = client.post(
        "/api/v1/suppliers",
        json={"names": {}},
        headers=bearer(secret, **{"Accept-Language": "ja"}),
    )
    for response in (english, japanese):
        assert response.status_code == 422
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["status"] == 422
    assert english.headers["Content-Language"] == "en"
    assert japanese.headers["Content-Language"] == "ja"
    assert english.get_json()["errors"]["json"]["names"]["en"] == [
        "Missing data for required field."
    ]
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", japanese.get_json()["title"])
    assert re.search(
        r"[\u3040-\u30ff\u4e00-\u9fff]", japanese.get_json()["errors"]["json"]["names"]["en"][0]
    )


def test_etags_answer_304_and_guard_changes(app, demo):
    client = app.test_client()
    headers = bearer(issue(app, SAKURA_ADMIN))
    first = client.get("/api/v1/suppliers/1", headers=headers)
    tag = first.headers["ETag"]
    again = client.get("/api/v1/suppliers/1", headers={**headers, "If-None-Match": tag})
    assert again.status_code == 304
    changed = client.patch(
        "/api/v1/suppliers/1",
        json={"external_id": "V-100"},
        headers={**headers, "If-Match": tag},
    )
    assert changed.status_code == 200 and changed.headers["ETag"] != tag
    stale = client.patch(
        "/api/v1/suppliers/1", json={"external_id": "V-200"}, headers={**headers, "If-Match": tag}
    )
    assert stale.status_code == 412
    assert client.get("/api/v1/suppliers/1", headers=headers).get_json()["external_id"] == "V-100"


def test_an_idempotency_key_does_the_work_once(app, demo):
    client = app.test_client()
    headers = bearer(issue(app, SAKURA_ADMIN), **{"Idempotency-Key": "order-1"})
    body = {"names": {"en": "Once Only Ltd"}, "external_id": "ONCE-1"}
    first = client.post("/api/v1/suppliers", json=body, headers=headers)
    second = client.post("/api/v1/suppliers", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.headers["Idempotent-Replayed"] == "true"
    assert first.get_json() == second.get_json()
    other = client.post("/api/v1/suppliers", json={**body, "external_id": "X"}, headers=headers)
    assert other.status_code == 422
    listing = client.get("/api/v1/suppliers?limit=100", headers=headers).get_json()
    assert [s["external_id"] for s in listing["items"]].count("ONCE-1") == 1


def test_cursors_walk_every_submission_once(app, demo_submissions):
    client = app.test_client()
    headers = bearer(issue(app, "reviewer@demo.assay.example"))
    seen, cursor = [], None
    while True:
        query = "?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(f"/api/v1/submissions{query}", headers=headers).get_json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    everything = client.get("/api/v1/submissions?limit=100", headers=headers).get_json()
    assert seen == [item["id"] for item in everything["items"]] and len(seen) > 2
    bad = client.get("/api/v1/submissions?cursor=not-ours", headers=headers)
    assert bad.status_code == 400
    future = client.get("/api/v1/submissions?updated_since=2999-01-01T00:00:00Z", headers=headers)
    assert future.get_json()["items"] == []


@pytest.fixture
def limited_app_config(app_config):
    app_config.update(RATELIMIT_ENABLED=True, API_RATE_LIMIT="3 per minute")
    return app_config


def test_rate_limits_count_per_token(limited_app_config, demo, app):
    client = app.test_client()
    first = bearer(issue(app, SAKURA_BUYER, ["questionnaires:read"]))
    second = bearer(issue(app, SAKURA_BUYER, ["questionnaires:read"]))
    statuses = [client.get("/api/v1/questionnaires", headers=first).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/questionnaires", headers=first)
    assert refused.mimetype == "application/problem+json" and "Retry-After" in refused.headers
    assert client.get("/api/v1/questionnaires", headers=second).status_code == 200


def test_every_call_is_audited_with_its_token(app, demo):
    client = app.test_client()
    secret = issue(app, SAKURA_ADMIN)
    client.get("/api/v1/suppliers", headers=bearer(secret))
    client.post("/api/v1/suppliers", json={"names": {"en": "Audited"}}, headers=bearer(secret))
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
        calls = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "api.request").order_by(AuditEntry.id)
        ).all()
        assert [(c.detail["method"], c.detail["status"]) for c in calls] == [
            ("GET", 200),
            ("POST", 201),
        ]
        assert {c.detail["token_id"] for c in calls} == {token_id}
        created = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "supplier_record.create")
        )
        assert created.detail["token_id"] == token_id


def test_the_settings_page_shows_a_new_token_once_and_revokes_it(app, demo):
    client = app.test_client()
    assert login(client, SAKURA_BUYER).status_code == 302
    page = client.post(
        "/settings/tokens/",
        data={"name": "ERP", "kind": "personal", "scopes": ["suppliers:read"], "days": "30"},
    )
    assert page.status_code == 200
    secret = re.search(r"assay_pat_[\w-]+", page.get_data(as_text=True)).group(0)
    listing = client.get("/settings/tokens/").get_data(as_text=True)
    assert secret not in listing and secret[:14] in listing
    api = app.test_client()
    assert api.get("/api/v1/suppliers", headers=bearer(secret)).status_code == 200
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    assert client.post(f"/settings/tokens/{token_id}/revoke").status_code == 302
    assert api.get("/api/v1/suppliers", headers=bearer(secret)).status_code == 401
    assert login(app.test_client(), RECYCLER).status_code == 302
    stranger = app.test_client()
    login(stranger, RECYCLER)
    assert stranger.post(f"/settings/tokens/{token_id}/revoke").status_code == 404
