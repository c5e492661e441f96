"""Reference data: shipped editions, newest-edition pick-up, lookups."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from rules import RuleSetError, evaluate, load_reference_data
from rules.refdata import DEFAULT_DIRECTORY
from tests.rules.conftest import SCORING_DATE
from tests.rules.synthetic import document

ZAMBIA_MANGANESE = {
    "good": "Manganese Ore",
    "sector": "Mining",
    "country": "Zambia",
    "region": "Sub-Saharan Africa",
    "child_labor": "Yes",
    "forced_labor": "No",
    "forced_child_labor": "No",
    "derived_labor_exploitation": "No",
    "derived_input_country": "No",
    "iso_alpha2": "ZM",
    "iso_alpha3": "ZMB",
    "iso_map_method": "babel",
    "derived_input_iso_alpha2": "",
    "derived_input_iso_alpha3": "",
}
MANGANESE_ZAMBIA = {
    "trace_materials": [{"mineral": "manganese", "stage": "extraction", "country": "ZM"}]
}


def test_shipped_editions(refdata):
    assert refdata.data_editions == {"ilab": "2022", "wgi": "2023"}
    assert len(refdata.ilab) == 467
    assert len(refdata.wgi) == 212  # Kosovo and the Netherlands Antilles have no ISO code


def test_lookups_work_in_iso_codes_and_fold_good_names(refdata):
    (listing,) = refdata.ilab_listings("cd", ["COBALT ORE  (HETEROGENITE)"])
    assert listing.country == "CD" and listing.kinds == {"child_labor"}
    (batteries,) = refdata.ilab_listings("CN", ["lithium-ion batteries"])
    assert batteries.kinds == {"derived_labor_exploitation"}
    assert batteries.derived_input_country == "CD"
    assert refdata.wgi_percentile("CD", "rl") == pytest.approx(4.716980934143066)
    assert refdata.wgi_percentile("AS", "va") is None  # empty in the source
    assert refdata.wgi_percentile("XK", "rl") is None


@pytest.fixture
def edition_2024(tmp_path: Path) -> Path:
    """A folder holding the shipped files plus a synthetic 2024 ILAB edition."""
    for path in DEFAULT_DIRECTORY.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    with (DEFAULT_DIRECTORY / "ilab_list_of_goods_2022.csv").open(encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    with (tmp_path / "ilab_list_of_goods_2024.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([*rows, ZAMBIA_MANGANESE])
    return tmp_path


def test_a_new_edition_is_a_file_added(edition_2024, synthetic, refdata):
    newer = load_reference_data(edition_2024)
    assert newer.data_editions == {"ilab": "2024", "wgi": "2023"}

    before = evaluate(synthetic, document(MANGANESE_ZAMBIA), refdata, SCORING_DATE)
    after = evaluate(synthetic, document(MANGANESE_ZAMBIA), newer, SCORING_DATE)
    assert "ilab_child" not in {f.rule_id for f in before.findings}
    assert "ilab_child" in {f.rule_id for f in after.findings}
    assert after.to_dict()["data_editions"] == {"ilab": "2024", "wgi": "2023"}
    assert after.inherent_rows[0].listings == ("Manganese Ore (ZM)",)
    assert after.score > before.score


def test_missing_source_and_missing_column_are_errors(tmp_path):
    shutil.copy(DEFAULT_DIRECTORY / "wgi_2023.csv", tmp_path / "wgi_2023.csv")
    with pytest.raises(RuleSetError, match="no file for source 'ilab'"):
        load_reference_data(tmp_path)
    (tmp_path / "ilab_list_of_goods_2025.csv").write_text("good,country\nCopper,Chile\n")
    with pytest.raises(RuleSetError, match="missing column"):
        load_reference_data(tmp_path)


def test_the_shipped_rule_set_takes_the_new_edition(edition_2024, refdata):
    from rules import load_ruleset

    shipped = load_ruleset("critical-minerals-risk", "1.0")
    doc = {"questionnaire": "critical-minerals-dd", "version": "1.0", "answers": MANGANESE_ZAMBIA}
    before = evaluate(shipped, doc, refdata, SCORING_DATE)
    after = evaluate(shipped, doc, load_reference_data(edition_2024), SCORING_DATE)
    assert "cl_ilab_listed_source" not in {f.rule_id for f in before.findings}
    (finding,) = [f for f in after.findings if f.rule_id == "cl_ilab_listed_source"]
    assert finding.triggered_by[0].value == MANGANESE_ZAMBIA["trace_materials"][0]
    assert after.to_dict()["data_editions"] == {"ilab": "2024", "wgi": "2023"}
