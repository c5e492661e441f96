"""Reference data: shipped editions, choosing an edition, lookups, malformed folders."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from rules import RuleSetError, evaluate, load_library, load_reference_data, load_ruleset
from rules.refdata import DEFAULT_DIRECTORY, DEFAULT_EDITIONS, SOURCES, shipped_library
from tests.rules.conftest import SCORING_DATE
from tests.rules.synthetic import document

EXTRACT = "2024-minerals-extract"
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
    assert refdata.data_editions == {"ilab": "2022", "wgi": "2023"} == dict(DEFAULT_EDITIONS)
    assert refdata.data_labels == {
        "ilab": "ILAB List of Goods, 2022 edition",
        "wgi": "Worldwide Governance Indicators, 2024 Update (data year 2023)",
    }
    assert len(refdata.ilab) == 467
    assert len(refdata.wgi) == 212  # Kosovo and the Netherlands Antilles have no ISO code


def test_every_shipped_edition_has_a_label_provenance_and_licence_beside_it():
    readme = (DEFAULT_DIRECTORY / "README.md").read_text(encoding="utf-8")
    editions = shipped_library().editions()
    assert {(e.source, e.id) for e in editions} == {
        ("ilab", "2022"),
        ("ilab", EXTRACT),
        ("wgi", "2023"),
    }
    for edition in editions:
        assert edition.path.parent == DEFAULT_DIRECTORY and edition.path.is_file()
        assert edition.label and edition.provenance
        assert (DEFAULT_DIRECTORY / edition.licence).is_file()
        assert f"`{edition.path.name}`" in readme, f"{edition.path.name} has no README entry"


def test_lookups_work_in_iso_codes_and_fold_good_names(refdata):
    (listing,) = refdata.ilab_listings("cd", ["COBALT ORE  (HETEROGENITE)"])
    assert listing.country == "CD" and listing.kinds == {"child_labor"}
    (batteries,) = refdata.ilab_listings("CN", ["lithium-ion batteries"])
    assert batteries.kinds == {"derived_labor_exploitation"}
    assert batteries.derived_input_country == "CD"
    assert refdata.wgi_percentile("CD", "rl") == pytest.approx(4.716980934143066)
    assert refdata.wgi_percentile("AS", "va") is None  # empty in the source
    assert refdata.wgi_percentile("XK", "rl") is None


# ----------------------------------------------------------------- the 2024 extract


@pytest.fixture(scope="module")
def extract():
    return load_reference_data(editions={"ilab": EXTRACT})


def kinds_of(refdata, country, good):
    return {kind for listing in refdata.ilab_listings(country, [good]) for kind in listing.kinds}


def test_the_2024_extract_holds_the_2024_changes_for_the_covered_minerals(extract, refdata):
    assert extract.data_editions == {"ilab": EXTRACT, "wgi": "2023"}
    assert kinds_of(extract, "ID", "Nickel") == {"forced_labor"}
    assert kinds_of(extract, "ZM", "Manganese Ore") == {"child_labor"}
    assert kinds_of(extract, "ZM", "Copper") == {"child_labor"}
    assert kinds_of(extract, "CD", "Cobalt ore (heterogenite)") == {"child_labor", "forced_labor"}
    # ... which the 2022 edition does not list.
    assert kinds_of(refdata, "ID", "Nickel") == set()
    assert kinds_of(refdata, "ZM", "Manganese Ore") == set()
    assert kinds_of(refdata, "CD", "Cobalt ore (heterogenite)") == {"child_labor"}


def test_the_2024_extract_says_what_it_holds_and_how_sure_each_change_is(extract):
    assert "2022 edition + 2024 changes for covered minerals (extract)" in extract.label("ilab")
    (nickel,) = extract.ilab_listings("ID", ["Nickel"])
    assert nickel.confidence == "US Government, as reported"
    (manganese,) = extract.ilab_listings("ZM", ["Manganese Ore"])
    assert manganese.confidence == "DOL page"
    # The rows only secondary reports support are not listed.
    assert extract.ilab_listings("ZW", ["Lithium", "Lithium Ore"]) == []
    assert extract.ilab_listings("CN", ["Aluminum", "Aluminium"]) == []


def test_the_2024_extract_keeps_every_2022_row_but_the_changed_one(extract, refdata):
    changed = {("Cobalt ore (heterogenite)", "CD")}
    old = {(row.good, row.country): row.kinds for row in refdata.ilab}
    new = {(row.good, row.country): row.kinds for row in extract.ilab}
    assert {key: kinds for key, kinds in old.items() if key not in changed} == {
        key: kinds for key, kinds in new.items() if key in old and key not in changed
    }
    assert set(new) - set(old) == {("Manganese Ore", "ZM"), ("Copper", "ZM"), ("Nickel", "ID")}


# ----------------------------------------------------------------- editions in a folder


def copy_shipped(folder: Path) -> Path:
    for path in DEFAULT_DIRECTORY.iterdir():
        if path.is_file():
            shutil.copy(path, folder / path.name)
    return folder


def write_edition(folder: Path, source: str, edition: str, rows: list[dict], label: str) -> None:
    data = folder / f"{SOURCES[source]}_{edition}.csv"
    with data.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (folder / f"{SOURCES[source]}_{edition}.edition.yaml").write_text(
        f'source: {source}\nedition: "{edition}"\nlabel: "{label}"\n'
        f"data: {data.name}\nprovenance: synthetic test data\n",
        encoding="utf-8",
    )


@pytest.fixture
def edition_2024(tmp_path: Path) -> Path:
    """A folder holding the shipped editions plus a synthetic ILAB edition "2024"."""
    copy_shipped(tmp_path)
    with (DEFAULT_DIRECTORY / "ilab_list_of_goods_2022.csv").open(encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    write_edition(tmp_path, "ilab", "2024", [*rows, ZAMBIA_MANGANESE], "ILAB 2024 (synthetic)")
    return tmp_path


def test_a_new_edition_is_used_only_when_chosen(edition_2024, synthetic, refdata):
    assert load_reference_data(edition_2024).data_editions == {"ilab": "2022", "wgi": "2023"}
    newer = load_reference_data(edition_2024, {"ilab": "2024"})
    assert newer.data_editions == {"ilab": "2024", "wgi": "2023"}

    before = evaluate(synthetic, document(MANGANESE_ZAMBIA), refdata, SCORING_DATE)
    after = evaluate(synthetic, document(MANGANESE_ZAMBIA), newer, SCORING_DATE)
    assert "ilab_child" not in {f.rule_id for f in before.findings}
    assert "ilab_child" in {f.rule_id for f in after.findings}
    assert after.to_dict()["data_editions"] == {"ilab": "2024", "wgi": "2023"}
    assert after.to_dict()["data_labels"]["ilab"] == "ILAB 2024 (synthetic)"
    assert after.inherent_rows[0].listings == ("Manganese Ore (ZM)",)
    assert after.score > before.score


def test_the_shipped_rule_set_with_the_new_edition(edition_2024, refdata):
    shipped = load_ruleset("critical-minerals-risk", "1.0")
    doc = {"questionnaire": "critical-minerals-dd", "version": "1.0", "answers": MANGANESE_ZAMBIA}
    before = evaluate(shipped, doc, refdata, SCORING_DATE)
    newer = load_reference_data(edition_2024, {"ilab": "2024"})
    after = evaluate(shipped, doc, newer, SCORING_DATE)
    assert "cl_ilab_listed_source" not in {f.rule_id for f in before.findings}
    (finding,) = [f for f in after.findings if f.rule_id == "cl_ilab_listed_source"]
    assert finding.triggered_by[0].value == MANGANESE_ZAMBIA["trace_materials"][0]
    assert after.to_dict()["data_editions"] == {"ilab": "2024", "wgi": "2023"}


def test_missing_source_unknown_edition_and_missing_column_are_errors(tmp_path):
    shutil.copy(DEFAULT_DIRECTORY / "wgi_2023.csv", tmp_path)
    shutil.copy(DEFAULT_DIRECTORY / "wgi_2023.edition.yaml", tmp_path)
    with pytest.raises(RuleSetError, match="no edition '2022' of source 'ilab' \\(have: none\\)"):
        load_reference_data(tmp_path)
    write_edition(tmp_path, "ilab", "2025", [{"good": "Copper", "country": "Chile"}], "bad")
    with pytest.raises(RuleSetError, match="no edition '2022' of source 'ilab' \\(have: 2025\\)"):
        load_reference_data(tmp_path)
    with pytest.raises(RuleSetError, match="missing column"):
        load_reference_data(tmp_path, {"ilab": "2025"})
    with pytest.raises(RuleSetError, match="unknown reference-data source 'rmi'"):
        load_reference_data(tmp_path, {"ilab": "2025", "rmi": "2024"})


def test_a_data_file_without_its_edition_file_is_refused(tmp_path):
    copy_shipped(tmp_path)
    shutil.copy(DEFAULT_DIRECTORY / "wgi_2023.csv", tmp_path / "wgi_2024.csv")
    with pytest.raises(RuleSetError, match="wgi_2024.csv: no edition file"):
        load_library(tmp_path)


def test_an_edition_file_must_match_its_data_file(tmp_path):
    copy_shipped(tmp_path)
    shutil.copy(DEFAULT_DIRECTORY / "wgi_2023.csv", tmp_path / "wgi_2024.csv")
    (tmp_path / "wgi_2024.edition.yaml").write_text(
        'source: wgi\nedition: "2024"\nlabel: x\ndata: wgi_2023.csv\nprovenance: x\n'
    )
    with pytest.raises(RuleSetError, match="must be named wgi_2024.edition.yaml and describe"):
        load_library(tmp_path)


def test_one_edition_in_two_folders_is_an_error(tmp_path):
    copy_shipped(tmp_path)
    with pytest.raises(RuleSetError, match="edition '2022' of 'ilab' is defined twice"):
        load_library(DEFAULT_DIRECTORY, tmp_path)
