"""Shapes shared by several API resources: documents, reviews, risk results."""

from __future__ import annotations

import marshmallow as ma

from api.fields import Schema
from models import EvidenceFile, Review


class DocumentSchema(Schema):
    id = ma.fields.Integer(required=True)
    submission_id = ma.fields.Integer(required=True)
    question_id = ma.fields.String(required=True)
    filename = ma.fields.String(required=True)
    content_type = ma.fields.String(required=True)
    size = ma.fields.Integer(required=True)
    sha256 = ma.fields.String(required=True)
    valid_until = ma.fields.Date(required=True, allow_none=True)
    uploaded_at = ma.fields.DateTime(required=True)


class ReviewSchema(Schema):
    id = ma.fields.Integer(required=True)
    submission_id = ma.fields.Integer(required=True)
    buyer_organisation_id = ma.fields.Integer(required=True)
    buyer_name = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    round = ma.fields.Integer(required=True)
    decided_at = ma.fields.DateTime(required=True, allow_none=True)
    decision_reason = ma.fields.String(required=True, allow_none=True)
    reviewed_rating = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The rating after this buyer's decisions on findings"},
    )


def document(item: EvidenceFile) -> dict:
    """Return the API's view of an evidence file's metadata."""
    return {
        "id": item.id,
        "submission_id": item.submission_id,
        "question_id": item.question_id,
        "filename": item.filename,
        "content_type": item.content_type,
        "size": item.size,
        "sha256": item.sha256,
        "valid_until": item.valid_until,
        "uploaded_at": item.uploaded_at,
    }


def review(item: Review, reviewed_rating: str | None = None) -> dict:
    """Return the API's view of one buyer's review."""
    return {
        "id": item.id,
        "submission_id": item.submission_id,
        "buyer_organisation_id": item.buyer_id,
        "buyer_name": item.buyer.name,
        "status": item.status.value,
        "round": item.round,
        "decided_at": item.decided_at,
        "decision_reason": item.decision_reason,
        "reviewed_rating": reviewed_rating,
    }
