"""Evidence uploads: accepted by content, stored with SHA-256, downloaded as attachments."""

from __future__ import annotations

import hashlib
import io

import pytest
from sqlalchemy import func, select

from extensions import db
from models import AuditEntry, EvidenceBlob, EvidenceFile
from tests.conftest import login
from tests.factories import EXE_BYTES, PDF_BYTES, PNG_BYTES

SUPPLIER = "supplier@demo.assay.example"
QUESTION = "lr_foa_policy"  # a question that asks for a document


def _upload(client, submission_id, data, name, question=QUESTION, **extra):
    return client.post(
        f"/submissions/{submission_id}/evidence",
        data={"question_id": question, "file": (io.BytesIO(data), name), **extra},
        content_type="multipart/form-data",
    )


def _files(app):
    with app.app_context():
        return db.session.scalars(select(EvidenceFile)).all()


def test_upload_keeps_japanese_name_hash_and_validity(app, supplier, draft):
    response = _upload(supplier, draft, PDF_BYTES, "結社の自由方針.pdf", valid_until="2027-03-31")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#q-{QUESTION}")
    (item,) = _files(app)
    assert item.filename == "結社の自由方針.pdf"
    assert item.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert item.content_type == "application/pdf"
    assert item.valid_until.isoformat() == "2027-03-31"
    download = supplier.get(f"/submissions/evidence/{item.id}")
    assert download.status_code == 200
    assert download.data == PDF_BYTES
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert "filename*=UTF-8''" in disposition
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "evidence.add")
            )
            == 1
        )


def test_png_accepted_and_identical_content_stored_once(app, supplier, draft):
    assert _upload(supplier, draft, PNG_BYTES, "site.png").status_code == 302
    assert _upload(supplier, draft, PNG_BYTES, "site-copy.png").status_code == 302
    assert [f.content_type for f in _files(app)] == ["image/png", "image/png"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(EvidenceBlob)) == 1


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (EXE_BYTES, "policy.pdf", "This file type is not accepted"),
        (b"", "empty.pdf", "The file is empty"),
        (b"plain text pretending", "notes.docx", "This file type is not accepted"),
    ],
)
def test_refused_uploads_write_nothing(app, supplier, draft, data, name, message):
    response = _upload(supplier, draft, data, name)
    page = supplier.get(response.headers["Location"]).get_data(as_text=True)
    assert message in page
    assert _files(app) == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(EvidenceBlob)) == 0


@pytest.fixture
def small_limit_config(app_config):
    app_config["EVIDENCE_MAX_BYTES"] = 1024
    return app_config


def test_oversized_upload_refused(small_limit_config, app, supplier, draft):
    response = _upload(supplier, draft, PDF_BYTES + b"0" * 2048, "big.pdf")
    assert "larger than" in supplier.get(response.headers["Location"]).get_data(as_text=True)
    assert _files(app) == []


def test_path_traversal_name_is_reduced_to_its_last_part(app, supplier, draft):
    _upload(supplier, draft, PDF_BYTES, "../../etc/passwd.pdf")
    _upload(supplier, draft, PDF_BYTES, "..\\..\\windows\\evil\x07.pdf")
    names = sorted(f.filename for f in _files(app))
    assert names[0] == "passwd.pdf"
    assert names[1].endswith("evil.pdf")  # the multipart parser may drop the backslashes
    for name in names:
        assert "/" not in name and "\\" not in name and "\x07" not in name
        assert not name.startswith(".")


def test_question_without_documents_refuses_uploads(app, supplier, draft):
    response = _upload(supplier, draft, PDF_BYTES, "x.pdf", question="org_legal_name")
    assert "does not take documents" in supplier.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert _files(app) == []


def test_remove_and_other_organisation_cannot_download(app, supplier, draft):
    _upload(supplier, draft, PDF_BYTES, "a.pdf")
    (item,) = _files(app)
    other = app.test_client()
    login(other, "recycler@demo.assay.example")
    assert other.get(f"/submissions/evidence/{item.id}").status_code == 404
    assert other.post(f"/submissions/evidence/{item.id}/delete").status_code == 404
    assert len(_files(app)) == 1
    assert supplier.post(f"/submissions/evidence/{item.id}/delete").status_code == 302
    assert _files(app) == []
