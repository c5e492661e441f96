"""Fixtures of the API tests: tokens issued through the service, clients that send them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from extensions import db
from models import Role, TokenKind, User
from policy import api_scopes_for
from services import tokens

SAKURA_ADMIN = "admin@demo.assay.example"
SAKURA_BUYER = "buyer@demo.assay.example"
REVIEWER = "reviewer@demo.assay.example"
SUPPLIER = "supplier@demo.assay.example"
RECYCLER = "recycler@demo.assay.example"
HOKURIKU_ADMIN = "buyer2@demo.assay.example"
HOKURIKU_REVIEWER = "reviewer2@demo.assay.example"


def issue(app, email: str, scopes=None, *, kind=TokenKind.PERSONAL, role=None, days=30) -> str:
    """Issue a token for *email* (every scope it may hold unless *scopes*); return it."""
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        acting = role or user.role
        chosen = scopes or api_scopes_for(acting, user.is_org_admin)
        _row, secret = tokens.issue(
            user, name=f"test {email}", scopes=chosen, days=days, kind=kind, role=role
        )
        return secret


def bearer(secret: str, **headers) -> dict:
    return {"Authorization": f"Bearer {secret}", **headers}


@pytest.fixture
def token(app, demo):
    """Issue tokens: ``token(email, scopes=None, kind=..., role=...)``."""
    return lambda email, scopes=None, **kwargs: issue(app, email, scopes, **kwargs)


__all__ = ["Role", "bearer", "issue"]
