"""Work per request is bounded: body size, fields, table rows and text lengths."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from sqlalchemy import select

import questionnaires as qn
import views.submissions
from extensions import db
from forms.questionnaire import max_fields, raw_answers_from_form
from models import Answer, EvidenceFile, Submission
from services import submissions
from tests.factories import PDF_BYTES, multipart
from tests.hostile.conftest import SUPPLIER, assert_refused_clearly, signed_in
from tests.workflow.conftest import BUYER_USER, OTHER_SUPPLIER, submit_for

FORM = "application/x-www-form-urlencoded"
MEBIBYTE = 1024 * 1024
SITE = {"country": "CD", "stage": "extraction"}


def _stored(app, submission_id: int) -> dict:
    with app.app_context():
        rows = db.session.scalars(select(Answer).where(Answer.submission_id == submission_id))
        return {row.question_id: row.value for row in rows}


def _version(app, submission_id: int) -> int:
    with app.app_context():
        return db.session.get(Submission, submission_id).version


def _definition(app, submission_id: int) -> qn.Questionnaire:
    with app.app_context():
        return submissions.definition(db.session.get(Submission, submission_id))


def _save_name(app, client, draft: int, name: str) -> None:
    form = {
        "version": _version(app, draft),
        "questions": "org_legal_name",
        "q-org_legal_name": name,
    }
    assert client.post(f"/submissions/{draft}/sections/org", data=form).status_code == 302


def _repeated_questions_body(version: int, repeats: int) -> str:
    """The attack: one table question named over and over, beside a few table cells."""
    fields = [("version", str(version))] + [("questions", "org_sites")] * repeats
    fields += [(f"q-org_sites-{n}-name", f"Site {n}") for n in range(50)]
    return urlencode(fields)


def test_repeated_question_keys_are_refused_and_nothing_is_lost(app, supplier, draft):
    _save_name(app, supplier, draft, "Kept Name")
    body = _repeated_questions_body(_version(app, draft), 15_000)
    assert len(body) > 155 * 1024  # the size that took 20 to 37 seconds to parse
    response = supplier.post(f"/submissions/{draft}/sections/org", data=body, content_type=FORM)
    assert response.status_code == 400
    assert_refused_clearly(response)
    assert "more fields than this questionnaire has" in response.get_data(as_text=True)
    assert _stored(app, draft) == {"org_legal_name": "Kept Name"}


def test_many_distinct_keys_are_refused(app, supplier, draft):
    _save_name(app, supplier, draft, "Kept Name")
    most = max_fields(_definition(app, draft))
    fields = [("version", str(_version(app, draft))), ("questions", "org_legal_name")]
    fields += [("q-org_legal_name", "Replaced")] + [(f"x{n}", "") for n in range(most)]
    response = supplier.post(
        f"/submissions/{draft}/sections/org", data=urlencode(fields), content_type=FORM
    )
    assert response.status_code == 400
    assert_refused_clearly(response)
    assert _stored(app, draft) == {"org_legal_name": "Kept Name"}


def test_many_values_under_one_key_are_refused(app, supplier, draft):
    most = max_fields(_definition(app, draft))
    fields = [("version", str(_version(app, draft))), ("questions", "org_countries")]
    fields += [("q-org_countries", "CD")] * (2 * most + 1)
    response = supplier.post(
        f"/submissions/{draft}/sections/org", data=urlencode(fields), content_type=FORM
    )
    assert response.status_code == 400
    assert _stored(app, draft) == {}


def test_parsing_a_section_reads_each_field_once(app, draft):
    """Linear: the table cells are gathered in one pass, however often the table is named."""
    from werkzeug.datastructures import MultiDict

    definition = _definition(app, draft)

    class CountingForm(MultiDict):
        passes = 0

        def items(self, multi=False):
            CountingForm.passes += 1
            return super().items(multi=multi)

    cells = [(f"q-org_sites-{n}-name", "x") for n in range(3)]
    cells += [(f"q-trace_materials-{n}-mineral", "cobalt") for n in range(2)]
    form = CountingForm([("questions", "org_sites"), ("questions", "trace_materials"), *cells])
    raw = raw_answers_from_form(definition, form)
    assert CountingForm.passes == 1
    assert [row["name"] for row in raw["org_sites"]] == ["x", "x", "x"]
    assert [row["mineral"] for row in raw["trace_materials"]] == ["cobalt", "cobalt"]


def test_bodies_over_the_form_limit_get_413_with_the_limit(app, supplier, draft):
    _save_name(app, supplier, draft, "Kept Name")
    big = urlencode({"questions": "org_legal_name", "q-org_legal_name": "x" * (11 * MEBIBYTE)})
    response = supplier.post(f"/submissions/{draft}/sections/org", data=big, content_type=FORM)
    assert response.status_code == 413
    assert "larger than the limit of 1 MB" in response.get_data(as_text=True)
    just_over = urlencode({"q-x": "x" * MEBIBYTE})
    for path in (f"/submissions/{draft}/sections/org", "/login", "/language"):
        assert supplier.post(path, data=just_over, content_type=FORM).status_code == 413
    autosave = supplier.post(
        f"/submissions/{draft}/answers",
        data=b'{"version": 1, "answers": {"org_legal_name": "' + b"x" * MEBIBYTE + b'"}}',
        content_type="application/json",
    )
    assert autosave.status_code == 413
    assert "limit of 1 MB" in autosave.get_json()["error"]
    assert _stored(app, draft) == {"org_legal_name": "Kept Name"}


def test_uploads_alone_may_exceed_the_form_limit(app, supplier, draft):
    pdf = PDF_BYTES + b"%" * (3 * MEBIBYTE)
    body, content_type = multipart({"question_id": "lr_foa_policy"}, (pdf, "policy.pdf"))
    response = supplier.post(f"/submissions/{draft}/evidence", data=body, content_type=content_type)
    assert response.status_code == 302
    with app.app_context():
        assert [f.size for f in db.session.scalars(select(EvidenceFile))] == [len(pdf)]


@pytest.fixture
def shared(app, demo) -> int:
    """A questionnaire submitted and shared with the demo buyer: read-only for everyone."""
    return submit_for(app, SUPPLIER)


@pytest.mark.parametrize(("who", "status"), [(BUYER_USER, 403), (SUPPLIER, 403)])
def test_who_may_not_edit_is_refused_before_the_answers_are_read(
    app, shared, monkeypatch, who, status
):
    def never(*_args, **_kwargs):
        raise AssertionError("the answers were parsed before the edit check")

    monkeypatch.setattr(views.submissions, "raw_answers_from_form", never)
    before = _stored(app, shared)
    body = _repeated_questions_body(_version(app, shared), 15_000)
    client = signed_in(app, who, lang="en")
    response = client.post(f"/submissions/{shared}/sections/org", data=body, content_type=FORM)
    assert response.status_code == status
    assert "cannot be changed now" in response.get_data(as_text=True)
    assert _stored(app, shared) == before


def test_another_organisation_gets_404_without_parsing(app, draft, monkeypatch):
    monkeypatch.setattr(views.submissions, "raw_answers_from_form", None)  # a call would fail
    client = signed_in(app, OTHER_SUPPLIER)
    body = _repeated_questions_body(1, 15_000)
    response = client.post(f"/submissions/{draft}/sections/org", data=body, content_type=FORM)
    assert response.status_code == 404


def test_table_rows_beyond_the_limit_are_refused_by_name_and_kept_on_the_page(app, supplier, draft):
    _save_name(app, supplier, draft, "Kept Name")
    fields = [("version", str(_version(app, draft))), ("questions", "org_sites")]
    for n in range(qn.MAX_TABLE_ROWS + 1):
        fields += [(f"q-org_sites-{n}-{k}", v) for k, v in {"name": f"S{n}", **SITE}.items()]
    response = supplier.post(
        f"/submissions/{draft}/sections/org", data=urlencode(fields), content_type=FORM
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f"Enter at most {qn.MAX_TABLE_ROWS} rows." in page
    assert f'value="S{qn.MAX_TABLE_ROWS}"' in page  # the typed rows stay on the page
    assert "org_sites" not in _stored(app, draft)


def test_a_site_name_over_its_limit_is_refused_naming_the_limit(app, supplier, draft):
    limit = qn.SHORT_TEXT_LENGTH
    page = supplier.get(f"/submissions/{draft}/sections/org").get_data(as_text=True)
    assert f'maxlength="{limit}"' in page  # the input itself shows the limit
    long_rows = [{"name": "a"}, {"name": "工" * (limit + 1)}]
    response = supplier.post(
        f"/submissions/{draft}/answers",
        json={
            "version": _version(app, draft),
            "answers": {"org_sites": [r | SITE for r in long_rows]},
        },
    )
    assert response.get_json()["errors"] == {
        "org_sites": f"Row 2, column name: enter at most {limit} characters."
    }
    form = {
        "version": _version(app, draft),
        "questions": "org_sites",
        **{f"q-org_sites-0-{k}": v for k, v in ({"name": "工" * (limit + 1)} | SITE).items()},
    }
    response = supplier.post(f"/submissions/{draft}/sections/org", data=form)
    assert response.status_code == 422
    assert f"enter at most {limit} characters" in response.get_data(as_text=True)
    assert _stored(app, draft) == {}
