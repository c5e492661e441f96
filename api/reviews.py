"""``/api/v1/reviews``: one buyer's review of a submission, its transitions and its report."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Blueprint

from api import representations
from api.auth import actor, protect, requires
from api.downloads import pdf_response, report_language
from api.etags import NOT_MODIFIED_DOC, etagged
from api.fields import Schema, Text
from api.idempotency import idempotent
from api.problems import Problem
from api.submissions import LanguageQuery
from extensions import db
from models import Action
from permissions import review_or_404
from services import findings, review, risk
from services.errors import ConflictError, DomainError

blp = protect(
    Blueprint(
        "api_reviews",
        __name__,
        url_prefix="/api/v1/reviews",
        description="One buyer's review: read it, move it as the review page does, get its report.",
    )
)

#: The moves a reviewer makes, by the name the API gives them.
ACTIONS = {
    "start_review": Action.START_REVIEW,
    "request_changes": Action.REQUEST_CHANGES,
    "approve": Action.APPROVE,
    "reject": Action.REJECT,
}


class TransitionSchema(Schema):
    action = ma.fields.String(required=True, validate=ma.validate.OneOf(sorted(ACTIONS)))
    reason = Text(
        validate=ma.validate.Length(max=5000),
        metadata={"description": "Required to request changes, approve or reject"},
    )


def _representation(item) -> dict:
    result = risk.current_result(item.submission)
    return representations.review(item, findings.current_reviewed_rating(item, result))


@blp.route("/<int:review_id>", methods=["GET"])
@requires("submissions:read")
@etagged
@blp.response(200, representations.ReviewSchema)
@blp.alt_response(304, **NOT_MODIFIED_DOC)
def get_review(review_id):
    """Read one buyer's review of a submission (ETag)."""
    return _representation(review_or_404(review_id, actor()))


@blp.route("/<int:review_id>/transitions", methods=["POST"])
@requires("submissions:write")
@idempotent
@blp.arguments(TransitionSchema)
@blp.response(200, representations.ReviewSchema)
def transition(body, review_id):
    """Start the review, request changes, approve or reject, with the same rules as the
    review page (the role, the state and a reason are checked by the same code)."""
    user = actor()
    item = review_or_404(review_id, user)
    action = ACTIONS[body["action"]]
    try:
        if action == Action.START_REVIEW:
            review.start_review(item, user)
        else:
            review.decide(item, user, action, body.get("reason", ""))
    except ConflictError as error:
        db.session.rollback()
        raise Problem(409, error.message, kind="conflict") from None
    except DomainError as error:
        db.session.rollback()
        raise Problem(422, error.message, kind="refused") from None
    return _representation(item)


@blp.route("/<int:review_id>/report", methods=["GET"])
@requires("reports:read")
@blp.arguments(LanguageQuery, location="query")
@blp.response(200, {"type": "string", "format": "binary"}, content_type="application/pdf")
def get_report(query, review_id):
    """Download this buyer's report: the one stored at its decision, else rendered now."""
    user = actor()
    item = review_or_404(review_id, user)
    return pdf_response(user, item.submission, report_language(query), item)
