"""``/api/v1/questionnaires``: the questionnaires on offer and each version's definition."""

from __future__ import annotations

import marshmallow as ma
from flask_babel import gettext as _
from flask_smorest import Blueprint

import questionnaires as qn
from api.auth import protect, requires
from api.etags import NOT_MODIFIED_DOC, etagged
from api.fields import Schema
from api.problems import Problem
from services import questionnaires, risk

blp = protect(
    Blueprint(
        "api_questionnaires",
        __name__,
        url_prefix="/api/v1/questionnaires",
        description="Questionnaire definitions, both languages, as data.",
    )
)


class VersionSchema(Schema):
    key = ma.fields.String(required=True)
    version = ma.fields.String(required=True)
    title = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(), required=True)
    offered = ma.fields.Boolean(
        required=True,
        metadata={"description": "Whether new questionnaires start on it (a rule set scores it)"},
    )


class QuestionnaireSchema(Schema):
    key = ma.fields.String(required=True)
    versions = ma.fields.List(ma.fields.Nested(VersionSchema), required=True)


class DefinitionSchema(VersionSchema):
    definition = ma.fields.Dict(
        required=True,
        metadata={"description": "The definition as `flask questionnaire export` prints it"},
    )


def _version(item: qn.Questionnaire) -> dict:
    return {
        "key": item.id,
        "version": item.version,
        "title": item.title.to_dict(),
        "offered": risk.ruleset_for(item.id, item.version) is not None,
    }


@blp.route("", methods=["GET"])
@requires("questionnaires:read")
@blp.response(200, QuestionnaireSchema(many=True))
def list_questionnaires():
    """List the questionnaires and their installed versions, oldest version first."""
    grouped: dict[str, list] = {}
    for (key, _version_id), item in sorted(
        questionnaires.registry().items(), key=lambda kv: (kv[0][0], qn.version_key(kv[0][1]))
    ):
        grouped.setdefault(key, []).append(_version(item))
    return [{"key": key, "versions": versions} for key, versions in grouped.items()]


@blp.route("/<key>/versions/<version>", methods=["GET"])
@requires("questionnaires:read")
@etagged
@blp.response(200, DefinitionSchema)
@blp.alt_response(304, **NOT_MODIFIED_DOC)
def get_version(key, version):
    """Read one version's definition: sections, questions, options, conditions, evidence
    requirements and references, with English and Japanese text (ETag)."""
    item = questionnaires.registry().get((key, version))
    if item is None:
        raise Problem(404, _("There is no such questionnaire version."))
    return {**_version(item), "definition": item.to_export()}
