"""Hostile uploads: disguised, oversized, crowded and oddly named files are refused or cleaned,
and nothing is written for a refusal (``tests/submissions/test_evidence.py`` has the basics)."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given
from sqlalchemy import func, select

from extensions import db
from models import AuditEntry, EvidenceBlob, EvidenceFile
from tests.factories import PDF_BYTES, PNG_BYTES
from tests.hostile.conftest import assert_refused_clearly
from tests.hostile.strategies import HOSTILE, form_text

QUESTION = "lr_foa_policy"  # a question that asks for a document


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.txt", "not a spreadsheet")
    return buffer.getvalue()


DISGUISED = {
    "page.pdf": b"<!doctype html><script>alert(1)</script>",
    "drawing.png": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "table.xlsx": _zip(),
    "photo.jpg": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    "report.docx": b"\x7fELF\x02\x01\x01" + b"\x00" * 64,
    "scan.pdf": b"PK\x03\x04" + b"\x00" * 64,
}


def _written(app) -> tuple[int, int, int]:
    with app.app_context():
        count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
        return count(EvidenceFile), count(EvidenceBlob), count(AuditEntry)


def _upload(client, draft, files, **fields):
    data = {"question_id": QUESTION, **fields, "file": files}
    return client.post(
        f"/submissions/{draft}/evidence", data=data, content_type="multipart/form-data"
    )


@pytest.mark.parametrize("name", sorted(DISGUISED))
def test_content_that_is_not_its_name_is_refused(app, supplier, draft, name):
    before = _written(app)
    response = _upload(supplier, draft, (io.BytesIO(DISGUISED[name]), name))
    page = supplier.get(response.headers["Location"]).get_data(as_text=True)
    assert "This file type is not accepted" in page
    assert _written(app) == before


@pytest.fixture
def small_limits(app_config):
    app_config.update(MAX_CONTENT_LENGTH=64 * 1024, EVIDENCE_MAX_BYTES=16 * 1024)
    return app_config


def test_body_over_the_request_limit_is_refused_with_our_page(small_limits, app, supplier, draft):
    before = _written(app)
    response = _upload(supplier, draft, (io.BytesIO(PDF_BYTES + b"0" * 100_000), "big.pdf"))
    assert response.status_code == 413
    assert_refused_clearly(response)
    assert "larger than the limit" in response.get_data(as_text=True)
    assert _written(app) == before


def test_many_files_in_one_request_store_at_most_one(app, supplier, draft):
    files = [(io.BytesIO(PDF_BYTES + bytes([n])), f"f{n}.pdf") for n in range(30)]
    assert_refused_clearly(_upload(supplier, draft, files))
    assert _written(app)[0] <= 1


def test_more_parts_than_the_parser_takes_are_refused_and_nothing_written(app, supplier, draft):
    before = _written(app)
    fields = {f"field-{n}": "x" for n in range(1500)}
    response = _upload(supplier, draft, (io.BytesIO(PDF_BYTES), "a.pdf"), **fields)
    assert response.status_code == 413
    assert_refused_clearly(response)
    assert _written(app) == before


@pytest.mark.parametrize("question", ["", "\x00", "no_such_question", "x" * 100_000, "org_sites"])
def test_uploads_to_no_documents_question_write_nothing(app, supplier, draft, question):
    before = _written(app)
    response = _upload(supplier, draft, (io.BytesIO(PDF_BYTES), "a.pdf"), question_id=question)
    assert_refused_clearly(response)
    assert _written(app) == before


@HOSTILE
@given(valid_until=form_text.map(lambda text: text[:2000]))  # megabytes: see the 413 tests
def test_nonsense_expiry_dates_write_nothing(app, supplier, draft, valid_until):
    before = _written(app)
    response = _upload(supplier, draft, (io.BytesIO(PNG_BYTES), "a.png"), valid_until=valid_until)
    assert_refused_clearly(response)
    after = _written(app)
    assert after == before or after[0] == before[0] + 1  # a date it could read is kept


@HOSTILE
@given(name=form_text.map(lambda text: text[:5000]))  # longer: the test client spools to disk
def test_any_file_name_is_stored_clean_and_downloads(app, supplier, draft, name):
    response = _upload(supplier, draft, (io.BytesIO(PDF_BYTES), name))
    assert_refused_clearly(response)
    with app.app_context():
        items = db.session.scalars(select(EvidenceFile)).all()
    for item in items:
        assert item.filename and len(item.filename) <= 255
        assert not item.filename.startswith(".")
        assert not any(c in item.filename for c in "/\\\x00\u202e\r\n")
    if items:
        download = supplier.get(f"/submissions/evidence/{items[-1].id}")
        assert download.status_code == 200
        assert download.headers["Content-Disposition"].startswith("attachment")


def test_a_text_part_named_file_is_not_taken_for_an_upload(app, supplier, draft):
    before = _written(app)
    response = supplier.post(
        f"/submissions/{draft}/evidence",
        data={"question_id": QUESTION, "file": "%PDF-1.4 pretending"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert _written(app) == before
