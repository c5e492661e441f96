"""Questionnaire definitions at run time: the loaded registry and publishing versions."""

from __future__ import annotations

import hashlib
import json

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

import questionnaires as qn
from extensions import db
from models import QuestionnaireVersion
from services import risk
from services.errors import DomainError

#: The questionnaire suppliers start by default.
DEFAULT_QUESTIONNAIRE = "critical-minerals-dd"


def canonical_json(data) -> str:
    """Return the canonical JSON text used for hashes."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def sha256_of(data) -> str:
    """Return the SHA-256 of the canonical JSON of *data*."""
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def registry() -> dict[tuple[str, str], qn.Questionnaire]:
    """Return every questionnaire definition, loaded and validated once per process."""
    loaded = current_app.extensions.get("questionnaires")
    if loaded is None:
        loaded = qn.load_all()
        current_app.extensions["questionnaires"] = loaded
    return loaded


def catalogue() -> qn.Catalogue:
    """Return the reference catalogue, loaded once per process."""
    loaded = current_app.extensions.get("catalogue")
    if loaded is None:
        loaded = qn.load_catalogue()
        current_app.extensions["catalogue"] = loaded
    return loaded


def latest(key: str = DEFAULT_QUESTIONNAIRE) -> qn.Questionnaire:
    """Return the newest version of questionnaire *key* on offer: the newest installed
    version that a rule set scores (a version without one is installed but not offered)."""
    versions = [
        q for (k, v), q in registry().items() if k == key and risk.ruleset_for(k, v) is not None
    ]
    if not versions:
        raise DomainError(_("No questionnaire named %(key)s is installed.", key=key))
    return max(versions, key=lambda q: qn.version_key(q.version))


def offered(version: str, key: str = DEFAULT_QUESTIONNAIRE) -> qn.Questionnaire:
    """Return version *version* of questionnaire *key* when it is on offer (installed and
    scored by a rule set); answers documents name the version they answer.

    :raises DomainError: when that version is not on offer.
    """
    questionnaire = registry().get((key, version))
    if questionnaire is None or risk.ruleset_for(key, version) is None:
        raise DomainError(
            _(
                "Questionnaire %(key)s version %(version)s is no longer installed.",
                key=key,
                version=version,
            )
        )
    return questionnaire


def definition_for(version: QuestionnaireVersion) -> qn.Questionnaire:
    """Return the definition a submission is pinned to."""
    try:
        return registry()[(version.key, version.version)]
    except KeyError:
        raise DomainError(
            _(
                "Questionnaire %(key)s version %(version)s is no longer installed.",
                key=version.key,
                version=version.version,
            )
        ) from None


def publish(questionnaire: qn.Questionnaire) -> QuestionnaireVersion:
    """Record *questionnaire* as published (once); return its row. The caller commits.

    :raises DomainError: when the same version was published with different content.
    """
    export = questionnaire.to_export()
    checksum = sha256_of(export)
    row = db.session.scalar(
        select(QuestionnaireVersion).where(
            QuestionnaireVersion.key == questionnaire.id,
            QuestionnaireVersion.version == questionnaire.version,
        )
    )
    if row is None:
        row = QuestionnaireVersion(
            key=questionnaire.id,
            version=questionnaire.version,
            definition=export,
            checksum=checksum,
        )
        db.session.add(row)
        db.session.flush()
    elif row.checksum != checksum:
        raise DomainError(
            _(
                "Version %(version)s of %(key)s was changed after it was published; "
                "publish the change as a new version.",
                version=questionnaire.version,
                key=questionnaire.id,
            )
        )
    return row


def init_app(app) -> None:
    """Load and validate every definition at start-up (a bad file stops the app)."""
    app.extensions["questionnaires"] = qn.load_all()
