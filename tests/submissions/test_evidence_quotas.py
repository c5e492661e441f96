"""Evidence quotas per submission, and ZIP-based documents checked for what they would unpack to."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import func, select

from extensions import db
from models import AuditEntry, EvidenceBlob, EvidenceFile
from tests.factories import PDF_BYTES, multipart
from tests.hostile.conftest import assert_refused_clearly

QUESTION = "lr_foa_policy"  # a question that asks for a document
KIB = 1024


def _office(kind: str, members: dict[str, bytes] | None = None, padding: int = 0) -> bytes:
    """Build a DOCX or XLSX in memory; *padding* zero bytes go into one highly packed part."""
    part = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(part, "<document/>")
        for name, data in (members or {}).items():
            archive.writestr(name, data)
        if padding:
            with archive.open(f"{part.split('/')[0]}/media/padding.bin", "w") as packed:
                for _ in range(padding // (64 * KIB)):
                    packed.write(bytes(64 * KIB))
    return buffer.getvalue()


def _written(app) -> tuple[int, int, int]:
    with app.app_context():
        count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
        return count(EvidenceFile), count(EvidenceBlob), count(AuditEntry)


def _upload(client, draft, data: bytes, name: str):
    body, content_type = multipart({"question_id": QUESTION}, (data, name))
    response = client.post(f"/submissions/{draft}/evidence", data=body, content_type=content_type)
    assert_refused_clearly(response)
    return client.get(response.headers["Location"]).get_data(as_text=True)


@pytest.fixture
def small_quotas(app_config):
    app_config.update(
        EVIDENCE_MAX_FILES_PER_SUBMISSION=3,
        EVIDENCE_MAX_BYTES_PER_SUBMISSION=2 * 1024 * KIB,
        EVIDENCE_MAX_UNPACKED_BYTES=1024 * KIB,
        EVIDENCE_MAX_ARCHIVE_MEMBERS=20,
    )
    return app_config


def test_quota_defaults():
    from config import load_config

    config = load_config({"TESTING": True})
    assert config["EVIDENCE_MAX_FILES_PER_SUBMISSION"] == 200
    assert config["EVIDENCE_MAX_BYTES_PER_SUBMISSION"] == 200 * 1024 * 1024
    assert config["MAX_FORM_BYTES"] == 1024 * 1024


def test_the_file_past_the_count_quota_is_refused_and_nothing_stored(
    small_quotas, app, supplier, draft
):
    for n in range(3):
        assert "uploaded" in _upload(supplier, draft, PDF_BYTES + bytes([n]), f"f{n}.pdf")
    before = _written(app)
    page = _upload(supplier, draft, PDF_BYTES + b"4", "fourth.pdf")
    assert "already has 3 documents, the most it can hold" in page
    assert _written(app) == before


def test_the_file_past_the_size_quota_is_refused_and_nothing_stored(
    small_quotas, app, supplier, draft
):
    assert "uploaded" in _upload(supplier, draft, PDF_BYTES + bytes(1200 * KIB), "big.pdf")
    before = _written(app)
    page = _upload(supplier, draft, PDF_BYTES + bytes(900 * KIB), "second.pdf")
    assert "may total at most 2 MB" in page
    assert _written(app) == before


def test_a_removed_file_frees_its_share_of_the_quota(small_quotas, app, supplier, draft):
    for n in range(3):
        _upload(supplier, draft, PDF_BYTES + bytes([n]), f"f{n}.pdf")
    with app.app_context():
        first = db.session.scalars(select(EvidenceFile).order_by(EvidenceFile.id)).first().id
    supplier.post(f"/submissions/evidence/{first}/delete")
    assert "uploaded" in _upload(supplier, draft, PDF_BYTES + b"again", "again.pdf")


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_an_ordinary_office_document_is_accepted(small_quotas, app, supplier, draft, kind):
    assert f"policy.{kind} uploaded" in _upload(supplier, draft, _office(kind), f"policy.{kind}")


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_zip_bomb_disguised_as_an_office_document_is_refused(
    small_quotas, app, supplier, draft, kind
):
    bomb = _office(kind, padding=4 * 1024 * KIB)  # unpacks to 4 MiB
    assert len(bomb) < 64 * KIB
    before = _written(app)
    page = _upload(supplier, draft, bomb, f"policy.{kind}")
    assert "would unpack to more than 1 MB or 20 parts" in page
    assert _written(app) == before


def test_an_archive_of_many_parts_is_refused(small_quotas, app, supplier, draft):
    crowded = _office("docx", {f"word/part{n}.xml": b"" for n in range(30)})
    before = _written(app)
    assert "would unpack to more than" in _upload(supplier, draft, crowded, "many.docx")
    assert _written(app) == before


def test_the_default_bound_refuses_an_archive_of_a_hundred_megabytes(app, supplier, draft):
    bomb = _office("docx", padding=101 * 1024 * KIB)
    before = _written(app)
    assert "would unpack to more than 100 MB" in _upload(supplier, draft, bomb, "bomb.docx")
    assert _written(app) == before
