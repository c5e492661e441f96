"""From a declaration to the questionnaire's answers and back into a template."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

import questionnaires as qn
import rmi
from rmi import layouts
from services.rmi import country_code
from tests.rmi.workbooks import template, workbook

DEFINITION = qn.load_all()[("critical-minerals-dd", "1.1")]
EMRT = layouts.LAYOUTS[("EMRT", "2.1")]
AMRT = layouts.LAYOUTS[("AMRT", "1.3")]
DECLARED = {
    "q1": "Yes",
    "q2": "Yes",
    "q3": "No",
    "q4": "No",
    "q5": "Greater than 90%",
    "q6": "Yes",
    "q7": "Yes",
    "c": "Yes",
    "q3_comment": "EU list checked",
}
FULL = dict(
    company={"company_unique_id": "DUNS 123456789", "address": "1 Harbour Road"},
    selected=["Cobalt", "Graphite", "Nickel", "Copper"],
    minerals={
        "Cobalt": DECLARED,
        "Graphite": {**DECLARED, "q3": "Unknown", "q5": "100%", "q6": "No", "q7": "Yes"},
        "Nickel": {"q1": "Not declaring"},
        "Copper": {"q1": "Yes", "q2": "No"},
    },
    company_questions={
        "A": "Yes",
        "B": "No",
        "D": "Yes",
        "F": "No",
        "G": "Yes",
        "E": "Yes, Using Other Format (Describe)",
        "E_comment": "Own form",
    },
    smelters=[
        {
            "metal": "Cobalt",
            "lookup_name": "Example Cobalt Refinery One",
            "country": "CHINA",
            "cid": "CID900001",
            "street": "1 Refinery Road",
            "recycled_100": "No",
        },
        {
            "metal": "Graphite",
            "lookup_name": "Smelter not listed",
            "name": "Jixi Graphite Plant",
            "country": "CHINA",
            "comments": "spherical graphite",
        },
        {"metal": "Graphite", "lookup_name": "Smelter not yet identified"},
        {
            "metal": "Copper",
            "lookup_name": "Smelter not listed",
            "name": "Copper Works",
            "country": "JAPAN",
        },
    ],
    mines=[
        {
            "metal": "Cobalt",
            "smelter_names": "Example Cobalt Refinery One",
            "site_name": "Kolwezi Pit",
            "mine_id": "M-1",
            "country": "CONGO, THE DEMOCRATIC REPUBLIC OF THE",
            "next_steps": "visit",
        }
    ],
    products=[{"responder_no": "P-1", "responder_name": "Cathode"}],
)


def read(data: bytes) -> rmi.Reading:
    return rmi.read(data, country_code)


def mapped(reading: rmi.Reading, layout=EMRT) -> dict:
    return {q: item.value for q, item in rmi.to_answers(reading, layout, DEFINITION).mapped.items()}


def test_a_full_emrt_maps_onto_the_questionnaire():
    answers = mapped(read(workbook(**FULL)))
    assert answers == {
        "org_legal_name": "Example Refining Co., Ltd.",
        "org_identifier": "DUNS 123456789",
        "org_minerals": ["cobalt", "graphite"],
        "trace_cobalt_cahra": "no",
        "trace_cobalt_smelters_identified": "yes",
        "trace_graphite_cahra": "unknown",
        "trace_graphite_smelters_identified": "partly",
        "trace_survey_response_rate": 91,
        "dd_policy": "yes",
        "trace_supplier_survey": "yes",
        "dd_corrective_action": "yes",
        "trace_smelters": [
            {
                "mineral": "cobalt",
                "name": "Example Cobalt Refinery One",
                "country": "CN",
                "rmi_id": "CID900001",
                "assurance": "unknown",
                "recycled_only": "no",
            },
            {
                "mineral": "graphite",
                "name": "Jixi Graphite Plant",
                "country": "CN",
                "assurance": "not_listed",
            },
        ],
        "trace_mines": [
            {
                "mineral": "cobalt",
                "name": "Kolwezi Pit",
                "country": "CD",
                "mine_id": "M-1",
                "smelter": "Example Cobalt Refinery One",
                "assurance": "unknown",
            },
        ],
    }


def test_what_has_no_question_is_listed_with_its_cells():
    mapping = rmi.to_answers(read(workbook(**FULL)), EMRT, DEFINITION)
    unmapped = {(u.item, u.reason, tuple(u.cells)) for u in mapping.unmapped}
    assert ("Copper", "not_in_questionnaire", ("Declaration!D31",)) in unmapped
    assert ("q4", "kept_only", ("Declaration!D66",)) in unmapped
    assert ("smelters", "not_identified", ("Smelter List!C7",)) in unmapped
    assert ("smelters", "not_in_questionnaire", ("Smelter List!C8",)) in unmapped
    assert ("contact_name", "kept_only", ("Declaration!D19",)) in unmapped
    assert ("products", "kept_only", ("Product List!B6",)) in unmapped


def test_an_import_keeps_other_minerals_and_lists_conflicts():
    mapping = rmi.to_answers(read(workbook(**FULL)), EMRT, DEFINITION)
    current = {
        "org_minerals": ["manganese", "nickel"],
        "trace_cobalt_cahra": "no",
        "dd_policy": "no",
        "trace_smelters": [
            {"mineral": "manganese", "name": "Mn Plant", "country": "ZA", "assurance": "unknown"},
        ],
    }
    proposals = {p.question_id: p for p in rmi.propose(mapping, current)}
    # The EMRT says Nickel is "Not declaring": it declares nickel, so nickel goes; manganese
    # is not the EMRT's to say, so it stays.
    assert proposals["org_minerals"].proposed == ["cobalt", "graphite", "manganese"]
    assert proposals["org_minerals"].status == "conflict"
    assert proposals["trace_cobalt_cahra"].status == "same"
    assert (proposals["dd_policy"].status, proposals["dd_policy"].current) == ("conflict", "no")
    assert proposals["trace_graphite_cahra"].status == "new"
    rows = proposals["trace_smelters"].proposed
    assert rows[0]["name"] == "Mn Plant" and len(rows) == 3


def test_amrt_maps_manganese_and_its_response_rate():
    data = workbook(
        "AMRT",
        selected=["Manganese", "Aluminum"],
        minerals={"Manganese": {"q1": "Yes", "q2": 1}, "Aluminum": {"q1": "Yes"}},
    )
    answers = mapped(read(data), AMRT)
    assert answers == {
        "org_legal_name": "Example Refining Co., Ltd.",
        "org_minerals": ["manganese"],
        "trace_survey_response_rate": 100,
        "trace_supplier_survey": "yes",
    }


def _round_trip(data: bytes, layout, base: bool, kind="EMRT", version="2.1"):
    first = read(data)
    answers = {
        p.question_id: p.proposed
        for p in rmi.propose(rmi.to_answers(first, layout, DEFINITION), {})
    }
    declaration = rmi.from_answers(answers, DEFINITION, layout, first.declaration if base else None)
    exported = rmi.write(template(kind, version), declaration, country_code)
    return first, answers, read(exported), exported


def test_round_trip_import_export_import_gives_the_same_declaration():
    first, answers, second, _ = _round_trip(workbook(**FULL), EMRT, base=True)
    assert second.declaration == first.declaration
    assert mapped(second) == answers


def test_round_trip_from_answers_alone_gives_the_same_answers():
    first, answers, second, _ = _round_trip(workbook(**FULL), EMRT, base=False)
    assert mapped(second) == answers
    assert second.declaration.mineral("Graphite")["answers"]["q6"] == "No"
    assert second.declaration.company == {
        "company_name": "Example Refining Co., Ltd.",
        "company_unique_id": "DUNS 123456789",
    }


def test_round_trip_of_an_amrt():
    data = workbook(
        "AMRT",
        selected=["Manganese"],
        minerals={"Manganese": {"q1": "Yes", "q2": 1}},
        smelters=[
            {
                "metal": "Manganese",
                "lookup_name": "Smelter not listed",
                "name": "Kalahari Sinter",
                "country": "SOUTH AFRICA",
            }
        ],
    )
    first, answers, second, _ = _round_trip(data, AMRT, base=False, kind="AMRT", version="1.3")
    assert mapped(second, AMRT) == answers
    assert second.declaration.smelters == first.declaration.smelters


def test_export_writes_input_cells_and_keeps_formulas_and_validation():
    *_, exported = _round_trip(workbook(**FULL), EMRT, base=True)
    book = load_workbook(io.BytesIO(exported))
    assert book.calculation.fullCalcOnLoad is True
    declaration = book["Declaration"]
    assert declaration["B30"].value == '=AA12&"(*)"'
    assert declaration["D12"].value == "Cobalt"
    assert declaration["E12"].value == "Copper"
    assert declaration["D13"].value == "(Delete Lithium)"
    assert any("D3" in str(v.sqref) for v in declaration.data_validations.dataValidation)
    smelters = book["Smelter List"]
    assert smelters["E5"].value.startswith("=")  # listed: the formula stays
    assert smelters["A5"].value == "CID900001"
    assert smelters["E6"].value == "CHINA"  # not listed: the template's own country name
    assert book["Mine List"]["F5"].value == "CONGO, THE DEMOCRATIC REPUBLIC OF THE"


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "#REF", "  =1+1"])
def test_a_formula_like_value_is_refused_on_export(value):
    declaration = rmi.from_answers({"org_legal_name": value}, DEFINITION, EMRT)
    with pytest.raises(rmi.ExportRefused) as refused:
        rmi.write(template(), declaration, country_code)
    (problem,) = refused.value.problems
    assert (problem.cell, problem.code) == ("Declaration!D8", "formula_like")


def test_export_into_a_template_of_the_other_kind_is_refused():
    declaration = rmi.from_answers({}, DEFINITION, EMRT)
    with pytest.raises(rmi.TemplateError):
        rmi.write(template("AMRT", "1.3"), declaration, country_code)


def test_export_respects_the_templates_row_limit():
    declaration = rmi.from_answers({}, DEFINITION, EMRT)
    declaration.mines = [{"metal": "Cobalt", "site_name": f"Pit {n}"} for n in range(2501)]
    with pytest.raises(rmi.ExportRefused) as refused:
        rmi.write(template(), declaration, country_code)
    assert refused.value.problems[0].code == "rows_truncated"


@pytest.mark.parametrize(
    ("rate", "survey", "category"),
    [
        (100, "yes", "100%"),
        (95, "yes", "Greater than 90%"),
        (91, "yes", "Greater than 90%"),
        (90, "yes", "Greater than 75%"),
        (51, "yes", "Greater than 50%"),
        (50, "yes", "50% or less"),
        (0, "yes", "None"),
        (None, "no", "Did not survey"),
        (None, "yes", None),
    ],
)
def test_response_rate_categories(rate, survey, category):
    from rmi.exporting import rate_category

    assert rate_category(rate, survey) == category
