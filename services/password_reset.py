"""Forgotten passwords: single-use links that set a new password.

A link carries the account id and a fingerprint of the current password hash, signed with
the application's secret key and valid for :data:`VALID_MINUTES`. Setting a password changes
the hash, so a link works once; nothing about it is stored. With e-mail configured anyone may
ask for a link to their own address (the answer is the same whether or not it has an account);
without e-mail, an organisation admin issues one for a member and hands it over.
"""

from __future__ import annotations

import hashlib

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from extensions import db
from models import User
from services import accounts, audit, links, mailer
from services.errors import DomainError

#: How long a reset link works.
VALID_MINUTES = 60
_SALT = "assay-password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _fingerprint(user: User) -> str:
    return hashlib.sha256((user.password_hash or "-").encode()).hexdigest()[:20]


def _link(user: User) -> str:
    token = _serializer().dumps({"user": user.id, "fingerprint": _fingerprint(user)})
    return links.external_url("auth.reset_password", token=token)


def _message(user: User, link: str):
    def render():
        subject = _("Choose a new Assay password")
        body = _(
            "Someone asked to reset the Assay password of %(email)s. If it was you, choose "
            "a new password here (the link works once, for %(minutes)s minutes):\n%(link)s\n\n"
            "If it was not you, ignore this message: your password stays as it is.",
            email=user.email,
            minutes=VALID_MINUTES,
            link=link,
        )
        return subject, body

    return render


def request_link(email: str, *, address: str | None = None) -> bool:
    """Mail a reset link to *email* when it names an active account; audit; commit.

    :return: whether e-mail is configured (when it is not, nothing can be sent to anyone).
    """
    if not mailer.enabled():
        return False
    user = db.session.scalar(select(User).where(User.email == accounts.normalise_email(email)))
    if user is not None and user.active:
        subject, body = mailer.compose(user.locale, _message(user, _link(user)))
        mailer.send([user.email], subject, body)
        audit.record(
            "user.password_reset_requested",
            actor=None,
            organisation_id=user.organisation_id,
            detail={"user_id": user.id, "address": address},
        )
        db.session.commit()
    return True


def issue_for_member(actor: User, member: User) -> tuple[str, bool]:
    """Make a reset link for *member* of the admin *actor*'s organisation; audit; commit;
    mail it when e-mail is configured.

    :return: the link and whether it was mailed (if not, the admin hands it over).
    :raises DomainError: for someone of another organisation, or a disabled account.
    """
    if member.organisation_id != actor.organisation_id:
        raise DomainError(_("This person is not a member of your organisation."))
    if not member.active:
        raise DomainError(_("Enable this account before you send it a reset link."))
    link = _link(member)
    audit.record(
        "user.password_reset_link",
        actor=actor,
        organisation_id=actor.organisation_id,
        detail={"user_id": member.id},
    )
    db.session.commit()
    subject, body = mailer.compose(member.locale, _message(member, link))
    return link, mailer.send([member.email], subject, body)


def find(token: str) -> User:
    """Return the account a reset link is for.

    :raises DomainError: when the link is unknown, expired or used, saying which.
    """
    try:
        data = _serializer().loads(token, max_age=VALID_MINUTES * 60)
    except SignatureExpired:
        raise DomainError(_("This reset link has expired. Ask for a new one.")) from None
    except BadSignature:
        raise DomainError(_("This reset link is not valid. Ask for a new one.")) from None
    user = db.session.get(User, data.get("user")) if isinstance(data, dict) else None
    if user is None or not user.active:
        raise DomainError(_("This reset link is not valid. Ask for a new one."))
    if data.get("fingerprint") != _fingerprint(user):
        raise DomainError(_("This reset link was used already. Ask for a new one if you need to."))
    return user


def reset(token: str, password: str) -> User:
    """Set the password of the account *token* is for: ends its sessions, lifts a forced
    change, audits and commits (:func:`services.accounts.set_password`).

    :raises DomainError: for a link :func:`find` refuses or a password the policy refuses.
    """
    user = find(token)
    accounts.set_password(user, password)
    return user
