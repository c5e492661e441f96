"""Evidence uploads and removals record the question, file name, size and SHA-256."""

from __future__ import annotations

import hashlib
import io

from sqlalchemy import select

from extensions import db
from models import EvidenceFile, User
from tests.factories import PDF_BYTES, PNG_BYTES, audit_entries

SUPPLIER = "supplier@demo.assay.example"
QUESTION = "lr_foa_policy"


def _upload(client, submission_id, data, name):
    return client.post(
        f"/submissions/{submission_id}/evidence",
        data={"question_id": QUESTION, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_upload_and_removal_record_name_size_and_hash_never_bytes(app, supplier, draft):
    assert _upload(supplier, draft, PDF_BYTES, "方針.pdf").status_code == 302
    assert _upload(supplier, draft, PNG_BYTES, "site.png").status_code == 302
    with app.app_context():
        pdf = db.session.scalar(select(EvidenceFile).where(EvidenceFile.filename == "方針.pdf"))
        pdf_id = pdf.id
        supplier_id = db.session.scalar(select(User.id).where(User.email == SUPPLIER))
    assert supplier.post(f"/submissions/evidence/{pdf_id}/delete").status_code == 302
    added = audit_entries(app, "evidence.add")
    (removed,) = audit_entries(app, "evidence.remove")
    pdf_record = {
        "question": QUESTION,
        "file": "方針.pdf",
        "size": len(PDF_BYTES),
        "sha256": hashlib.sha256(PDF_BYTES).hexdigest(),
    }
    assert [e.detail for e in added] == [
        pdf_record,
        {
            "question": QUESTION,
            "file": "site.png",
            "size": len(PNG_BYTES),
            "sha256": hashlib.sha256(PNG_BYTES).hexdigest(),
        },
    ]
    assert removed.detail == pdf_record
    assert {e.actor_id for e in (*added, removed)} == {supplier_id}
    assert all(e.submission_id == draft for e in (*added, removed))


def test_refused_removal_records_nothing(app, supplier, draft):
    from tests.conftest import login

    assert _upload(supplier, draft, PDF_BYTES, "proof.pdf").status_code == 302
    with app.app_context():
        item_id = db.session.scalar(select(EvidenceFile.id))
    other = app.test_client()
    login(other, "recycler@demo.assay.example")
    assert other.post(f"/submissions/evidence/{item_id}/delete").status_code == 404
    assert audit_entries(app, "evidence.remove") == []
