"""A new Japanese user's first minutes: the language they chose, Japanese lists, password
rules and errors in Japanese, and a sign-in limit that counts only failures."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

import questionnaires as qn
from extensions import db
from models import User
from tests.conftest import login

SUPPLIER = "supplier@demo.assay.example"


def _flashes(html: str) -> list[str]:
    return re.findall(r'<p class="flash[^"]*"[^>]*>([^<]*)</p>', html)


def test_first_text_a_japanese_visitor_sees_is_japanese(client, demo):
    page = client.get("/supplier/", headers={"Accept-Language": "ja"}, follow_redirects=True)
    html = page.get_data(as_text=True)
    assert _flashes(html) == ["このページを表示するにはログインしてください。"]
    assert '<html lang="ja">' in html


def test_language_chosen_before_sign_in_stays_with_the_account(app, demo):
    first = app.test_client()
    first.post("/language", data={"lang": "ja", "next": "/login"})
    assert login(first, SUPPLIER).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(User.locale).where(User.email == SUPPLIER)) == "ja"
    # another browser, English by its headers: the account's language wins after sign-in
    other = app.test_client()
    login(other, SUPPLIER)
    html = other.get("/supplier/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="ja">' in html


def test_a_saved_language_is_not_overridden_by_an_old_cookie(app, demo):
    # the demo buyer prefers Japanese; an English cookie from an earlier visit does not change
    # that, only a choice made on the sign-in page does
    client = app.test_client()
    client.set_cookie("lang", "en")
    login(client, "buyer@demo.assay.example")
    with app.app_context():
        assert (
            db.session.scalar(select(User.locale).where(User.email == "buyer@demo.assay.example"))
            == "ja"
        )


def test_japanese_lists_use_the_japanese_comma(app, demo):
    with app.app_context():
        from services import questionnaires as sq

        definition = sq.latest()
    countries = next(q for q in definition.questions if q.type == qn.QuestionType.COUNTRIES)
    assert qn.answer_text(countries, ["JP", "CD"], "ja") == "日本、コンゴ民主共和国"
    assert (
        qn.answer_text(countries, ["JP", "CD"], "en") == "Japan, Democratic Republic of the Congo"
    )
    multiple = next(q for q in definition.questions if q.type == qn.QuestionType.MULTIPLE)
    values = [o.value for o in multiple.options[:2]]
    assert "、" in qn.answer_text(multiple, values, "ja")


@pytest.fixture
def limited_app_config(app_config):
    app_config.update(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    return app_config


def _client(app, address: str):
    """A client from its own address: the limiter's memory outlives each test's app."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_successful_sign_ins_do_not_count_toward_the_address_limit(limited_app_config, app, demo):
    for _ in range(6):  # an office signing in, one colleague after another
        client = _client(app, "127.0.0.61")
        assert login(client, SUPPLIER).status_code == 302
    failures = _client(app, "127.0.0.61")
    statuses = [login(failures, SUPPLIER, "wrong-password").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_limit_page_says_the_true_wait_in_japanese(limited_app_config, app, demo):
    client = _client(app, "127.0.0.62")
    client.post("/language", data={"lang": "ja", "next": "/login"})
    for _ in range(3):
        login(client, "nobody@example.com", "wrong-password")
    refused = login(client, "nobody@example.com", "wrong-password")
    assert refused.status_code == 429
    text = refused.get_data(as_text=True)
    assert re.search(r"(\d+) 分後にもう一度お試しください", text)
    assert "1 分後" in text  # a one-minute window: the wait is at most a minute


def test_password_rules_and_errors_in_japanese(app, demo):
    from datetime import date, timedelta

    from services import invitations

    with app.app_context(), app.test_request_context():
        buyer = db.session.scalar(select(User).where(User.email == "buyer@demo.assay.example"))
        link = invitations.invite_supplier(
            buyer,
            email="new@example.com",
            organisation_name="X",
            deadline=date.today() + timedelta(days=9),
        ).link
    path = link.removeprefix("http://localhost")
    client = app.test_client()
    page = client.get(path, headers={"Accept-Language": "ja"}).get_data(as_text=True)
    assert "12 文字以上にしてください。" in page  # before the first try
    refused = client.post(
        path, data={"password": "short", "confirm": "short"}, headers={"Accept-Language": "ja"}
    ).get_data(as_text=True)
    assert "パスワードは 12 文字以上にしてください。" in refused
