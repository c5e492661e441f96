"""``/api/v1/submissions``: questionnaires the caller may read, their answers, documents,
risk result and the supplier's working report."""

from __future__ import annotations

import marshmallow as ma
from flask_babel import gettext as _
from flask_smorest import Blueprint
from sqlalchemy import exists, select

from api import pagination, representations
from api.auth import actor, protect, requires
from api.downloads import pdf_response, report_language
from api.etags import NOT_MODIFIED_DOC, etagged
from api.fields import PageQuery, Schema, Text, page_of
from api.problems import Problem
from extensions import db
from models import (
    QuestionnaireVersion,
    Review,
    Role,
    Submission,
    SubmissionRound,
    SubmissionStatus,
)
from permissions import submission_or_404
from policy import can_read_working_copy, visible_reviews, visible_submissions
from services import findings, review, risk, submissions

blp = protect(
    Blueprint(
        "api_submissions",
        __name__,
        url_prefix="/api/v1/submissions",
        description="Submissions the caller reads: answers, documents, rounds, the risk result.",
    )
)


class SubmissionQuery(PageQuery):
    supplier = ma.fields.Integer(
        validate=ma.validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "The supplier's organisation id"},
    )
    status = ma.fields.String(validate=ma.validate.OneOf([s.value for s in SubmissionStatus]))
    questionnaire = Text(validate=ma.validate.Length(max=100))
    updated_since = ma.fields.AwareDateTime(default_timezone=None)


class QuestionnaireRef(Schema):
    key = ma.fields.String(required=True)
    version = ma.fields.String(required=True)


class SubmissionSchema(Schema):
    id = ma.fields.Integer(required=True)
    supplier_organisation_id = ma.fields.Integer(required=True)
    supplier_name = ma.fields.String(required=True)
    questionnaire = ma.fields.Nested(QuestionnaireRef, required=True)
    status = ma.fields.String(
        required=True,
        metadata={
            "description": "For the supplier, where it stands; for a buyer or reviewer, its "
            "own review's status (draft while a shared draft)"
        },
    )
    round = ma.fields.Integer(required=True)
    created_at = ma.fields.DateTime(required=True)
    updated_at = ma.fields.DateTime(required=True)
    submitted_at = ma.fields.DateTime(required=True, allow_none=True)
    reviews = ma.fields.List(ma.fields.Nested(representations.ReviewSchema), required=True)


class RoundSchema(Schema):
    round = ma.fields.Integer(required=True)
    submitted_at = ma.fields.DateTime(required=True)
    answers_sha256 = ma.fields.String(required=True)


class SubmissionDetailSchema(SubmissionSchema):
    answers = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.Raw(allow_none=True),
        required=True,
        metadata={"description": "Answer values by question id"},
    )
    documents = ma.fields.List(ma.fields.Nested(representations.DocumentSchema), required=True)
    rounds = ma.fields.List(ma.fields.Nested(RoundSchema), required=True)


class FindingDecisionSchema(Schema):
    review_id = ma.fields.Integer(required=True)
    decision = ma.fields.String(required=True)
    justification = ma.fields.String(required=True)
    decided_at = ma.fields.DateTime(required=True)


class TriggerSchema(Schema):
    question = ma.fields.String(required=True)
    value = ma.fields.Raw(allow_none=True)


class FindingSchema(Schema):
    rule_id = ma.fields.String(required=True)
    severity = ma.fields.String(required=True)
    category = ma.fields.String(required=True)
    red_flag = ma.fields.Boolean(required=True)
    title = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(), required=True)
    action = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())
    references = ma.fields.List(ma.fields.String(), required=True)
    triggered_by = ma.fields.List(ma.fields.Nested(TriggerSchema), required=True)
    decisions = ma.fields.List(ma.fields.Nested(FindingDecisionSchema), required=True)


class RiskSchema(Schema):
    submission_id = ma.fields.Integer(required=True)
    round = ma.fields.Integer(required=True)
    rating = ma.fields.String(required=True)
    score = ma.fields.Integer(required=True)
    red_flag_count = ma.fields.Integer(required=True)
    ruleset = ma.fields.Nested(QuestionnaireRef, required=True)
    scoring_date = ma.fields.Date(required=True)
    data_editions = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Raw(), required=True)
    categories = ma.fields.List(ma.fields.Dict(), required=True)
    findings = ma.fields.List(ma.fields.Nested(FindingSchema), required=True)
    reviews = ma.fields.List(ma.fields.Nested(representations.ReviewSchema), required=True)


class LanguageQuery(Schema):
    lang = ma.fields.String(load_default="en", validate=ma.validate.OneOf(["en", "ja"]))


def _status_for(user, submission: Submission, reviews: list[Review]) -> str:
    if user.role == Role.SUPPLIER or submission.status == SubmissionStatus.DRAFT:
        return submission.status.value
    return reviews[0].status.value if reviews else SubmissionStatus.SUBMITTED.value


def _reviewed(item: Review) -> dict:
    result = risk.current_result(item.submission)
    return representations.review(item, findings.current_reviewed_rating(item, result))


def representation(submission: Submission, user) -> dict:
    """Return the API's view of a submission for *user*."""
    version = db.session.get(QuestionnaireVersion, submission.questionnaire_version_id)
    reviews = review.readable(submission, user)
    return {
        "id": submission.id,
        "supplier_organisation_id": submission.supplier_id,
        "supplier_name": submission.supplier.name,
        "questionnaire": {"key": version.key, "version": version.version},
        "status": _status_for(user, submission, reviews),
        "round": submission.round,
        "created_at": submission.created_at,
        "updated_at": submission.updated_at,
        "submitted_at": submission.submitted_at,
        "reviews": [_reviewed(item) for item in reviews],
    }


def _filters(user, query: dict) -> list:
    conditions = [visible_submissions(user)]
    if "supplier" in query:
        conditions.append(Submission.supplier_id == query["supplier"])
    if "questionnaire" in query:
        conditions.append(
            Submission.questionnaire_version_id.in_(
                select(QuestionnaireVersion.id).where(
                    QuestionnaireVersion.key == query["questionnaire"]
                )
            )
        )
    if "updated_since" in query:
        since = query["updated_since"]
        if since.tzinfo is None:
            raise Problem(400, _("Give updated_since with its time zone, e.g. …Z."))
        conditions.append(Submission.updated_at >= since)
    status = query.get("status")
    if status and (user.role == Role.SUPPLIER or status == SubmissionStatus.DRAFT):
        conditions.append(Submission.status == SubmissionStatus(status))
    elif status:
        conditions.append(
            exists().where(
                Review.submission_id == Submission.id,
                visible_reviews(user),
                Review.status == SubmissionStatus(status),
            )
        )
    return conditions


@blp.route("", methods=["GET"])
@requires("submissions:read")
@blp.arguments(SubmissionQuery, location="query")
@blp.response(200, page_of(SubmissionSchema, "SubmissionPage"))
def list_submissions(query):
    """List the submissions the caller reads, by id, filtered; a cursor gives the next page."""
    user = actor()
    after = pagination.decode(query.get("cursor"))
    statement = select(Submission).where(*_filters(user, query))
    if after is not None:
        statement = statement.where(Submission.id > after)
    rows = list(db.session.scalars(statement.order_by(Submission.id).limit(query["limit"] + 1)))
    result = pagination.page(rows, query["limit"])
    result["items"] = [representation(s, user) for s in result["items"]]
    return result


@blp.route("/<int:submission_id>", methods=["GET"])
@requires("submissions:read")
@etagged
@blp.response(200, SubmissionDetailSchema)
@blp.alt_response(304, **NOT_MODIFIED_DOC)
def get_submission(submission_id):
    """Read a submission: answers by question id, documents, rounds, reviews (ETag)."""
    user = actor()
    submission = submission_or_404(submission_id, user)
    body = representation(submission, user)
    body["answers"] = submissions.answers_of(submission)
    body["documents"] = [
        representations.document(item)
        for items in submissions.evidence_of(submission).values()
        for item in items
    ]
    body["rounds"] = [
        {"round": r.round, "submitted_at": r.submitted_at, "answers_sha256": r.answers_sha256}
        for r in db.session.scalars(
            select(SubmissionRound)
            .where(SubmissionRound.submission_id == submission.id)
            .order_by(SubmissionRound.round)
        )
    ]
    return body


@blp.route("/<int:submission_id>/risk", methods=["GET"])
@requires("submissions:read")
@etagged
@blp.response(200, RiskSchema)
@blp.alt_response(304, **NOT_MODIFIED_DOC)
def get_risk(submission_id):
    """Read the current risk result: rating, findings with rules, references, triggering
    answers and data editions, and the caller's buyers' decisions on findings (ETag)."""
    user = actor()
    submission = submission_or_404(submission_id, user)
    result = risk.current_result(submission)
    if result is None:
        raise Problem(404, _("This questionnaire has not been scored yet."))
    reviews = review.readable(submission, user) if user.role != Role.SUPPLIER else []
    decided: dict[str, list] = {}
    for item in reviews:
        for rule_id, row in findings.decisions(result, item.buyer_id).items():
            decided.setdefault(rule_id, []).append(
                {
                    "review_id": item.id,
                    "decision": row.decision.value,
                    "justification": row.justification,
                    "decided_at": row.created_at,
                }
            )
    data = result.result
    return {
        "submission_id": submission.id,
        "round": result.round,
        "rating": result.rating,
        "score": result.score,
        "red_flag_count": result.red_flag_count,
        "ruleset": {"key": result.ruleset_id, "version": result.ruleset_version},
        "scoring_date": result.scoring_date,
        "data_editions": result.data_editions,
        "categories": data.get("categories", []),
        "findings": [
            {**item, "decisions": decided.get(item["rule_id"], [])}
            for item in data.get("findings", [])
        ],
        "reviews": [_reviewed(item) for item in reviews],
    }


@blp.route("/<int:submission_id>/report", methods=["GET"])
@requires("reports:read")
@blp.arguments(LanguageQuery, location="query")
@blp.response(200, {"type": "string", "format": "binary"}, content_type="application/pdf")
def get_working_report(query, submission_id):
    """Download the supplier's working report (no buyer's review in it); suppliers only —
    buyers and reviewers download their review's report from `/reviews/{id}/report`."""
    user = actor()
    submission = submission_or_404(submission_id, user)
    if not can_read_working_copy(user, submission):
        raise Problem(404, _("There is nothing here, or it is not yours to see."))
    return pdf_response(user, submission, report_language(query))
