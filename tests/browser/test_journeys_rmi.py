"""A supplier imports an EMRT workbook with the Japanese interface and finds the answers."""

from __future__ import annotations

import pytest

from demo.loader import DEMO_PASSWORD
from tests.browser.conftest import screenshot, sign_in
from tests.factories import start_submission
from tests.rmi.workbooks import workbook

pytestmark = pytest.mark.browser
SUPPLIER = "supplier@demo.assay.example"


def test_supplier_imports_an_emrt_in_japanese_and_finds_the_answers(browser, live_server, tmp_path):
    submission_id = start_submission(live_server.app, SUPPLIER)
    path = tmp_path / "emrt-2.1.xlsx"
    path.write_bytes(
        workbook(
            language="日本語",
            minerals={"Cobalt": {"q1": "Yes", "q2": "Yes", "q3": "No", "q6": "Yes", "q7": "No"}},
            smelters=[
                {
                    "metal": "Cobalt",
                    "lookup_name": "Smelter not listed",
                    "name": "Likasi Works",
                    "country": "CONGO, THE DEMOCRATIC REPUBLIC OF THE",
                }
            ],
        )
    )
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        sign_in(page, live_server.url, SUPPLIER, DEMO_PASSWORD)
        page.goto(f"{live_server.url}/submissions/{submission_id}")
        page.get_by_role("link", name="EMRT / AMRTから取り込む").click()
        page.set_input_files("input[type=file]", str(path))
        page.get_by_role("button", name="プレビューを表示").click()
        page.wait_for_url("**/rmi/imports/*")
        assert page.get_by_role("heading", name="取り込みのプレビュー").is_visible()
        mapped = page.locator("table.rmi-mapped")
        assert mapped.locator("tr", has_text="Likasi Works").count() == 1
        assert "コバルト" in mapped.inner_text()
        screenshot(page, "rmi-preview-ja")
        page.get_by_role("button", name="これらの回答を取り込む").click()
        page.wait_for_url(f"**/submissions/{submission_id}/sections/trace")
        assert page.locator(".flash", has_text="ワークブックを取り込みました").count() == 1
        table = page.locator("#q-trace_smelters")
        assert table.locator("input[value='Likasi Works']").count() == 1
        assert page.locator("#q-trace_cobalt_smelters_identified input[value=partly]").is_checked()
        screenshot(page, "rmi-imported-ja")
    finally:
        context.close()
