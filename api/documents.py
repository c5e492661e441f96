"""``/api/v1/documents``: evidence files' metadata and content."""

from __future__ import annotations

from io import BytesIO

from flask import send_file
from flask_babel import gettext as _
from flask_smorest import Blueprint

from api import representations
from api.auth import actor, protect, requires
from api.etags import NOT_MODIFIED_DOC, etagged
from api.problems import Problem
from extensions import db
from models import EvidenceFile
from permissions import submission_or_404
from services import access_log
from services import evidence as evidence_service

blp = protect(
    Blueprint(
        "api_documents",
        __name__,
        url_prefix="/api/v1/documents",
        description="Evidence files of the submissions the caller reads.",
    )
)


def _document_or_404(document_id: int):
    user = actor()
    item = db.session.get(EvidenceFile, document_id)
    if item is None:
        raise Problem(404, _("There is nothing here, or it is not yours to see."))
    return item, submission_or_404(item.submission_id, user)


@blp.route("/<int:document_id>", methods=["GET"])
@requires("documents:read")
@etagged
@blp.response(200, representations.DocumentSchema)
@blp.alt_response(304, **NOT_MODIFIED_DOC)
def get_document(document_id):
    """Read an evidence file's metadata (ETag)."""
    item, _submission = _document_or_404(document_id)
    return representations.document(item)


@blp.route("/<int:document_id>/content", methods=["GET"])
@requires("documents:read")
@blp.doc(
    responses={
        "200": {
            "description": "The file, as an attachment",
            "content": {
                mime: {"schema": {"type": "string", "format": "binary"}}
                for mime in evidence_service.ACCEPTED_TYPES
            },
        }
    }
)
def get_content(document_id):
    """Download an evidence file under its original name (logged before it is sent)."""
    item, submission = _document_or_404(document_id)
    data = evidence_service.content(item)
    access_log.evidence_downloaded(actor(), item, submission)
    return send_file(
        BytesIO(data),
        mimetype=item.content_type,
        as_attachment=True,
        download_name=item.filename,
    )
