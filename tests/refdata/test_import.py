"""Importing an official edition: ``flask refdata import ilab|wgi FILE`` on synthetic files."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook
from sqlalchemy import select

import rules
from extensions import db
from models import AuditEntry
from services import refdata as importer
from services import risk
from tests.conftest import BASE_CONFIG

ILAB_HEADER = ["Good", "Country", "Sector", "Child Labor", "Forced Labor", "Forced Child Labor"]
ILAB_ROWS = [
    ["Nickel", "Indonesia", "Mining", "No", "Yes", "No"],
    ["Manganese Ore", "Zambia", "Mining", "Yes", "No", "No"],
    ["Cobalt Ore (Heterogenite)", "Congo, Democratic Republic of the", "Mining", "Yes", "Yes", ""],
    ["Bricks", "Burma", "Manufacturing", "X", "x", "X"],
    ["Cotton", "Kyrgyz Republic", "Agriculture", "Yes", "", ""],
]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list], title: str = "List of Goods") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def store(tmp_path) -> Path:
    return tmp_path / "instance-refdata"


@pytest.fixture
def app_config(app_config, store):
    return {**app_config, "REFDATA_DIR": str(store)}


def library(store: Path) -> rules.ReferenceLibrary:
    """The shipped editions and those imported into ``store``."""
    return rules.load_library(rules.refdata.DEFAULT_DIRECTORY, store)


def run(app, *args):
    return app.test_cli_runner().invoke(args=["refdata", "import", *map(str, args)])


# ------------------------------------------------------------------ ILAB, happy path


def test_import_ilab_from_a_spreadsheet_with_title_rows(app, tmp_path, store):
    source = write_xlsx(
        tmp_path / "2024_List_of_Goods.xlsx",
        [
            ["2024 List of Goods Produced by Child Labor or Forced Labor"],
            [],
            ILAB_HEADER,
            *ILAB_ROWS,
            [],
        ],
    )
    result = run(app, "ilab", source)
    assert result.exit_code == 0, result.output
    assert "Imported ilab edition 2024" in result.output
    assert "REFDATA_EDITIONS=ilab=2024" in result.output

    edition = library(store).get("ilab", "2024")
    assert (
        edition.label == "ILAB List of Goods, edition 2024 (imported from 2024_List_of_Goods.xlsx)"
    )
    assert (store / "LICENSE-ILAB.txt").is_file()
    assert edition.meta["imported"]["sheet"] == "List of Goods"
    assert edition.meta["imported"]["header_row"] == 3
    assert edition.meta["imported"]["sha256"] == importer.sha256_of(source)
    assert "public domain" in edition.provenance

    with app.app_context():
        data = risk.reference_library().select({"ilab": "2024"})
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "refdata.import"))
    assert {(row.good, row.country): set(row.kinds) for row in data.ilab} == {
        ("Nickel", "ID"): {"forced_labor"},
        ("Manganese Ore", "ZM"): {"child_labor"},
        ("Cobalt Ore (Heterogenite)", "CD"): {"child_labor", "forced_labor"},
        ("Bricks", "MM"): {"child_labor", "forced_labor", "forced_child_labor"},
        ("Cotton", "KG"): {"child_labor"},
    }
    assert data.data_labels["ilab"] == edition.label
    assert entry.detail["edition"] == "2024" and entry.detail["rows"] == 5


def test_import_ilab_from_a_csv_with_one_row_per_kind(app, tmp_path, store):
    source = write_csv(
        tmp_path / "goods.csv",
        [
            ["Country/Area", "Good", "Exploitation Type"],
            ["Indonesia", "Nickel", "Forced Labor"],
            ["Zambia", "Copper", "Child Labor"],
            ["DR Congo", "Cobalt Ore", "Child Labor, Forced Labor"],
            ["Kosovo", "Coal", "Child Labor"],
            ["Côte d'Ivoire", "Cocoa", "Child Labor"],
            ["Côte d'Ivoire", "Cocoa", "Forced Labor"],
        ],
    )
    result = run(app, "ilab", source, "--edition", "2024-official", "--label", "ILAB 2024")
    assert result.exit_code != 0
    assert "row 4, column 'Country/Area' (A): unknown country 'DR Congo'" in result.output
    assert "nothing imported" in result.output
    assert not store.exists()

    with source.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[3][0] = "Congo - Kinshasa"  # CLDR's English name
    write_csv(source, rows)
    result = run(app, "ilab", source, "--edition", "2024-official", "--label", "ILAB 2024")
    assert result.exit_code == 0, result.output
    assert "skipped row 5: Coal, Kosovo (no ISO 3166-1 code)" in result.output
    data = library(store).select({"ilab": "2024-official"})
    assert data.label("ilab") == "ILAB 2024"
    (cocoa,) = data.ilab_listings("CI", ["Cocoa"])
    assert cocoa.kinds == {"child_labor", "forced_labor"}
    (cobalt,) = data.ilab_listings("CD", ["cobalt ore"])
    assert cobalt.kinds == {"child_labor", "forced_labor"}
    with (store / "ilab_list_of_goods_2024-official.csv").open(encoding="utf-8") as handle:
        stored = {row["good"]: row for row in csv.DictReader(handle)}
    assert stored["Cocoa"]["source_row"] == "6 7"
    assert stored["Cocoa"]["iso_map_method"] == "babel"


def test_an_imported_edition_scores_when_chosen_and_names_itself_in_findings(app, tmp_path):
    source = write_csv(tmp_path / "ilab_2024.csv", [ILAB_HEADER, *ILAB_ROWS])
    assert run(app, "ilab", source).exit_code == 0
    document = {
        "questionnaire": "critical-minerals-dd",
        "version": "1.0",
        "answers": {
            "trace_materials": [{"mineral": "nickel", "stage": "extraction", "country": "ID"}]
        },
    }
    with app.app_context():
        before = risk.evaluate(document, date(2025, 6, 30)).to_dict()
        app.config["REFDATA_EDITIONS"] = {"ilab": "2024"}
        after = risk.evaluate(document, date(2025, 6, 30)).to_dict()
    assert before["data_editions"] == {"ilab": "2022", "wgi": "2023"}
    assert "fl_ilab_listed_source" not in {f["rule_id"] for f in before["findings"]}
    assert after["data_editions"] == {"ilab": "2024", "wgi": "2023"}
    (finding,) = [f for f in after["findings"] if f["rule_id"] == "fl_ilab_listed_source"]
    assert finding["listings"] == [
        {
            "source": "ilab",
            "edition": "2024",
            "label": "ILAB List of Goods, edition 2024 (imported from ilab_2024.csv)",
            "good": "Nickel",
            "country": "ID",
            "kinds": ["forced_labor"],
        }
    ]


def test_an_edition_is_never_replaced(app, tmp_path, store):
    source = write_csv(tmp_path / "ilab_2024.csv", [ILAB_HEADER, *ILAB_ROWS])
    assert run(app, "ilab", source).exit_code == 0
    before = (store / "ilab_list_of_goods_2024.csv").read_bytes()
    write_csv(source, [ILAB_HEADER, ILAB_ROWS[0]])
    result = run(app, "ilab", source)
    assert result.exit_code != 0
    assert "edition '2024' of 'ilab' exists already" in result.output
    assert (store / "ilab_list_of_goods_2024.csv").read_bytes() == before
    shipped = run(app, "ilab", source, "--edition", "2022")
    assert "edition '2022' of 'ilab' exists already" in shipped.output
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action)).all()
    assert actions.count("refdata.import") == 1


def test_an_ilab_file_without_a_year_in_its_name_needs_an_edition(app, tmp_path):
    source = write_csv(tmp_path / "goods.csv", [ILAB_HEADER, *ILAB_ROWS])
    result = run(app, "ilab", source)
    assert result.exit_code != 0
    assert "Give --edition" in result.output


# ------------------------------------------------------------------ ILAB, validation


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        (
            [["Product name", "Nation", "Child Labor"], ["Nickel", "Indonesia", "Yes"]],
            (
                "no header row: none of the first 20 rows has the columns 'Good' and 'Country'",
                "row 1 has 'Product name', 'Nation', 'Child Labor')",
            ),
        ),
        (
            [["Good", "Country", "Sector"], ["Nickel", "Indonesia", "Mining"]],
            "row 1: no column gives the kind of labour",
        ),
        (
            [ILAB_HEADER, ILAB_ROWS[0], ["Copper", "Atlantis", "Mining", "Yes", "No", "No"]],
            "row 3, column 'Country' (B): unknown country 'Atlantis'",
        ),
        (
            [ILAB_HEADER, ["Copper", "Zambia", "Mining", "maybe", "No", "No"]],
            "row 2, column 'Child Labor' (D): 'maybe' is not Yes or No",
        ),
        (
            [ILAB_HEADER, ["", "Zambia", "Mining", "Yes", "No", "No"]],
            "row 2, column 'Good' (A): empty, a good is needed",
        ),
        (
            [ILAB_HEADER, ["Copper", "Zambia", "Mining", "No", "No", "No"]],
            "row 2: Copper, ZM: no kind of labour is marked",
        ),
        (
            [["Good", "Country", "Exploitation Type"], ["Copper", "Zambia", "Slavery"]],
            "row 2, column 'Exploitation Type' (C): unknown kind of labour 'slavery'",
        ),
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_ilab_validation_names_the_row_and_column(app, tmp_path, store, rows, problem, suffix):
    path = tmp_path / f"goods_2024{suffix}"
    (write_csv if suffix == ".csv" else write_xlsx)(path, rows)
    result = run(app, "ilab", path)
    assert result.exit_code == 1
    for part in (problem,) if isinstance(problem, str) else problem:
        assert part in result.output
    assert "nothing imported" in result.output
    assert not store.exists()


def test_every_problem_is_listed_at_once(tmp_path):
    rows = [ILAB_HEADER] + [["Copper", f"Nowhere {n}", "", "Yes", "", ""] for n in range(40)]
    with pytest.raises(importer.ImportProblems) as error:
        importer.read_ilab(write_csv(tmp_path / "goods.csv", rows))
    assert len(error.value.problems) == 40
    assert "row 41, column 'Country' (B): unknown country 'Nowhere 39'" in error.value.problems
    assert "... and 15 more" in str(error.value)


def test_not_a_spreadsheet(app, tmp_path):
    path = tmp_path / "goods_2024.pdf"
    path.write_bytes(b"%PDF-1.7")
    assert "not an .xlsx or .csv file" in run(app, "ilab", path).output
    broken = tmp_path / "goods_2024.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    assert "not a readable .xlsx workbook" in run(app, "ilab", broken).output


# ------------------------------------------------------------------ WGI

LONG_HEADER = ["codeindyr", "code", "countryname", "year", "indicator", "estimate", "pctrank"]


def long_rows(year: int, code: str, name: str, rank: float, estimate: float = -1.0):
    return [
        [f"{code}{ind}{year}", code, name, year, ind, estimate, rank]
        for ind in rules.refdata.WGI_INDICATORS
    ]


def test_import_wgi_workbook_in_long_form_takes_the_latest_year(app, tmp_path, store):
    rows = [
        LONG_HEADER,
        *long_rows(2023, "ZAR", "Congo, Dem. Rep.", 5.0),
        *long_rows(2024, "ZAR", "Congo, Dem. Rep.", 4.5),
        *long_rows(2024, "IDN", "Indonesia", 40.0, 0.1),
        *long_rows(2024, "KSV", "Kosovo", 50.0),
        ["x", "JPN", "Japan", 2024, "rl", "..", ".."],
    ]
    source = write_xlsx(tmp_path / "wgidataset.xlsx", rows, title="Sheet1")
    result = run(app, "wgi", source)
    assert result.exit_code == 0, result.output
    assert "Imported wgi edition 2024" in result.output
    assert "skipped row" in result.output and "Kosovo" in result.output
    data = library(store).select({"wgi": "2024"})
    assert data.wgi_percentile("CD", "rl") == 4.5
    assert data.wgi_percentile("ID", "va") == 40.0
    assert data.wgi_percentile("JP", "rl") is None
    assert data.label("wgi") == (
        "Worldwide Governance Indicators, data year 2024 (imported from wgidataset.xlsx)"
    )
    with (store / "wgi_2024.csv").open(encoding="utf-8") as handle:
        stored = {row["iso2"]: row for row in csv.DictReader(handle)}
    assert stored["CD"]["wgi_code"] == "ZAR" and stored["ID"]["iso3"] == "IDN"
    assert stored["ID"]["rl_est"] == "0.1"


def test_import_wgi_databank_csv_for_a_chosen_year(app, tmp_path, store):
    header = ["Country Name", "Country Code", "Series Name", "Series Code"]
    header += ["2022 [YR2022]", "2023 [YR2023]"]
    rows = [header]
    for name, code, rank in [("Zambia", "ZMB", 30.1), ("Korea, Rep.", "KOR", 80.2)]:
        for ind in rules.refdata.WGI_INDICATORS:
            rows.append([name, code, f"{ind} percentile", f"{ind.upper()}.PER.RNK", rank, rank + 1])
            rows.append([name, code, f"{ind} estimate", f"{ind.upper()}.EST", "..", "0.5"])
            rows.append([name, code, f"{ind} std err", f"{ind.upper()}.STD.ERR", "0.2", "0.2"])
    rows += [[], ["Data from database: Worldwide Governance Indicators"], ["Last Updated: 2024"]]
    source = write_csv(tmp_path / "wgi_databank.csv", rows)
    result = run(app, "wgi", source, "--year", "2022", "--edition", "2022-databank")
    assert result.exit_code == 0, result.output
    data = library(store).select({"wgi": "2022-databank"})
    assert data.wgi_percentile("ZM", "rl") == 30.1
    assert data.wgi_percentile("KR", "cc") == 80.2


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda rows: rows.__setitem__(0, ["code", "countryname", "year", "value"]),
            "no header row: none of the first 20 rows has the columns",
        ),
        (
            lambda rows: rows.append(["x", "ATL", "Atlantis", 2024, "rl", 0.1, 50]),
            "row 14, column 'countryname' (C): unknown country 'ATL / Atlantis'",
        ),
        (
            lambda rows: rows.append(["x", "ZMB", "Zambia", 2024, "rl", 0.1, "high"]),
            "row 14, column 'pctrank' (G): 'high' is not a number",
        ),
        (
            lambda rows: rows.append(["x", "ZMB", "Zambia", 2024, "rl", 0.1, 140]),
            "row 14, column 'pctrank' (G): 140 is not a percentile rank (0 to 100)",
        ),
        (
            lambda rows: rows.append(["x", "ZMB", "Zambia", 2024, "happiness", 0.1, 40]),
            "row 14, column 'indicator' (E): unknown indicator 'happiness'",
        ),
        (
            lambda rows: rows.append(["x", "ZMB", "Zambia", "last year", "rl", 0.1, 40]),
            "row 14, column 'year' (D): 'last year' is not a year",
        ),
    ],
)
def test_wgi_validation_names_the_row_and_column(app, tmp_path, store, change, problem):
    rows = [LONG_HEADER, *long_rows(2024, "IDN", "Indonesia", 40), *long_rows(2024, "JPN", "J", 90)]
    change(rows)
    result = run(app, "wgi", write_csv(tmp_path / "wgi.csv", rows))
    assert result.exit_code == 1
    assert problem in result.output
    assert not store.exists()


def test_a_wgi_year_the_file_lacks(tmp_path):
    path = write_csv(tmp_path / "wgi.csv", [LONG_HEADER, *long_rows(2024, "IDN", "Indonesia", 40)])
    with pytest.raises(
        importer.ImportProblems, match=r"no percentile rank for year 2019 \(years: 2024\)"
    ):
        importer.read_wgi(path, year=2019)


# ------------------------------------------------------------------ countries and listing


def test_country_names_map_as_the_shipped_files_were_mapped():
    directory = rules.refdata.DEFAULT_DIRECTORY
    with (directory / "ilab_list_of_goods_2022.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert importer.country_code(row["country"])[0] == row["iso_alpha2"], row["country"]
    with (directory / "wgi_2023.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            expected = row["iso2"] or importer.NO_CODE
            assert importer.country_code(row["economy"])[0] == expected, row["economy"]
            assert importer.country_code(row["wgi_code"])[0] == expected, row["wgi_code"]
    assert importer.country_code("Atlantis") == (None, "")


def test_list_shows_every_edition_and_who_scores_with_it(app, tmp_path):
    source = write_csv(tmp_path / "ilab_2024.csv", [ILAB_HEADER, *ILAB_ROWS])
    assert run(app, "ilab", source).exit_code == 0
    output = app.test_cli_runner().invoke(args=["refdata", "list"]).output
    assert "ilab 2022: ILAB List of Goods, 2022 edition" in output
    assert "[default; scores critical-minerals-risk 1.0, critical-minerals-risk 1.1]" in output
    assert "ilab 2024-minerals-extract: ILAB List of Goods: 2022 edition + 2024 changes" in output
    assert "ilab 2024: ILAB List of Goods, edition 2024 (imported from ilab_2024.csv)" in output


def test_risk_check_reports_a_chosen_edition_that_is_not_installed(app):
    app.config["REFDATA_EDITIONS"] = {"ilab": "2031"}
    result = app.test_cli_runner().invoke(args=["risk", "check"])
    assert result.exit_code == 1
    assert "reference data: no edition '2031' of source 'ilab'" in result.output


def test_the_configuration_reads_chosen_editions(monkeypatch):
    from config import ConfigError, load_config

    monkeypatch.setenv("REFDATA_EDITIONS", "ilab=2024, wgi=2023")
    assert load_config(BASE_CONFIG)["REFDATA_EDITIONS"] == {"ilab": "2024", "wgi": "2023"}
    monkeypatch.setenv("REFDATA_EDITIONS", "ilab")
    with pytest.raises(ConfigError, match="'ilab' is not SOURCE=EDITION"):
        load_config(BASE_CONFIG)


def test_the_default_folder_is_under_instance():
    from config import INSTANCE_DIR, load_config

    assert Path(load_config(BASE_CONFIG)["REFDATA_DIR"]) == INSTANCE_DIR / "refdata"


def test_the_stored_edition_file_is_plain_yaml(app, tmp_path, store):
    source = write_csv(tmp_path / "ilab_2024.csv", [ILAB_HEADER, *ILAB_ROWS])
    assert run(app, "ilab", source).exit_code == 0
    meta = yaml.safe_load((store / "ilab_list_of_goods_2024.edition.yaml").read_text())
    assert meta["source"] == "ilab" and meta["edition"] == "2024"
    assert meta["data"] == "ilab_list_of_goods_2024.csv"
    assert meta["imported"]["rows"] == 5
