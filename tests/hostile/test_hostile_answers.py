"""Hostile answers through the autosave JSON and the section form: refused cleanly, never stored
invalid, shown escaped."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tests.hostile.conftest import assert_refused_clearly, assert_stored_answers_valid, questions_of
from tests.hostile.strategies import HOSTILE, SPECIMENS, form_text, json_value


def _ids(app, draft) -> list[str]:
    return [q.id for q in questions_of(app, draft)]


def _autosave(client, draft, body, **kwargs):
    return client.post(f"/submissions/{draft}/answers", **kwargs, json=body)


@HOSTILE
@given(data=st.data())
def test_autosave_never_fails_or_stores_an_invalid_answer(app, supplier, draft, data):
    ids = _ids(app, draft)
    answers = data.draw(
        st.dictionaries(
            st.one_of(st.sampled_from(ids), st.text(max_size=30)), json_value, max_size=8
        )
    )
    version = data.draw(st.one_of(st.integers(-5, 5), json_value))
    response = _autosave(supplier, draft, {"version": version, "answers": answers})
    assert_refused_clearly(response)
    if response.status_code == 200:
        body = response.get_json()
        assert all(isinstance(m, str) and m for m in body["errors"].values())
    assert_stored_answers_valid(app, draft)


@HOSTILE
@given(body=st.one_of(json_value, st.binary(max_size=200)))
def test_autosave_refuses_any_other_body_with_a_message(app, supplier, draft, body):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = supplier.post(
        f"/submissions/{draft}/answers", data=raw, content_type="application/json"
    )
    assert_refused_clearly(response)
    assert_stored_answers_valid(app, draft)


def test_autosave_refuses_deeply_nested_json(app, supplier, draft):
    for depth in (200, 900, 5000, 100_000):
        nested = "[" * depth + "]" * depth
        for body in (nested, f'{{"version": 1, "answers": {{"org_sites": {nested}}}}}'):
            response = supplier.post(
                f"/submissions/{draft}/answers", data=body, content_type="application/json"
            )
            assert 400 <= response.status_code < 500 or response.status_code == 200, depth
            assert_refused_clearly(response)
    assert_stored_answers_valid(app, draft)


def test_autosave_refuses_every_specimen_for_every_question_type(app, supplier, draft):
    by_type = {}
    for question in questions_of(app, draft):
        by_type.setdefault(question.type, question)
    for question in by_type.values():
        for value in (*SPECIMENS, ["\x00"], [SPECIMENS[-1]], {"x": 1}, 10**400, -1e308, True):
            response = _autosave(supplier, draft, {"version": 1, "answers": {question.id: value}})
            assert_refused_clearly(response)
    assert_stored_answers_valid(app, draft)


@HOSTILE
@given(data=st.data())
def test_section_form_never_fails_or_stores_an_invalid_answer(app, supplier, draft, data):
    questions = questions_of(app, draft)
    section = data.draw(st.sampled_from(sorted({q.section_id for q in questions})))
    shown = data.draw(st.lists(st.sampled_from([q.id for q in questions]), max_size=6))
    fields = {f"q-{qid}": data.draw(st.lists(form_text, min_size=1, max_size=3)) for qid in shown}
    for qid in shown:
        fields[f"q-{qid}-{data.draw(st.integers(0, 300))}-name"] = data.draw(form_text)
    form = {
        **fields,
        "questions": [*shown, data.draw(form_text)],
        "version": data.draw(form_text),
        "go": data.draw(st.one_of(st.sampled_from(["next", "previous", "overview"]), form_text)),
    }
    response = supplier.post(f"/submissions/{draft}/sections/{section}", data=form)
    assert_refused_clearly(response)
    assert_stored_answers_valid(app, draft)


def test_script_in_an_answer_is_shown_as_text(app, supplier, draft):
    payload = '<script>alert("x")</script><b onmouseover=alert(1)>bold</b> & “quotes”'
    response = _autosave(
        supplier,
        draft,
        {"version": 1, "answers": {"org_legal_name": payload, "org_sites": [{"name": payload}]}},
    )
    assert response.status_code == 200, response.get_json()
    assert "org_legal_name" in response.get_json()["saved"]
    page = supplier.get(f"/submissions/{draft}/sections/org").get_data(as_text=True)
    assert "<script>alert" not in page and "<b onmouseover" not in page
    assert "&lt;script&gt;alert(" in page
    overview = supplier.get(f"/submissions/{draft}").get_data(as_text=True)
    assert "<script>alert" not in overview
