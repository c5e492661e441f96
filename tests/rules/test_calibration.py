"""The calibration table: realistic answer sets, each rated as an auditor would expect, and the
table in rules/README.md showing what each one gets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import demo
import questionnaires as qn
from demo import calibration
from rules import editions_for, evaluate, load_library, ruleset_for

README = Path(__file__).resolve().parents[2] / "rules" / "README.md"
CASES = calibration.cases()


def score(case, editions=None):
    """Score a case with the editions its rule set names (``editions`` over them)."""
    document = demo.document(case.name)
    ruleset = ruleset_for(document["questionnaire"], document["version"])
    refdata = load_library().select(editions_for(ruleset, editions))
    return evaluate(ruleset, document, refdata, demo.as_of(case.name))


@pytest.fixture(scope="module")
def results():
    return {case.name: score(case) for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_answer_set_gets_the_rating_an_auditor_expects(case, results):
    result = results[case.name]
    assert result.ruleset_version == "1.1"
    assert result.incomplete == ()
    assert result.rating.label == case.expected, case.why


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_2022_edition_alone_changes_no_expected_rating(case):
    assert score(case).data_editions["ilab"] == "2024-minerals-extract"
    result = score(case, {"ilab": "2022"})
    assert result.data_editions["ilab"] == "2022"
    assert result.rating.label == case.expected, case.why


def test_the_table_covers_every_mineral_stage_and_country_risk_level():
    questionnaire = qn.load_all()[("critical-minerals-dd", "1.1")]
    assert len(CASES) >= 20
    assert len({case.name for case in CASES}) == len(CASES)
    minerals = set(questionnaire.question("org_minerals").option_values)
    stages = set(questionnaire.question("org_lifecycle_stages").option_values)
    assert {m for case in CASES for m in case.minerals} == minerals
    assert {s for case in CASES for s in case.stages} == stages
    assert {case.country_risk for case in CASES} == {"low", "medium", "high"}
    assert {case.expected for case in CASES} == {"low", "medium", "high", "critical"}
    for case in CASES:
        answers = demo.document(case.name)["answers"]
        assert set(case.minerals) == set(answers["org_minerals"]), case.name
        assert set(case.stages) == set(answers["org_lifecycle_stages"]), case.name


def _readme_rows() -> dict[str, list[str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("### Calibration table", 1)[1].split("\n#", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"`(calibration/[a-z0-9-]+)`", cells[0]) if cells else None
        if match:
            rows[match.group(1)] = cells[1:]
    return rows


def test_the_readme_shows_the_table_with_what_each_case_gets(results):
    rows = _readme_rows()
    assert list(rows) == [case.name for case in CASES]
    for case in CASES:
        _what, expected, got, why = rows[case.name]
        assert expected == case.expected, case.name
        assert got == f"{results[case.name].rating.label} ({results[case.name].score})", case.name
        assert why == case.why, case.name
