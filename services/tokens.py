"""API tokens: issued with scopes and an expiry, shown once, kept as a hash, revocable.

A personal token acts as the person who holds it. An integration token belongs to an
organisation and acts with the role its admin chose; its actions are recorded under that
admin, who answers for it, with the token's id. Either stops working when revoked or expired,
when its holder (or issuer) is disabled or no longer an admin, or the organisation suspended.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import or_, select, update

from extensions import db
from models import ApiToken, Organisation, Role, TokenKind, User
from models.types import utcnow
from policy import (
    api_scopes_for,
    can_hold_api_tokens,
    can_issue_integration_tokens,
)
from services import audit
from services.errors import DomainError
from services.invitations import ROLES_BY_KIND

#: Lifetimes a token may be given, in days.
LIFETIMES = (7, 30, 90, 365)
PREFIXES = {TokenKind.PERSONAL: "assay_pat_", TokenKind.INTEGRATION: "assay_int_"}
#: How often the last use of a token is written.
LAST_USED_EVERY = timedelta(minutes=1)


def token_hash(token: str) -> str:
    """Return the SHA-256 of *token* as stored."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@dataclass
class IntegrationActor:
    """Who an integration token acts as: its organisation, with the role chosen at issue.

    ``id`` is the issuing admin's, so that the audit log and every "by" column name a person
    who answers for the token.
    """

    id: int
    name: str
    email: str
    role: Role
    organisation_id: int
    organisation: Organisation
    is_org_admin: bool = True
    locale: str | None = None
    active: bool = True

    @property
    def is_active(self) -> bool:
        return True


class TokenRefused(Exception):
    """The token is unknown, revoked, expired, or its holder can no longer use it."""


def _check_scopes(scopes, role: Role, admin: bool) -> list[str]:
    allowed = api_scopes_for(role, admin)
    chosen = list(dict.fromkeys(scopes or ()))
    if not chosen:
        raise DomainError(_("Choose at least one scope."))
    if any(scope not in allowed for scope in chosen):
        raise DomainError(_("This token cannot have one of the scopes chosen."))
    return chosen


def issue(
    actor: User,
    *,
    name: str,
    scopes,
    days: int,
    kind: TokenKind = TokenKind.PERSONAL,
    role: Role | None = None,
) -> tuple[ApiToken, str]:
    """Issue a token for *actor* (personal) or its organisation (integration); audit; commit.

    :return: the token's row and the token itself, which is never shown again.
    :raises DomainError: for a missing name, a lifetime not offered, scopes the role does not
        cover, or an actor who may not issue this kind of token.
    """
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise DomainError(_("Give the token a name of at most 100 characters."))
    if days not in LIFETIMES:
        raise DomainError(_("Choose how long the token lasts."))
    if kind == TokenKind.PERSONAL:
        if not can_hold_api_tokens(actor):
            raise DomainError(_("Your account cannot have API tokens."))
        role, acting_role = None, actor.role
    else:
        if not can_issue_integration_tokens(actor):
            raise DomainError(_("Only your organisation's admins issue integration tokens."))
        if role not in ROLES_BY_KIND[actor.organisation.kind]:
            raise DomainError(_("This role does not fit this organisation."))
        acting_role = role
    chosen = _check_scopes(scopes, acting_role, actor.is_org_admin)
    secret = PREFIXES[kind] + secrets.token_urlsafe(32)
    now = utcnow()
    row = ApiToken(
        kind=kind,
        name=name,
        token_hash=token_hash(secret),
        hint=secret[:14],
        scopes=chosen,
        organisation_id=actor.organisation_id,
        user_id=actor.id,
        role=role,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    db.session.add(row)
    db.session.flush()
    audit.record(
        "api_token.issue",
        actor=actor,
        detail={
            "token_id": row.id,
            "kind": kind.value,
            "name": name,
            "scopes": chosen,
            "role": (role or actor.role).value,
            "expires_at": row.expires_at.isoformat(),
        },
    )
    db.session.commit()
    return row, secret


def visible_to(user: User) -> list[ApiToken]:
    """Return the tokens *user* sees on the settings page, newest first: its own, and for an
    organisation's admin every token of the organisation."""
    query = select(ApiToken).where(ApiToken.organisation_id == user.organisation_id)
    if not can_issue_integration_tokens(user):
        query = query.where(ApiToken.user_id == user.id, ApiToken.kind == TokenKind.PERSONAL)
    return list(db.session.scalars(query.order_by(ApiToken.id.desc())))


def token_for(user: User, token_id: int) -> ApiToken | None:
    """Return one of the tokens *user* sees, or ``None``."""
    return next((t for t in visible_to(user) if t.id == token_id), None)


def revoke(actor: User, token: ApiToken) -> None:
    """Revoke *token* now; audit; commit. Its holder or an admin of its organisation may.

    :raises DomainError: when *actor* may not revoke it.
    """
    if token_for(actor, token.id) is None:
        raise DomainError(_("There is no such token."))
    if token.revoked_at is not None:
        return
    token.revoked_at = utcnow()
    token.revoked_by_id = actor.id
    audit.record(
        "api_token.revoke",
        actor=actor,
        organisation_id=token.organisation_id,
        detail={"token_id": token.id, "name": token.name, "kind": token.kind.value},
    )
    db.session.commit()


def _actor(token: ApiToken) -> User | IntegrationActor | None:
    """Return who *token* acts as, or ``None`` when its holder can no longer use it."""
    holder = token.user
    if not holder.is_active or holder.organisation_id != token.organisation_id:
        return None
    if token.kind == TokenKind.PERSONAL:
        return holder if can_hold_api_tokens(holder) else None
    if not can_issue_integration_tokens(holder):
        return None
    return IntegrationActor(
        id=holder.id,
        name=token.name,
        email=holder.email,
        role=token.role,
        organisation_id=token.organisation_id,
        organisation=token.organisation,
    )


def authenticate(secret: str, now: datetime | None = None):
    """Return the token holding *secret* and who it acts as; note its use (once a minute).

    :raises TokenRefused: for an unknown, revoked or expired token, or one whose holder can
        no longer use it.
    """
    now = now or utcnow()
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(secret)))
    if token is None or not token.usable(now):
        raise TokenRefused
    actor = _actor(token)
    if actor is None:
        raise TokenRefused
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        db.session.execute(
            update(ApiToken)
            .where(
                ApiToken.id == token.id,
                or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < now - LAST_USED_EVERY),
            )
            .values(last_used_at=now)
        )
        db.session.commit()
    return token, actor
