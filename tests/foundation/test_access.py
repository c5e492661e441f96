"""Who reaches which page: anonymous users, the role x route matrix, CSRF and rate limits."""

from __future__ import annotations

import pytest

from tests.conftest import login

PUBLIC_ENDPOINTS = {
    "auth.login",
    "auth.logout",
    "auth.language",
    "auth.forgot_password",
    "auth.reset_password",
    "invitations.accept",
    "main.favicon",
    "static",
    # The API's description is public; the API itself takes tokens (tests/api/test_access.py).
    "api-docs.openapi_json",
    "api_docs.docs",
}
#: The people of the matrix: "supplier" and "buyer_admin" are their organisations' admins.
USERS = {
    "supplier": "supplier@demo.assay.example",
    "supplier_member": "colleague@lualaba-cobalt.example",
    "reviewer": "reviewer@demo.assay.example",
    "buyer": "buyer@demo.assay.example",
    "buyer_admin": "admin@demo.assay.example",
    "operator": "operator@demo.assay.example",
}
#: Where each of them lands after signing in.
HOMES = {
    "supplier": "/supplier/",
    "supplier_member": "/supplier/",
    "reviewer": "/reviewer/",
    "buyer": "/buyer/",
    "buyer_admin": "/buyer/",
    "operator": "/operator/",
}
EVERYONE = set(USERS)
#: (method, path) -> roles that get 200; every other role gets 404.
MATRIX = {
    ("GET", "/supplier/"): {"supplier", "supplier_member"},
    ("GET", "/reviewer/"): {"reviewer"},
    ("GET", "/buyer/"): {"buyer", "buyer_admin"},
    ("GET", "/operator/"): {"operator"},
    ("GET", "/operator/rmi-templates"): {"operator"},
    ("GET", "/buyer/portfolio.csv"): {"buyer", "buyer_admin"},
    ("GET", "/buyer/portfolio.xlsx"): {"buyer", "buyer_admin"},
    ("GET", "/notifications/"): EVERYONE,
    ("GET", "/password"): EVERYONE,
    ("GET", "/members/"): {"supplier", "buyer_admin"},
    ("GET", "/connections/"): {"supplier", "supplier_member"},
    ("GET", "/settings/tokens/"): EVERYONE - {"operator"},
    ("GET", "/corrective-actions/"): {
        "supplier",
        "supplier_member",
        "reviewer",
        "buyer",
        "buyer_admin",
    },
    ("GET", "/corrective-actions/terms"): {"buyer", "buyer_admin"},
}
#: A non-admin colleague of the demo supplier (the demo has none).
MEMBER_PASSWORD = "Quiet-Harbour-Lantern-48"


def add_supplier_member(app) -> None:
    """Create the demo supplier's non-admin colleague of the matrix."""
    from sqlalchemy import select

    from extensions import db
    from models import Role, User
    from services import accounts

    with app.app_context():
        if db.session.scalar(select(User).where(User.email == USERS["supplier_member"])):
            return
        supplier = db.session.scalar(select(User).where(User.email == USERS["supplier"]))
        accounts.create_user(
            email=USERS["supplier_member"],
            name="Colleague",
            role=Role.SUPPLIER,
            organisation=supplier.organisation,
            password=MEMBER_PASSWORD,
        )


def sign_in_as(app, role: str):
    """Return a client signed in as the matrix's *role*."""
    client = app.test_client()
    if role == "supplier_member":
        add_supplier_member(app)
        assert login(client, USERS[role], MEMBER_PASSWORD).status_code == 302
    else:
        assert login(client, USERS[role]).status_code == 302
    return client


def _example_path(rule) -> str:
    values = {arg: 1 for arg in rule.arguments}
    return rule.build(values, append_unknown=False)[1]


def test_every_non_public_route_redirects_anonymous_users_to_sign_in(app):
    client = app.test_client()
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        path = _example_path(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(path, method=method)
            if path.startswith("/api/"):  # no session there: a token or 401
                assert response.status_code == 401, (method, path, response.status_code)
                assert response.mimetype == "application/problem+json"
                assert response.headers["WWW-Authenticate"].startswith("Bearer")
                checked += 1
                continue
            assert response.status_code == 302, (method, path, response.status_code)
            assert response.headers["Location"].startswith("/login"), (method, path)
            checked += 1
    assert checked >= len(MATRIX)


def test_matrix_names_every_get_page(app):
    """A new page must be added to the matrix (or to the cross-organisation tests)."""
    pages = {
        _example_path(rule)
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.endpoint not in PUBLIC_ENDPOINTS and not rule.arguments
    }
    from tests.api.test_access import API_MATRIX

    assert pages - {"/"} <= {path for _method, path in MATRIX} | set(API_MATRIX)


@pytest.mark.parametrize("role", sorted(USERS))
@pytest.mark.parametrize(("method", "path"), sorted(MATRIX))
def test_role_route_matrix(app, demo, role, method, path):
    client = sign_in_as(app, role)
    response = client.open(path, method=method)
    expected = 200 if role in MATRIX[(method, path)] else 404
    assert response.status_code == expected


def test_root_redirects_to_the_role_home(app, demo):
    for role in USERS:
        assert sign_in_as(app, role).get("/").headers["Location"] == HOMES[role]


@pytest.fixture
def csrf_app_config(app_config):
    app_config["WTF_CSRF_ENABLED"] = True
    return app_config


def test_csrf_rejects_posts_without_token(csrf_app_config, demo, app):
    client = app.test_client()
    response = client.post(
        "/login", data={"email": USERS["supplier"], "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 400
    assert b"Reload the page" in response.data
    assert client.get("/supplier/").status_code == 302


def test_csrf_accepts_posts_with_token(csrf_app_config, demo, app):
    import re

    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/login",
        data={"email": USERS["supplier"], "password": demo.DEMO_PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302
    page = client.get("/supplier/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/logout").status_code == 400
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/supplier/").status_code == 302


@pytest.fixture
def limited_app_config(app_config):
    app_config.update(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    return app_config


def test_login_is_rate_limited(limited_app_config, demo, app):
    client = app.test_client()
    statuses = [login(client, USERS["buyer"], "wrong-password").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = login(client, USERS["buyer"])
    assert refused.status_code == 429
    assert b"Too many attempts" in refused.data
    assert client.get("/login").status_code == 200
