"""First journeys: every demo role signs in; the language switch sticks."""

from __future__ import annotations

import pytest

from demo.loader import DEMO_PASSWORD, logins
from tests.browser.conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

HEADINGS = {
    "supplier": "My questionnaires",
    "reviewer": "Review queue",
    "buyer": "My suppliers",
    "operator": "Organisations",
}


def test_each_demo_role_signs_in_and_sees_home(page, live_server):
    for email, role, _org in logins():
        if email.startswith("buyer"):
            continue  # the demo buyer prefers Japanese; checked below
        sign_in(page, live_server.url, email, DEMO_PASSWORD)
        page.wait_for_url(f"{live_server.url}/{role}/")
        assert page.locator("h1").inner_text() == HEADINGS[role]
        screenshot(page, f"home-{role}-en")
        page.click("text=Sign out")
        page.wait_for_url(f"{live_server.url}/login")


def test_switching_to_japanese_survives_the_next_request(page, live_server):
    sign_in(page, live_server.url, "supplier@demo.assay.example", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/supplier/")
    page.click("button[lang=ja]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "質問票一覧"
    assert page.locator("html").get_attribute("lang") == "ja"
    page.goto(f"{live_server.url}/supplier/")
    assert page.locator("h1").inner_text() == "質問票一覧"
    assert page.locator("button.link").inner_text() == "ログアウト"
    screenshot(page, "home-supplier-ja")


def test_demo_buyer_sees_japanese_home_from_saved_preference(page, live_server):
    sign_in(page, live_server.url, "buyer@demo.assay.example", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/buyer/")
    assert page.locator("h1").inner_text() == "サプライヤー一覧"
    screenshot(page, "home-buyer-ja")
