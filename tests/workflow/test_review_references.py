"""The review page names each finding's references with their locators in the page's language
(第4条4 on the Japanese page, "Art. 4.4" on the English one), and their titles on hover."""

from __future__ import annotations

from demo.loader import SUPPLIERS
from tests.workflow.conftest import REVIEWER, SUPPLIER, review_id, signed_in, submit_profile

#: The demo cobalt processor in the DRC (an ILAB-listed source).
COBALT_PROCESSOR = SUPPLIERS[0][0]


def test_the_review_page_cites_locators_in_its_language(app, demo):
    submitted = submit_profile(app, SUPPLIER, COBALT_PROCESSOR)
    path = f"/review/{review_id(app, submitted)}"

    english = signed_in(app, REVIEWER).get(path).get_data(as_text=True)
    assert "US-ILAB-LIST (List of Goods, country x good)" in english
    assert "Country-good pairs with evidence of child labour or forced labour" in english
    assert "製品リスト" not in english

    japanese = signed_in(app, REVIEWER, lang="ja").get(path).get_data(as_text=True)
    assert "US-ILAB-LIST（製品リスト（国×製品））" in japanese
    assert "児童労働または強制労働の証拠がある国と製品の組み合わせ" in japanese
    assert "List of Goods, country x good" not in japanese
    assert "USJP-2-LAB-A-CHILD（第2条「労働者の権利」(a)）" in japanese
    assert "USJP-2-LAB-A-CHILD (Art. 2 &#39;labor rights&#39; (a))" in english
