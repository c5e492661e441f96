"""The review page shows what triggered a finding fired by country data: the good, the
country, the kind of labour and the edition (ILAB), or the country, the governance indicator,
its percentile rank and the edition (WGI)."""

from __future__ import annotations

from demo.loader import SUPPLIERS
from tests.workflow.conftest import REVIEWER, SUPPLIER, review_id, signed_in, submit_profile

#: The demo cobalt processor in the DRC.
COBALT_PROCESSOR = SUPPLIERS[0][0]


def test_the_review_page_shows_what_triggered_an_ilab_finding(app, demo):
    submitted = submit_profile(app, SUPPLIER, COBALT_PROCESSOR)
    reviewer = signed_in(app, REVIEWER)
    page = reviewer.get(f"/review/{review_id(app, submitted)}").get_data(as_text=True)
    assert (
        "Cobalt ore (heterogenite) — Democratic Republic of the Congo — Child labour — "
        "ILAB List of Goods, 2022 edition"
    ) in page
    japanese = signed_in(app, REVIEWER, lang="ja")
    page = japanese.get(f"/review/{review_id(app, submitted)}").get_data(as_text=True)
    assert "Cobalt ore (heterogenite) — コンゴ民主共和国 — 児童労働" in page


def test_the_review_page_shows_the_wgi_rank_that_triggered_a_governance_finding(app, demo):
    submitted = submit_profile(app, SUPPLIER, COBALT_PROCESSOR)
    path = f"/review/{review_id(app, submitted)}"
    page = signed_in(app, REVIEWER).get(path).get_data(as_text=True)
    edition = "Worldwide Governance Indicators, 2024 Update (data year 2023)"
    assert f"Democratic Republic of the Congo — Rule of Law — percentile 4.7 — {edition}" in page
    assert "Democratic Republic of the Congo — Control of Corruption — percentile 5.2" in page
    japanese = signed_in(app, REVIEWER, lang="ja").get(path).get_data(as_text=True)
    assert f"コンゴ民主共和国 — 法の支配 — パーセンタイル順位 4.7 — {edition}" in japanese
